import type { VectorTable } from './types.js';

/**
 * Inverse L2 norm of every row (0 for an all-zero row, so it never ranks above a real match).
 * Used for cosine ranking: score_i = dot(q, row_i) / |row_i|; the query's own norm does not change the order
 * and is applied once per list.
 */
export function inverseRowNorms(table: VectorTable): Float32Array {
  const { count, dim } = table;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    const base = i * dim;
    if (table.dtype === 'float32') {
      for (let j = 0; j < dim; j++) sum += table.values[base + j]! ** 2;
    } else {
      for (let j = 0; j < dim; j++) sum += table.codes[base + j]! ** 2;
      sum *= table.scales[i]! ** 2;
    }
    out[i] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  }
  return out;
}

/** L2 norm of each of `queryCount` query vectors. */
export function queryNorms(queries: Float32Array, queryCount: number, dim: number): Float64Array {
  const out = new Float64Array(queryCount);
  for (let q = 0; q < queryCount; q++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += queries[q * dim + j]! ** 2;
    out[q] = Math.sqrt(sum);
  }
  return out;
}
