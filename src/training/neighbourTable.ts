import type { NeighbourTable } from '../catalog/catalogModel.js';

/**
 * Packs per-row candidate lists into a fixed-width top-k NeighbourTable (-1 padded), keeping the k
 * largest weights of each row (ties by smaller item index). Rows are produced by `rowOf(i)`.
 */
export function packTopK(
  rows: number,
  k: number,
  rowOf: (row: number) => { items: ArrayLike<number>; weights: ArrayLike<number> },
): NeighbourTable {
  const items = new Int32Array(rows * k).fill(-1);
  const weights = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const row = rowOf(r);
    const order = Array.from({ length: row.items.length }, (_, p) => p).filter((p) => row.weights[p]! > 0);
    order.sort((a, b) => row.weights[b]! - row.weights[a]! || row.items[a]! - row.items[b]!);
    const take = Math.min(k, order.length);
    for (let p = 0; p < take; p++) {
      items[r * k + p] = row.items[order[p]!]!;
      weights[r * k + p] = row.weights[order[p]!]!;
    }
  }
  return { k, items, weights };
}
