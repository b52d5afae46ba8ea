import { quantiseTable } from './quantise.js';
import { rankWithBackend } from './rankWithBackend.js';
import { matchesUpToTies, recallAt, referenceTopK } from './referenceTopK.js';
import { gaussianArray, syntheticFloat32Table } from './syntheticTable.js';
import type { Metric, ScoringBackend, VectorTable } from './types.js';

/**
 * Parity harness shared by the node and the real-browser tests: ranks fixed synthetic tables on a backend and
 * compares every query's top k with the float64 reference. Tests assert on the returned rows; the harness
 * itself asserts nothing.
 */
export interface ParityRow {
  table: string;
  dtype: VectorTable['dtype'];
  metric: Metric;
  query: number;
  /** Same list as the reference up to (numerically) tied scores. */
  exact: boolean;
  recall: number;
}

export function parityTables(): { name: string; table: VectorTable }[] {
  const wide = syntheticFloat32Table(12_000, 64, 11);
  // Duplicate a few rows so exact ties exist near the top for the tie rule to matter.
  for (let i = 0; i < 40; i++) wide.values.copyWithin((100 + i) * 64, i * 64, (i + 1) * 64);
  const odd = syntheticFloat32Table(3_001, 37, 12);
  return [
    { name: '12000x64', table: wide },
    { name: '12000x64-int8', table: quantiseTable(wide) },
    { name: '3001x37', table: odd },
    { name: '3001x37-int8', table: quantiseTable(odd) },
  ];
}

export async function checkParity(backend: ScoringBackend, k = 50): Promise<ParityRow[]> {
  const rows: ParityRow[] = [];
  for (const { name, table } of parityTables()) {
    const queryCount = 3;
    const queries = gaussianArray(queryCount * table.dim, 99);
    // Exclude every 7th item and the unmasked reference's first ten hits: the mask must change the answer.
    const exclude = new Uint8Array(table.count);
    for (let i = 0; i < table.count; i += 7) exclude[i] = 1;
    for (const i of referenceTopK(table, queries.subarray(0, table.dim), 10).indices) exclude[i] = 1;
    for (const metric of ['dot', 'cosine'] as const) {
      const lists = await rankWithBackend(backend, { table, queries, k, exclude, metric });
      for (let q = 0; q < queryCount; q++) {
        const reference = referenceTopK(table, queries.subarray(q * table.dim, (q + 1) * table.dim), k, exclude, metric);
        const got = lists[q]!;
        rows.push({ table: name, dtype: table.dtype, metric, query: q, exact: matchesUpToTies(got, reference), recall: recallAt(got, reference) });
      }
    }
    backend.release(table);
  }
  return rows;
}

/** The parity rule of issue 6: float32 tables exactly (up to ties), int8 tables recall@k >= 0.99. */
export function parityFailures(rows: ParityRow[]): ParityRow[] {
  return rows.filter((r) => (r.dtype === 'float32' ? !r.exact : r.recall < 0.99));
}
