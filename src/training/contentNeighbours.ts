import type { NeighbourTable } from '../catalog/catalogModel.js';
import type { DatasetItem } from '../datasets/dataset.js';
import { buildTfIdf, type ContentOptions } from './contentVectors.js';
import { packTopK } from './neighbourTable.js';

/**
 * Content neighbours: for every item, the `k` items with the highest exact TF-IDF cosine (the same TF-IDF rows
 * the content vectors are reduced from), as a neighbour table. Why next to the vectors: a truncated SVD keeps
 * the directions shared by many items and drops the rare words (model numbers, product lines, brand-specific
 * terms) that tell near-identical products apart, and those are what a shopper's next item most often shares.
 * On Amazon Scientific (validation, content signal alone, decay 0.6): SVD-512 vectors 0.0719 NDCG@10, exact
 * TF-IDF 0.0795, top-100 neighbours 0.0786. Replacing the vectors with it lost in fusion (0.1063 vs 0.1077), so
 * it is a signal of its own beside them (`contentKnn`): with it the validation fusion search (TPE, 80 trials, 3
 * folds) rose from 0.1077 (cross-validated 0.1066) to 0.1082 (0.1077); docs/reports/README.md. Terms of a single
 * item add nothing to the cosine of two different items, so they are left out of the sweep (the rows keep their
 * full-vocabulary norm).
 * Cost: one sparse sweep per item over the items sharing a term with it; memory n x k.
 */
export function buildContentNeighbours(items: readonly DatasetItem[], k: number, options: Pick<ContentOptions, 'tagWeight'>): NeighbourTable {
  const rows = buildTfIdf(items, options.tagWeight, 2);
  const n = items.length;
  // Inverted index (term -> items with their weights), CSR by term.
  const termStart = new Int32Array(rows.vocabulary + 1);
  for (let p = 0; p < rows.columns.length; p++) termStart[rows.columns[p]! + 1]!++;
  for (let t = 0; t < rows.vocabulary; t++) termStart[t + 1]! += termStart[t]!;
  const fill = termStart.slice(0, rows.vocabulary);
  const postingItems = new Int32Array(rows.columns.length);
  const postingWeights = new Float64Array(rows.columns.length);
  for (let i = 0; i < n; i++) {
    for (let p = rows.start[i]!; p < rows.start[i + 1]!; p++) {
      const at = fill[rows.columns[p]!]!++;
      postingItems[at] = i;
      postingWeights[at] = rows.values[p]!;
    }
  }
  const similarity = new Float64Array(n);
  const touched: number[] = [];
  return packTopK(n, k, (i) => {
    for (const j of touched) similarity[j] = 0;
    touched.length = 0;
    for (let p = rows.start[i]!; p < rows.start[i + 1]!; p++) {
      const term = rows.columns[p]!;
      const weight = rows.values[p]!;
      for (let q = termStart[term]!; q < termStart[term + 1]!; q++) {
        const j = postingItems[q]!;
        if (j === i) continue;
        if (similarity[j] === 0) touched.push(j);
        similarity[j]! += weight * postingWeights[q]!;
      }
    }
    return { items: touched, weights: touched.map((j) => similarity[j]!) };
  });
}
