import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { createScoringEngine } from './index.js';
import { referenceTopK } from './referenceTopK.js';
import { gaussianArray, syntheticFloat32Table } from './syntheticTable.js';

const table = syntheticFloat32Table(4_000, 32, 8);
const queries = gaussianArray(32, 9);
const expected = Array.from(referenceTopK(table, queries, 20).indices);

// When the GPU goes away mid-session, the same request must still be answered, by the next backend.
describe('device loss falls back to the next backend', () => {
  it('webgl: webglcontextlost', { timeout: 60_000 }, async () => {
    const engine = createScoringEngine({ force: 'webgl' });
    await engine.topK({ table, queries, k: 20 });
    expect(engine.lastChoice?.backend, JSON.stringify(engine.lastChoice)).toBe('webgl');
    const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    const [top] = await engine.topK({ table, queries, k: 20 });
    expect(Array.from(top!.indices)).toEqual(expected);
    expect(engine.lastChoice?.backend).not.toBe('webgl');
    expect(engine.lastChoice?.dropped).toEqual([{ backend: 'webgl', reason: expect.stringContaining('SCORING_CONTEXT_LOST') }]);
    engine.dispose();
  });

  it('webgpu: device lost', { timeout: 60_000 }, async () => {
    const engine = createScoringEngine({ force: 'webgpu' });
    await engine.topK({ table, queries, k: 20 });
    expect(engine.lastChoice?.backend, JSON.stringify(engine.lastChoice)).toBe('webgpu');
    const device = (tf.backend() as unknown as { device: { destroy(): void; lost: Promise<unknown> } }).device;
    device.destroy();
    await device.lost;
    const [top] = await engine.topK({ table, queries, k: 20 });
    expect(Array.from(top!.indices)).toEqual(expected);
    expect(engine.lastChoice?.backend).not.toBe('webgpu');
    expect(engine.lastChoice?.dropped).toEqual([{ backend: 'webgpu', reason: expect.stringContaining('SCORING_CONTEXT_LOST') }]);
    engine.dispose();
  });
});
