import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createCaserForward } from './caserForward.js';
import { encodeSequence } from './encodeSequence.js';
import { buildModelFiles, disposeModel, loadModelFiles } from './modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';
import { decodeFloat32Weights } from './sasrecForward.js';
import { initParams } from './sequenceEncoder.js';

describe('caserForward (plain-loop Caser inference)', () => {
  it.each([
    [16, 12, 5, 4, 3],
    [12, 7, 3, 6, 2],
    [8, 3, 4, 2, 1],
  ])('gives the tfjs encoder\'s user vector (D = %i, max length %i, window %i, %i horizontal, %i vertical) for short, full, too-long and mixed histories', async (dim, maxLen, caserWindow, caserHorizontal, caserVertical) => {
    await useTrainingBackend('cpu');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'caser', itemCount: 300, dim, maxLen, caserWindow, caserHorizontal, caserVertical };
    const params = initParams(config, 13 + dim);
    // Biases around 0 (init leaves them at 0): some filters are then cut by the ReLU, others not, and a bias or
    // feature-order mix-up changes the vector.
    for (const [name, p] of Object.entries(params)) if (name !== 'item_embedding' && p.rank === 1) p.assign(tf.randomNormal(p.shape, 0, 0.3, 'float32', name.length));
    const files = await buildModelFiles(config, { dataset: 't', fingerprint: 'f', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const model = loadModelFiles(files);
    const forward = createCaserForward({
      config,
      items: files.itemTable,
      weights: decodeFloat32Weights(files.json.weightsManifest.flatMap((g) => g.weights), new Uint8Array(files.weights)),
    });
    const histories = [[7], [5, 250], [5, 250, 17, 17, 3, 99], Array.from({ length: maxLen }, (_, i) => (i * 37) % 300), Array.from({ length: 30 }, (_, i) => (i * 91) % 300), [-1, 4, 999, 8, 2.5]];
    const vectors: Float32Array[] = [];
    for (const history of histories) {
      const expected = encodeSequence(model, history);
      const actual = forward.encode(history);
      expect(actual.length).toBe(dim);
      expect(actual.some((v) => v !== 0)).toBe(true);
      for (let j = 0; j < dim; j++) expect(Math.abs(actual[j]! - expected[j]!)).toBeLessThan(1e-4 * (1 + Math.abs(expected[j]!)));
      vectors.push(actual);
    }
    // The order within the window matters (vertical filters weigh rows by position): a reversed history differs.
    const reversed = forward.encode([...histories[2]!].reverse());
    expect(reversed.some((v, j) => Math.abs(v - vectors[2]![j]!) > 1e-3)).toBe(true);
    // Encodings do not leak into each other (the window buffer is reused): a short one after a long one.
    expect(Array.from(forward.encode(histories[0]!))).toEqual(Array.from(vectors[0]!));
    expect(Array.from(forward.encode([]))).toEqual(new Array(dim).fill(0));
    expect(Array.from(forward.encode([-3, 300]))).toEqual(new Array(dim).fill(0));
    disposeModel(model);
  });

  it('rejects another kind, a mismatched item table, and a missing weight, naming it', () => {
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'caser', itemCount: 3, dim: 4, maxLen: 4, caserWindow: 2, caserHorizontal: 2, caserVertical: 1 };
    const items = { dtype: 'int8' as const, count: 3, dim: 4, codes: new Int8Array(12), scales: new Float32Array(3) };
    expect(() => createCaserForward({ config: { ...config, kind: 'gru' }, items, weights: {} })).toThrow(/needs a caser model, got gru/);
    expect(() => createCaserForward({ config, items: { ...items, dim: 3 }, weights: {} })).toThrow(/item table is 3 x 3/);
    const weights = { 'caser/h1/w': new Float32Array(8), 'caser/h1/b': new Float32Array(2), 'caser/h2/w': new Float32Array(16) };
    expect(() => createCaserForward({ config, items, weights })).toThrow(/"caser\/h2\/b" is missing/);
  });
});
