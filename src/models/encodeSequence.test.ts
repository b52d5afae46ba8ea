import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { encodeSequence, scoreWithSequenceModel } from './encodeSequence.js';
import { buildModelFiles, disposeModel, loadModelFiles } from './modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';
import { initParams } from './sequenceEncoder.js';

describe('scoreWithSequenceModel', () => {
  it('scores every item as user vector . dequantised item row, and abstains on an empty history', async () => {
    await useTrainingBackend('cpu');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind: 'sasrec', itemCount: 300, dim: 16, maxLen: 8 };
    const params = initParams(config, 2);
    const files = await buildModelFiles(config, { dataset: 't', fingerprint: 'f', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const model = loadModelFiles(files);
    const history = [4, 250, 17];
    const user = encodeSequence(model, history);
    const scores = new Float32Array(300);
    expect(scoreWithSequenceModel(model, history, scores)).toBe(true);
    const table = (await model.params.item_embedding!.data()) as Float32Array; // row 0 = padding
    for (const i of [0, 4, 123, 299]) {
      let dot = 0;
      for (let j = 0; j < 16; j++) dot += user[j]! * table[(i + 1) * 16 + j]!;
      expect(scores[i]).toBeCloseTo(dot, 4);
    }
    const untouched = new Float32Array(300).fill(7);
    expect(scoreWithSequenceModel(model, [], untouched)).toBe(false);
    expect(untouched.every((v) => v === 7)).toBe(true);
    disposeModel(model);
  });
});
