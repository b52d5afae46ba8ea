import type { VectorTable } from './types.js';

/**
 * Plain TypeScript scoring loops: dot product of every row with every query, written query-major into `out`.
 * Rows are visited in blocks and every query runs over a block before the next one, so a block read from
 * memory serves all queries while it is still in cache (several queries per pass).
 */
const ROW_BLOCK = 2048;

export function scoreFloat32(values: Float32Array, count: number, dim: number, queries: Float32Array, queryCount: number, out: Float32Array): void {
  for (let start = 0; start < count; start += ROW_BLOCK) {
    const end = Math.min(count, start + ROW_BLOCK);
    for (let q = 0; q < queryCount; q++) {
      const qBase = q * dim;
      const outBase = q * count;
      for (let i = start; i < end; i++) {
        const base = i * dim;
        // Four accumulators break the add dependency chain; the tail handles dims not divisible by 4.
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        let j = 0;
        for (; j + 3 < dim; j += 4) {
          a0 += values[base + j]! * queries[qBase + j]!;
          a1 += values[base + j + 1]! * queries[qBase + j + 1]!;
          a2 += values[base + j + 2]! * queries[qBase + j + 2]!;
          a3 += values[base + j + 3]! * queries[qBase + j + 3]!;
        }
        for (; j < dim; j++) a0 += values[base + j]! * queries[qBase + j]!;
        out[outBase + i] = a0 + a1 + a2 + a3;
      }
    }
  }
}

/** Int8 rows with one scale per row (value = code * scale) against float32 queries. */
export function scoreInt8(codes: Int8Array, scales: Float32Array, count: number, dim: number, queries: Float32Array, queryCount: number, out: Float32Array): void {
  for (let start = 0; start < count; start += ROW_BLOCK) {
    const end = Math.min(count, start + ROW_BLOCK);
    for (let q = 0; q < queryCount; q++) {
      const qBase = q * dim;
      const outBase = q * count;
      for (let i = start; i < end; i++) {
        const base = i * dim;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        let j = 0;
        for (; j + 3 < dim; j += 4) {
          a0 += codes[base + j]! * queries[qBase + j]!;
          a1 += codes[base + j + 1]! * queries[qBase + j + 1]!;
          a2 += codes[base + j + 2]! * queries[qBase + j + 2]!;
          a3 += codes[base + j + 3]! * queries[qBase + j + 3]!;
        }
        for (; j < dim; j++) a0 += codes[base + j]! * queries[qBase + j]!;
        out[outBase + i] = (a0 + a1 + a2 + a3) * scales[i]!;
      }
    }
  }
}

export function scoreTable(table: VectorTable, queries: Float32Array, queryCount: number, out: Float32Array): void {
  if (table.dtype === 'float32') scoreFloat32(table.values, table.count, table.dim, queries, queryCount, out);
  else scoreInt8(table.codes, table.scales, table.count, table.dim, queries, queryCount, out);
}
