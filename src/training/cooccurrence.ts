import type { InteractionMatrix } from './interactionMatrix.js';

/**
 * Item-item co-occurrence counts (X^T X of the binary matrix, diagonal excluded) as sparse rows:
 * row i lists every item j != i sharing at least one user with i, with the number of shared users.
 * Rows are sorted by count, descending (ties by item index), so "the top m" is a prefix.
 */
export interface Cooccurrence {
  start: Int32Array;
  items: Int32Array;
  counts: Float32Array;
}

export function buildCooccurrence(matrix: InteractionMatrix): Cooccurrence {
  const n = matrix.items;
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const start = new Int32Array(n + 1);
  const itemsOut: number[] = [];
  const countsOut: number[] = [];
  for (let i = 0; i < n; i++) {
    let touchedCount = 0;
    for (let p = matrix.itemStart[i]!; p < matrix.itemStart[i + 1]!; p++) {
      const u = matrix.itemUsers[p]!;
      for (let q = matrix.userStart[u]!; q < matrix.userStart[u + 1]!; q++) {
        const j = matrix.userItems[q]!;
        if (j === i) continue;
        if (acc[j] === 0) touched[touchedCount++] = j;
        acc[j]!++;
      }
    }
    const row = Array.from(touched.subarray(0, touchedCount));
    row.sort((a, b) => acc[b]! - acc[a]! || a - b);
    for (const j of row) {
      itemsOut.push(j);
      countsOut.push(acc[j]!);
      acc[j] = 0;
    }
    start[i + 1] = itemsOut.length;
  }
  return { start, items: Int32Array.from(itemsOut), counts: Float32Array.from(countsOut) };
}
