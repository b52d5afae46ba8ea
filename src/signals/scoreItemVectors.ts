import type { VectorTable } from '../catalog/catalogModel.js';

/** Scores one query against every row of a table: out[i] = table[i] . query (synchronously). */
export type VectorScorer = (table: VectorTable, query: ArrayLike<number>, out: Float32Array) => void;

let activeScorer: VectorScorer | undefined;

/**
 * The one place where a query vector is scored against an item vector table: out[i] = table[i] . query.
 * Every signal that needs "all items against a vector" calls this, and nothing else, so the signals stay
 * plain synchronous functions that know nothing about scoring backends. By default it runs the plain loop
 * (plainScoreItemVectors; `reshelf eval` and every node caller); inside `withVectorScorer` it runs the given
 * scorer instead, which is how the worker serves these products from the scoring engine (src/ranking/
 * batchedVectorScores.ts: record the requests, score them on the engine, replay the answers).
 */
export function scoreItemVectors(table: VectorTable, query: ArrayLike<number>, out: Float32Array): void {
  if (activeScorer) activeScorer(table, query, out);
  else plainScoreItemVectors(table, query, out);
}

/**
 * Runs `compute` (synchronous) with `scorer` answering every scoreItemVectors call made during it, then
 * restores the previous scorer, also when `compute` throws. Synchronous on purpose: the override cannot leak
 * into code that runs after an await.
 */
export function withVectorScorer<T>(scorer: VectorScorer, compute: () => T): T {
  const previous = activeScorer;
  activeScorer = scorer;
  try {
    const result = compute();
    if (result instanceof Promise) throw new TypeError('withVectorScorer: compute must be synchronous');
    return result;
  } finally {
    activeScorer = previous;
  }
}

/** The plain loop: float64 accumulation over the float32 (or int8 x scale) rows. */
export function plainScoreItemVectors(table: VectorTable, query: ArrayLike<number>, out: Float32Array): void {
  const dim = table.dim;
  const q = Float64Array.from(query as ArrayLike<number>);
  if (table.dtype === 'float32') {
    const values = table.values;
    const tail = dim & 3;
    // Unrolled by four: the loop runs count x dim times per shopper and dominates ranking time on the CPU path.
    for (let i = 0, o = 0; i < table.count; i++, o += dim) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < dim - tail; d += 4) {
        s0 += values[o + d]! * q[d]!;
        s1 += values[o + d + 1]! * q[d + 1]!;
        s2 += values[o + d + 2]! * q[d + 2]!;
        s3 += values[o + d + 3]! * q[d + 3]!;
      }
      for (; d < dim; d++) s0 += values[o + d]! * q[d]!;
      out[i] = s0 + s1 + s2 + s3;
    }
  } else {
    const codes = table.codes;
    for (let i = 0, o = 0; i < table.count; i++, o += dim) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += codes[o + d]! * q[d]!;
      out[i] = s * table.scales[i]!;
    }
  }
}

/** Row `i` of a vector table as float values (dequantised for int8 tables). */
export function vectorRow(table: VectorTable, i: number): Float64Array {
  const out = new Float64Array(table.dim);
  if (table.dtype === 'float32') {
    for (let d = 0; d < table.dim; d++) out[d] = table.values[i * table.dim + d]!;
  } else {
    const scale = table.scales[i]!;
    for (let d = 0; d < table.dim; d++) out[d] = table.codes[i * table.dim + d]! * scale;
  }
  return out;
}
