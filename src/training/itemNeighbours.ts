import type { NeighbourTable } from '../catalog/catalogModel.js';
import type { Cooccurrence } from './cooccurrence.js';
import type { InteractionMatrix } from './interactionMatrix.js';
import { itemDegrees } from './interactionMatrix.js';
import { packTopK } from './neighbourTable.js';

export type ItemSimilarity = 'cosine' | 'pearson';

export interface ItemNeighbourOptions {
  similarity: ItemSimilarity;
  /** Neighbours kept per item. */
  k: number;
}

export const DEFAULT_NEIGHBOURS_PER_ITEM = 200;

/**
 * Item-item similarity over the binary user x item matrix of the training data, top k per item.
 * - cosine: co(i,j) / sqrt(n_i n_j);
 * - pearson: correlation of the two binary columns over all U users,
 *   (U co - n_i n_j) / sqrt(n_i (U - n_i) n_j (U - n_j)); only positive correlations are kept.
 * Only co-occurring pairs are candidates (a pair without a shared user has cosine 0 and a negative Pearson).
 */
export function buildItemNeighbours(matrix: InteractionMatrix, co: Cooccurrence, options: ItemNeighbourOptions): NeighbourTable {
  const n = itemDegrees(matrix);
  const users = matrix.users;
  return packTopK(matrix.items, options.k, (i) => {
    const from = co.start[i]!;
    const to = co.start[i + 1]!;
    const items = co.items.subarray(from, to);
    const weights = new Float64Array(to - from);
    for (let p = 0; p < items.length; p++) {
      const j = items[p]!;
      const c = co.counts[from + p]!;
      if (options.similarity === 'cosine') {
        weights[p] = c / Math.sqrt(n[i]! * n[j]!);
      } else {
        const denominator = Math.sqrt(n[i]! * (users - n[i]!) * n[j]! * (users - n[j]!));
        weights[p] = denominator > 0 ? (users * c - n[i]! * n[j]!) / denominator : 0;
      }
    }
    return { items, weights };
  });
}
