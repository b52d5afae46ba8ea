import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildModelFiles } from '../models/modelArtifacts.js';
import { DEFAULT_MODEL_CONFIG, SEQUENCE_MODEL_KINDS, type SequenceModelConfig } from '../models/modelSpec.js';
import { useTrainingBackend } from '../models/nodeBackend.js';
import { initParams } from '../models/sequenceEncoder.js';
import { encoderOptions, sectionFromModelFiles, timeEncoding } from './encodeBench.js';

describe('encode bench', () => {
  it('forces every kind onto the named tfjs backend, and rejects an unknown mode', () => {
    expect(encoderOptions('worker')).toEqual({});
    const forced = encoderOptions('cpu');
    expect(forced).toMatchObject({ onTfjs: true, fallbacks: ['cpu'] });
    expect(forced.preferredBackend?.()).toBe('cpu');
    expect(() => encoderOptions('gpu')).toThrow(/"gpu" is not one of worker, wasm, cpu, webgl, webgpu/);
  });

  it.each(SEQUENCE_MODEL_KINDS)('times the worker default for %s: the plain loops, at the length asked (capped by max length)', async (kind) => {
    await useTrainingBackend('cpu');
    const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind, itemCount: 50, dim: 8, maxLen: 6, caserWindow: 3 };
    const params = initParams(config, 3);
    const files = await buildModelFiles(config, { dataset: 't', fingerprint: 'f', heldOutTail: 2, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, [], params);
    tf.dispose(Object.values(params));
    const section = sectionFromModelFiles(files.json, new Uint8Array(files.weights), files.itemTable.codes, files.itemTable.scales);
    const timing = await timeEncoding(section, 'worker', { length: 50, reps: 7, budgetMs: 1000 });
    expect(timing).toMatchObject({ kind, mode: 'worker', backend: 'js', length: 6, items: 50, dim: 8, maxLen: 6 });
    expect(timing.reps).toBeGreaterThanOrEqual(5);
    expect(timing.p95_ms).toBeGreaterThanOrEqual(timing.p50_ms);
  });
});
