import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { encodeSequence } from './encodeSequence.js';
import { buildModelFiles, disposeModel, loadModelFiles } from './modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';
import { createSasrecForward, decodeFloat32Weights } from './sasrecForward.js';
import { initParams } from './sequenceEncoder.js';

describe('sasrecForward (plain-loop SASRec inference)', () => {
  it.each([
    [1, 2],
    [2, 1],
    [4, 3],
  ])('gives the tfjs encoder\'s user vector (%i heads, %i blocks) for short, full and too-long histories', async (heads, blocks) => {
    await useTrainingBackend('cpu');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'sasrec', itemCount: 300, dim: 16, maxLen: 12, heads, blocks };
    const params = initParams(config, 3 + heads);
    // Non-trivial layer norms and biases (init leaves them at 1 and 0, which would hide a mix-up).
    for (const [name, p] of Object.entries(params)) if (!name.includes('embedding') && p.rank === 1) (p as tf.Variable).assign(tf.randomNormal(p.shape, 0.5, 0.3, 'float32', name.length));
    const files = await buildModelFiles(config, { dataset: 't', fingerprint: 'f', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const model = loadModelFiles(files);
    const forward = createSasrecForward({
      config,
      items: files.itemTable,
      weights: decodeFloat32Weights(files.json.weightsManifest.flatMap((g) => g.weights), new Uint8Array(files.weights)),
    });
    for (const history of [[7], [5, 250, 17, 17, 3], Array.from({ length: 12 }, (_, i) => (i * 37) % 300), Array.from({ length: 30 }, (_, i) => (i * 91) % 300), [-1, 4, 999, 8]]) {
      const expected = encodeSequence(model, history);
      const actual = forward.encode(history);
      for (let j = 0; j < 16; j++) expect(Math.abs(actual[j]! - expected[j]!)).toBeLessThan(1e-4 * (1 + Math.abs(expected[j]!)));
    }
    expect(Array.from(forward.encode([]))).toEqual(new Array(16).fill(0));
    disposeModel(model);
  });

  it('rejects a weights file that is too short or a weight that is missing, naming it', () => {
    const spec = [{ name: 'a', shape: [2, 2], dtype: 'float32' }];
    expect(() => decodeFloat32Weights(spec, new Uint8Array(12))).toThrow(/ends inside weight "a"/);
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'sasrec', itemCount: 3, dim: 4, maxLen: 2, blocks: 1 };
    const items = { dtype: 'int8' as const, count: 3, dim: 4, codes: new Int8Array(12), scales: new Float32Array(3) };
    expect(() => createSasrecForward({ config, items, weights: { position_embedding: new Float32Array(8) } })).toThrow(/"block0\/attn\/q\/w" is missing/);
  });
});
