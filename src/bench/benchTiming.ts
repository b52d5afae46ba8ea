import { recallAt, referenceTopK } from '../scoring/referenceTopK.js';
import type { TopKList, VectorTable } from '../scoring/types.js';
import { gaussianArray, syntheticFloat32Table } from '../scoring/syntheticTable.js';
import type { BenchConfig } from './benchTypes.js';

/**
 * The seeded catalog every bench worker rebuilds identically. Rows are unit length, so dot product and cosine
 * rank alike: Orama scores by cosine, reshelf by dot product, and neither pays for the other's metric.
 */
export function benchCatalog(n: number, d: number): VectorTable & { dtype: 'float32' } {
  const table = syntheticFloat32Table(n, d, 1000 + d);
  const { values } = table;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += values[i * d + j]! ** 2;
    const inverse = 1 / Math.sqrt(sum);
    for (let j = 0; j < d; j++) values[i * d + j]! *= inverse;
  }
  return table;
}

export const QUERY_COUNT = 16;

export function benchQueries(d: number): Float32Array[] {
  return Array.from({ length: QUERY_COUNT }, (_, q) => gaussianArray(d, 5000 + q));
}

export interface Timing {
  p50: number;
  p90: number;
  p95: number;
  reps: number;
  first: number;
}

/**
 * Times `pass(query)` over rotating queries: one untimed first pass, one more warm-up, then timed passes until
 * `reps` or until `budgetMs` is spent (but at least `minReps`, or 3 when the first pass alone exceeded the
 * budget). Percentiles are nearest-rank.
 */
export async function timePasses<T>(config: BenchConfig, queries: T[], pass: (query: T) => Promise<unknown>): Promise<Timing> {
  let start = performance.now();
  await pass(queries[0]!);
  const first = performance.now() - start;
  // An engine whose first pass alone exceeds the budget gets fewer passes (3), so slow engines stay bounded.
  const slow = first > config.budgetMs;
  if (!slow) await pass(queries[1 % queries.length]!);
  const minimum = slow ? Math.min(3, config.minReps) : config.minReps;
  const times: number[] = [];
  let spent = 0;
  while (times.length < config.reps && (times.length < minimum || spent < config.budgetMs)) {
    const query = queries[(times.length + 2) % queries.length]!;
    start = performance.now();
    await pass(query);
    const ms = performance.now() - start;
    times.push(ms);
    spent += ms;
  }
  times.sort((a, b) => a - b);
  const rank = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { p50: rank(0.5), p90: rank(0.9), p95: rank(0.95), reps: times.length, first };
}

/** The float64 reference top k of the float32 catalog for the first bench query (computed once per worker). */
export function benchReference(table: VectorTable, query: Float32Array, k: number): TopKList {
  const { indices, scores } = referenceTopK(table, query, k);
  return { indices, scores };
}

/** recall@k of an engine's list against the reference: a sanity check that a fast engine is not wrong. */
export function recallOf(got: ArrayLike<number>, reference: TopKList): number {
  return recallAt({ indices: Int32Array.from(got), scores: new Float32Array(got.length) }, reference);
}
