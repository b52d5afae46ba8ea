import type { NeighbourTable } from '../catalog/catalogModel.js';
import type { UserSequence } from '../datasets/dataset.js';
import { packTopK } from './neighbourTable.js';

export interface TransitionOptions {
  /** Next items kept per item. */
  k: number;
}

/**
 * Next-item transition counts from the training sequences: row a lists the items b that directly followed a,
 * weighted by how many times (a -> b) occurred. Self-transitions (a repeat) are skipped: the protocol masks
 * items already seen, so they can never be recommended.
 */
export function buildTransitions(train: readonly UserSequence[], itemCount: number, options: TransitionOptions): NeighbourTable {
  const rows: Map<number, number>[] = Array.from({ length: itemCount }, () => new Map());
  for (const user of train) {
    for (let t = 1; t < user.items.length; t++) {
      const a = user.items[t - 1]!;
      const b = user.items[t]!;
      if (a === b) continue;
      const row = rows[a]!;
      row.set(b, (row.get(b) ?? 0) + 1);
    }
  }
  return packTopK(itemCount, options.k, (a) => ({ items: [...rows[a]!.keys()], weights: [...rows[a]!.values()] }));
}
