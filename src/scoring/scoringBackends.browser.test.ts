import * as tf from '@tensorflow/tfjs-core';
// The engine imports these lazily; importing them here too lets vite pre-bundle them before the tests start
// (a dependency discovered mid-run makes vite re-optimise and the dynamic import fail).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { browserBackendFactories } from './backendFactories.js';
import { checkParity, parityFailures } from './parityCheck.js';
import { rankWithBackend } from './rankWithBackend.js';
import { gaussianArray, syntheticFloat32Table } from './syntheticTable.js';
import { quantiseTable } from './quantise.js';
import { BACKEND_NAMES } from './types.js';

// Real Chromium (SwiftShader for WebGL and WebGPU). Every backend the worker can use must rank exactly like
// the float64 reference: float32 tables up to ties, int8 tables with recall@50 >= 0.99.
describe.each(BACKEND_NAMES)('backend %s in Chromium', (name) => {
  it('matches the float64 reference top 50 and leaks no tensors', { timeout: 120_000 }, async () => {
    const backend = await browserBackendFactories[name]!();
    expect(backend.name).toBe(name);
    // Only tfjs backends own tensors; asking tfjs about memory would otherwise start a tfjs backend.
    const isTfjs = name !== 'simd' && name !== 'js';
    const numTensors = () => (isTfjs ? tf.memory().numTensors : 0);
    const before = numTensors();
    const rows = await checkParity(backend);
    expect(rows.length).toBe(24);
    expect(parityFailures(rows)).toEqual([]);
    // checkParity releases each table after use: nothing may remain.
    expect(numTensors()).toBe(before);

    // Repeated ranking on a prepared table keeps the tensor count constant (only the table's own copy lives).
    const table = quantiseTable(syntheticFloat32Table(5_000, 32, 3));
    const queries = gaussianArray(4 * 32, 4);
    await rankWithBackend(backend, { table, queries, k: 50 });
    const prepared = numTensors();
    for (let i = 0; i < 3; i++) await rankWithBackend(backend, { table, queries, k: 50, metric: 'cosine' });
    expect(numTensors()).toBe(prepared);
    backend.release(table);
    expect(numTensors()).toBe(before);
    backend.dispose();
  });
});
