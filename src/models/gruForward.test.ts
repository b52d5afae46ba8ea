import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { encodeSequence } from './encodeSequence.js';
import { createGruForward } from './gruForward.js';
import { buildModelFiles, disposeModel, loadModelFiles } from './modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';
import { decodeFloat32Weights } from './sasrecForward.js';
import { initParams } from './sequenceEncoder.js';

describe('gruForward (plain-loop GRU inference)', () => {
  it.each([
    [16, 12],
    [20, 7],
  ])('gives the tfjs encoder\'s user vector (D = %i, max length %i) for short, full, too-long and mixed histories', async (dim, maxLen) => {
    await useTrainingBackend('cpu');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'gru', itemCount: 300, dim, maxLen };
    const params = initParams(config, 7 + dim);
    // Non-zero biases, different per gate (init leaves them at 0, which would hide a gate or bias mix-up), and
    // recurrent weights large enough that the state carries information across steps.
    for (const [name, p] of Object.entries(params)) {
      if (name !== 'item_embedding' && p.rank === 1) (p as tf.Variable).assign(tf.randomNormal(p.shape, 0.2, 0.5, 'float32', name.length));
      if (name === 'gru/wh') (p as tf.Variable).assign(tf.mul(p, 2));
    }
    const files = await buildModelFiles(config, { dataset: 't', fingerprint: 'f', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const model = loadModelFiles(files);
    const forward = createGruForward({
      config,
      items: files.itemTable,
      weights: decodeFloat32Weights(files.json.weightsManifest.flatMap((g) => g.weights), new Uint8Array(files.weights)),
    });
    const histories = [[7], [5, 250, 17, 17, 3], Array.from({ length: maxLen }, (_, i) => (i * 37) % 300), Array.from({ length: 30 }, (_, i) => (i * 91) % 300), [-1, 4, 999, 8, 2.5]];
    const vectors: Float32Array[] = [];
    for (const history of histories) {
      const expected = encodeSequence(model, history);
      const actual = forward.encode(history);
      expect(actual.length).toBe(dim);
      for (let j = 0; j < dim; j++) expect(Math.abs(actual[j]! - expected[j]!)).toBeLessThan(1e-4 * (1 + Math.abs(expected[j]!)));
      vectors.push(actual);
    }
    // The order of the items matters (a recurrent state, not a bag of items): a reversed history differs.
    const reversed = forward.encode([...histories[1]!].reverse());
    expect(reversed.some((v, j) => Math.abs(v - vectors[1]![j]!) > 1e-3)).toBe(true);
    // Encodings do not leak state into each other (the buffers are reused).
    expect(Array.from(forward.encode(histories[0]!))).toEqual(Array.from(vectors[0]!));
    expect(Array.from(forward.encode([]))).toEqual(new Array(dim).fill(0));
    expect(Array.from(forward.encode([-3, 300]))).toEqual(new Array(dim).fill(0));
    disposeModel(model);
  });

  it('rejects another kind, a mismatched item table, and a missing weight, naming it', () => {
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'gru', itemCount: 3, dim: 4, maxLen: 2 };
    const items = { dtype: 'int8' as const, count: 3, dim: 4, codes: new Int8Array(12), scales: new Float32Array(3) };
    expect(() => createGruForward({ config: { ...config, kind: 'caser' }, items, weights: {} })).toThrow(/needs a gru model, got caser/);
    expect(() => createGruForward({ config, items: { ...items, count: 2 }, weights: {} })).toThrow(/item table is 2 x 4/);
    const weights = { 'gru/wx': new Float32Array(48), 'gru/bx': new Float32Array(12), 'gru/wh': new Float32Array(48), 'gru/bh': new Float32Array(12), 'gru/out/w': new Float32Array(15) };
    expect(() => createGruForward({ config, items, weights })).toThrow(/"gru\/out\/w" is missing or has 15 values, expected 16/);
  });
});
