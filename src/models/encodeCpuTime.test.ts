import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { encodeSequence } from './encodeSequence.js';
import { buildModelFiles, disposeModel, loadModelFiles } from './modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';
import { createCaserForward } from './caserForward.js';
import { createGruForward } from './gruForward.js';
import { createSasrecForward, decodeFloat32Weights } from './sasrecForward.js';
import { initParams } from './sequenceEncoder.js';

/**
 * CPU time (process.cpuUsage, not wall time: on the shared 2-core machine wall time measures the neighbours)
 * of one encoding (SASRec, GRU, Caser) at length 50 with Beauty's shape, for the plain loops the worker runs and for
 * tfjs wasm. Logged for docs/reports/models; the only assertion is that both give the same vector.
 */
const PLAIN_FORWARDS = { sasrec: createSasrecForward, gru: createGruForward, caser: createCaserForward } as const;

describe.each(['sasrec', 'gru', 'caser'] as const)('%s encoding CPU time (node, Beauty shape, length 50)', (kind) => {
  it('logs CPU ms per encoding for plain loops and tfjs wasm', async () => {
    await useTrainingBackend('wasm');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind, itemCount: 12101, heads: 1 };
    const params = initParams(config, 5);
    const files = await buildModelFiles(config, { dataset: 'random', fingerprint: 'x', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const model = loadModelFiles(files);
    const forward = PLAIN_FORWARDS[kind]({ config, items: files.itemTable, weights: decodeFloat32Weights(files.json.weightsManifest.flatMap((g) => g.weights), new Uint8Array(files.weights)) });
    const history = Array.from({ length: 50 }, (_, i) => (i * 7919) % 12101);
    const engines: Record<string, () => Float32Array> = { js: () => forward.encode(history), 'tfjs-wasm': () => encodeSequence(model, history) };
    const cpuMs: Record<string, number> = {};
    for (const [name, run] of Object.entries(engines)) {
      for (let i = 0; i < 20; i++) run(); // warm-up (JIT, kernels)
      const runs = 200;
      const started = process.cpuUsage();
      for (let i = 0; i < runs; i++) run();
      const used = process.cpuUsage(started);
      cpuMs[name] = Number(((used.user + used.system) / 1000 / runs).toFixed(3));
    }
    console.log(`encode ${kind} D=64 L=50${kind === 'sasrec' ? ' (2 blocks, 1 head)' : ''}, CPU ms per encoding (mean of 200): ${JSON.stringify(cpuMs)}`);
    const a = engines.js!();
    const b = engines['tfjs-wasm']!();
    for (let j = 0; j < 64; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThan(1e-3 * (1 + Math.abs(b[j]!)));
    disposeModel(model);
  }, 300_000);
});
