import type { NeighbourTable } from '../catalog/catalogModel.js';
import type { UserSequence } from '../datasets/dataset.js';
import { packTopK } from './neighbourTable.js';

export interface TransitionOptions {
  /** Next items kept per item. */
  k: number;
  /** Count b after a when b comes at most `maxGap` steps later (1 = direct successors only). */
  maxGap: number;
  /** Weight of a pair `gap` steps apart: gapDecay^(gap - 1). */
  gapDecay: number;
  /**
   * Weight of the reverse direction (b before a). Many shops log several items at the same moment (one
   * order, one review session), so their order is arbitrary and the reverse pair carries signal too.
   */
  backward: number;
}

export const DEFAULT_TRANSITION_OPTIONS: TransitionOptions = { k: 200, maxGap: 3, gapDecay: 0.3, backward: 0 };

/**
 * Next-item transition counts from the training sequences: row a lists the items b that followed a (within
 * `maxGap` steps, weighted by gap), plus optionally the items that preceded it (`backward`).
 * Self-transitions (a repeat) are skipped: the protocol masks items already seen, so they can never be recommended.
 */
export function buildTransitions(train: readonly UserSequence[], itemCount: number, options: TransitionOptions): NeighbourTable {
  const rows: Map<number, number>[] = Array.from({ length: itemCount }, () => new Map());
  const add = (a: number, b: number, w: number): void => {
    if (a === b || w === 0) return;
    const row = rows[a]!;
    row.set(b, (row.get(b) ?? 0) + w);
  };
  for (const user of train) {
    const items = user.items;
    for (let t = 0; t < items.length; t++) {
      for (let gap = 1; gap <= options.maxGap && t + gap < items.length; gap++) {
        const w = options.gapDecay ** (gap - 1);
        add(items[t]!, items[t + gap]!, w);
        add(items[t + gap]!, items[t]!, w * options.backward);
      }
    }
  }
  return packTopK(itemCount, options.k, (a) => ({ items: [...rows[a]!.keys()], weights: [...rows[a]!.values()] }));
}
