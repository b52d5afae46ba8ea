import { seededRandom } from '../training/random.js';
import type { VectorTable } from './types.js';

/**
 * Deterministic random vectors for tests and `reshelf bench` (never for serving): the builders' seeded
 * generator, so every run, in node or in a browser worker, scores exactly the same catalog.
 */
export { seededRandom };

/** Standard normal samples (Box-Muller) into a new Float32Array. */
export function gaussianArray(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < length) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

export function syntheticFloat32Table(count: number, dim: number, seed: number): Extract<VectorTable, { dtype: 'float32' }> {
  return { dtype: 'float32', count, dim, values: gaussianArray(count * dim, seed) };
}
