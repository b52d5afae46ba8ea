import type { Metric, TopKList, VectorTable } from './types.js';

/**
 * The float64 reference every backend is checked against: exact dot products (or cosine) in double precision
 * over the table's values (int8 tables dequantized as code * scale), a full sort, ties by lower index.
 * Deliberately simple and slow; never used for serving.
 */
export function referenceTopK(table: VectorTable, query: Float32Array, k: number, exclude?: Uint8Array, metric: Metric = 'dot'): TopKList & { all: Float64Array } {
  const { count, dim } = table;
  const all = new Float64Array(count);
  let queryNorm = 0;
  for (let j = 0; j < dim; j++) queryNorm += query[j]! ** 2;
  queryNorm = Math.sqrt(queryNorm) || 1;
  for (let i = 0; i < count; i++) {
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = table.dtype === 'float32' ? table.values[i * dim + j]! : table.codes[i * dim + j]! * table.scales[i]!;
      dot += v * query[j]!;
      norm += v * v;
    }
    all[i] = metric === 'cosine' ? (norm > 0 ? dot / Math.sqrt(norm) / queryNorm : 0) : dot;
  }
  const candidates: number[] = [];
  for (let i = 0; i < count; i++) if (!exclude || exclude[i] === 0) candidates.push(i);
  candidates.sort((a, b) => all[b]! - all[a]! || a - b);
  const top = candidates.slice(0, k);
  return { indices: Int32Array.from(top), scores: Float32Array.from(top, (i) => all[i]!), all };
}

/**
 * True when `got` is the reference list up to ties: same length, and at every rank the item's reference score
 * equals the reference score at that rank within `tolerance` (relative to the largest |score|). Swapped items
 * of (numerically) equal score are therefore accepted; any other difference is not.
 */
export function matchesUpToTies(got: TopKList, reference: TopKList & { all: Float64Array }, tolerance = 1e-5): boolean {
  if (got.indices.length !== reference.indices.length) return false;
  const scale = Math.max(1e-30, ...Array.from(reference.scores, Math.abs));
  const seen = new Set<number>();
  for (let r = 0; r < got.indices.length; r++) {
    const item = got.indices[r]!;
    if (seen.has(item)) return false;
    seen.add(item);
    if (Math.abs(reference.all[item]! - reference.scores[r]!) > tolerance * scale) return false;
  }
  return true;
}

/** Share of the reference list's items that `got` contains (recall@k). */
export function recallAt(got: TopKList, reference: TopKList): number {
  if (reference.indices.length === 0) return 1;
  const wanted = new Set(reference.indices);
  let hits = 0;
  for (const i of got.indices) if (wanted.has(i)) hits++;
  return hits / reference.indices.length;
}
