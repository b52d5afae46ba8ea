import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { TFJS_WASM_PATHS } from '../scoring/tfjsWasmPaths.js';
import { encodeSequence } from './encodeSequence.js';
import { createCaserForward } from './caserForward.js';
import { createGruForward } from './gruForward.js';
import { buildModelFiles, disposeModel, loadModelFiles, type SequenceModelFiles } from './modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig, type SequenceModelKind } from './modelSpec.js';
import { createSasrecForward, decodeFloat32Weights } from './sasrecForward.js';
import { encodeLast, initParams } from './sequenceEncoder.js';

/**
 * The in-browser encoder in real Chromium: same vector on every backend, padding-invariant, leak-free, and
 * timed at max length 50 with Beauty's shape (12,101 items, D = 64). Timings are logged, not asserted.
 */
setWasmPaths(TFJS_WASM_PATHS);
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function useBackend(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  expect(ok && tf.getBackend() === name).toBe(true);
}

async function randomModelFiles(kind: SequenceModelKind): Promise<SequenceModelFiles> {
  await useBackend('cpu');
  const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind, itemCount: 12101, heads: 2 };
  const params = initParams(config, 5);
  const files = await buildModelFiles(config, { dataset: 'random', fingerprint: 'x', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
  tf.dispose(Object.values(params));
  return files;
}

const history = Array.from({ length: 70 }, (_, i) => (i * 7919) % 12101);

describe.each(['sasrec', 'gru', 'caser'] as const)('encodeSequence (%s) in Chromium', (kind) => {
  it('gives the same vector on cpu, wasm and webgl, releases every tensor, and reports its time at length 50', async () => {
    const files = await randomModelFiles(kind);
    const vectors: Record<string, Float32Array> = {};
    const timings: Record<string, number> = {};
    for (const backend of ['cpu', 'wasm', 'webgl']) {
      await useBackend(backend);
      const model = loadModelFiles(files);
      const before = tf.memory().numTensors;
      vectors[backend] = encodeSequence(model, history);
      expect(tf.memory().numTensors).toBe(before);
      const times: number[] = [];
      for (let run = 0; run < 15; run++) {
        const started = performance.now();
        encodeSequence(model, history);
        times.push(performance.now() - started);
      }
      timings[backend] = times.sort((a, b) => a - b)[7]!;
      disposeModel(model);
    }
    console.log(`encodeSequence ${kind} D=64 L=50 p50 ms: ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([b, t]) => [b, Number(t.toFixed(2))])))}`);
    const reference = vectors.cpu!;
    expect(reference.length).toBe(64);
    expect(reference.some((v) => v !== 0)).toBe(true);
    for (const backend of ['wasm', 'webgl']) {
      for (let j = 0; j < 64; j++) expect(Math.abs(vectors[backend]![j]! - reference[j]!)).toBeLessThan(1e-3 * (1 + Math.abs(reference[j]!)));
    }
  }, 120_000);

  it('reads only the last maxLen items, ignores unknown indices, encodes padding-invariantly, and abstains when empty', async () => {
    const files = await randomModelFiles(kind);
    await useBackend('cpu');
    const model = loadModelFiles(files);
    const full = encodeSequence(model, history);
    expect(Array.from(encodeSequence(model, history.slice(-50)))).toEqual(Array.from(full));
    expect(Array.from(encodeSequence(model, [-1, ...history.slice(-50), 99999]))).toEqual(Array.from(full));
    expect(Array.from(encodeSequence(model, []))).toEqual(new Array(64).fill(0));
    // The same short history alone and left-padded in a batch next to a longer one (what training and eval do).
    const short = [5, 17, 3];
    const alone = encodeSequence(model, short);
    const batched = tf.tidy(() => {
      const tokens = new Int32Array(2 * 6);
      tokens.set([0, 0, 0, 6, 18, 4], 0);
      tokens.set([9, 10, 11, 12, 13, 14], 6);
      return encodeLast(model.params, model.config, tf.tensor2d(tokens, [2, 6], 'int32')).arraySync();
    });
    for (let j = 0; j < 64; j++) expect(Math.abs(batched[0]![j]! - alone[j]!)).toBeLessThan(1e-4);
    disposeModel(model);
  }, 60_000);
});

const PLAIN_FORWARDS = { sasrec: createSasrecForward, gru: createGruForward, caser: createCaserForward } as const;

describe.each(['sasrec', 'gru', 'caser'] as const)('%s encoding engines in Chromium (Beauty shape: 12,101 items, D = 64, length 50; sasrec 2 blocks, 1 head)', (kind) => {
  it('plain loops (what the worker runs) give the tfjs vector; p50 of each engine, interleaved, is logged', async () => {
    await useBackend('cpu');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind, itemCount: 12101, heads: 1 };
    const params = initParams(config, 5);
    const files = await buildModelFiles(config, { dataset: 'random', fingerprint: 'x', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const reference = loadModelFiles(files);
    const expected = encodeSequence(reference, history);
    disposeModel(reference);
    const forward = PLAIN_FORWARDS[kind]({ config, items: files.itemTable, weights: decodeFloat32Weights(files.json.weightsManifest.flatMap((g) => g.weights), new Uint8Array(files.weights)) });
    await useBackend('wasm');
    const model = loadModelFiles(files);
    const engines: Record<string, () => Float32Array> = { js: () => forward.encode(history), 'tfjs-wasm': () => encodeSequence(model, history) };
    const times: Record<string, number[]> = { js: [], 'tfjs-wasm': [] };
    for (const run of Object.values(engines)) run(); // warm-up, as the worker does after loading
    // Interleaved, so that both engines see the same load on this shared machine.
    for (let i = 0; i < 41; i++) {
      for (const [name, run] of Object.entries(engines)) {
        const started = performance.now();
        run();
        times[name]!.push(performance.now() - started);
      }
    }
    const p50 = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, Number(t.sort((a, b) => a - b)[20]!.toFixed(2))]));
    console.log(`encode ${kind} D=64 L=50 p50 ms over 41 interleaved runs: ${JSON.stringify(p50)}`);
    const js = forward.encode(history);
    expect(js.some((v) => v !== 0)).toBe(true);
    for (let j = 0; j < 64; j++) expect(Math.abs(js[j]! - expected[j]!)).toBeLessThan(1e-3 * (1 + Math.abs(expected[j]!)));
    disposeModel(model);
  }, 120_000);
});
