import type { NeighbourTable } from '../catalog/catalogModel.js';
import type { Cooccurrence } from './cooccurrence.js';
import type { InteractionMatrix } from './interactionMatrix.js';
import { choleskySolveInPlace } from './linalg.js';
import { packTopK } from './neighbourTable.js';

export interface EaseOptions {
  /** L2 regularisation (EASE's lambda). */
  lambda: number;
  /** Candidate regressors per item: its most co-occurring items. */
  candidates: number;
  /** Learned neighbours kept per item. */
  k: number;
}

export const DEFAULT_EASE_OPTIONS: EaseOptions = { lambda: 50, candidates: 100, k: 100 };

/**
 * Learned item-item weights in the manner of EASE (Steck 2019): each item's column of B solves the ridge
 * regression of that item's column of X on the other items' columns, B_.j = (G + lambda I)^-1 G_.j with
 * G = X^T X and the diagonal of B forced to zero.
 *
 * Full EASE inverts an items x items matrix (12k^3 operations for Beauty: minutes in JS and > 1 GB),
 * so the regression for item j is restricted to its `candidates` most co-occurring items (items with no
 * shared user get a zero weight in full EASE's gradient anyway). This is the neighbourhood-restricted
 * EASE of sparse-approximation work; with candidates = all co-occurring items it equals the exact
 * column solution over that support.
 *
 * The table is indexed by the SOURCE item: row a lists items j with weight B[a][j], so a shopper's score
 * for j is the sum of B[a][j] over the items a in their history.
 */
export function buildEaseNeighbours(matrix: InteractionMatrix, co: Cooccurrence, options: EaseOptions): NeighbourTable {
  const n = matrix.items;
  const degree = new Float64Array(n);
  for (let i = 0; i < n; i++) degree[i] = matrix.itemStart[i + 1]! - matrix.itemStart[i]!;
  // Dense scratch row to look up G[a][b] for the candidates of one target item.
  const scratch = new Float64Array(n);
  const sources: number[][] = Array.from({ length: n }, () => []);
  const sourceWeights: number[][] = Array.from({ length: n }, () => []);
  for (let j = 0; j < n; j++) {
    const from = co.start[j]!;
    const m = Math.min(options.candidates, co.start[j + 1]! - from);
    if (m === 0) continue;
    const candidates = co.items.subarray(from, from + m);
    const gram = new Float64Array(m * m);
    const rhs = new Float64Array(m);
    for (let p = 0; p < m; p++) {
      const a = candidates[p]!;
      rhs[p] = co.counts[from + p]!;
      for (let q = co.start[a]!; q < co.start[a + 1]!; q++) scratch[co.items[q]!] = co.counts[q]!;
      for (let r = 0; r < m; r++) gram[p * m + r] = scratch[candidates[r]!]!;
      gram[p * m + p] = degree[a]! + options.lambda;
      for (let q = co.start[a]!; q < co.start[a + 1]!; q++) scratch[co.items[q]!] = 0;
    }
    if (!choleskySolveInPlace(gram, rhs, m)) continue;
    for (let p = 0; p < m; p++) {
      sources[candidates[p]!]!.push(j);
      sourceWeights[candidates[p]!]!.push(rhs[p]!);
    }
  }
  return packTopK(n, options.k, (a) => ({ items: sources[a]!, weights: sourceWeights[a]! }));
}
