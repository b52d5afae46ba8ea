import { ScoringError } from './scoringError.js';
import type { TopKList } from './types.js';

/**
 * Selects the k best of `count` scores starting at `offset` in `scores`, with a bounded min-heap (O(n log k),
 * no full sort). `exclude[i] !== 0` skips item i; `rowWeights[i]` (e.g. inverse row norms for cosine) multiplies
 * score i before comparison. Ties rank the lower index first, so every backend yields the same list for the
 * same scores.
 *
 * `blocks` (optional): the largest score of each run of `size` rows. Once the heap is full, a run whose largest
 * score does not beat the current k-th best is skipped unread; exact, since only a strictly greater score can
 * enter. Not used with rowWeights (they change the scores). A NaN maximum never skips, so NaNs are still seen.
 *
 * Throws SCORING_NON_FINITE when any examined score is NaN or infinite: a backend that produced such a score is
 * broken, and the engine falls back to the next one. (A skipped run can hide only -Infinity scores.)
 */
export function selectTopK(
  scores: Float32Array,
  offset: number,
  count: number,
  k: number,
  exclude?: Uint8Array,
  rowWeights?: Float32Array,
  blocks?: { max: Float32Array; size: number },
): TopKList {
  const capacity = Math.max(0, Math.min(k, count));
  const heapScores = new Float32Array(capacity);
  const heapIndices = new Int32Array(capacity);
  let size = 0;
  let nonFinite = false;
  const blockSize = blocks && rowWeights === undefined ? blocks.size : count;
  const blockMax = blocks && rowWeights === undefined ? blocks.max : undefined;

  // Once the heap is full only scores above its root (the current k-th best) matter; the exclusion mask is read
  // only for those few candidates.
  let threshold = capacity === 0 ? Infinity : -Infinity;
  for (let blockStart = 0, b = 0; blockStart < count; blockStart += blockSize, b++) {
    if (blockMax !== undefined && size === capacity && blockMax[b]! <= threshold) continue;
    const blockEnd = Math.min(count, blockStart + blockSize);
    for (let i = blockStart; i < blockEnd; i++) {
      let s = scores[offset + i]!;
      if (rowWeights !== undefined) s = Math.fround(s * rowWeights[i]!);
      // s - s is NaN exactly when s is NaN or +-Infinity; no loop-carried dependency, unlike a running sum.
      if (s - s !== 0) nonFinite = true;
      if (size === capacity) {
        if (!(s > threshold) || (exclude !== undefined && exclude[i] !== 0)) continue;
        // Indices arrive in increasing order, so an equal score never displaces an earlier (better) index.
        siftDown(heapScores, heapIndices, capacity, s, i);
        threshold = heapScores[0]!;
        continue;
      }
      if (exclude !== undefined && exclude[i] !== 0) continue;
      // Sift up: the root holds the worst entry (lowest score; on equal scores the higher index).
      let child = size++;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        const ps = heapScores[parent]!;
        if (ps < s || (ps === s && heapIndices[parent]! < i)) break;
        heapScores[child] = ps;
        heapIndices[child] = heapIndices[parent]!;
        child = parent;
      }
      heapScores[child] = s;
      heapIndices[child] = i;
      if (size === capacity) threshold = heapScores[0]!;
    }
  }
  if (nonFinite) {
    throw new ScoringError('SCORING_NON_FINITE', 'A scoring backend produced NaN or infinite scores; check the table for non-finite values or drop the backend.');
  }
  return sortedList(heapScores, heapIndices, size);
}

function siftDown(heapScores: Float32Array, heapIndices: Int32Array, size: number, s: number, index: number): void {
  let parent = 0;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && isWorse(heapScores[right]!, heapIndices[right]!, heapScores[child]!, heapIndices[child]!)) child = right;
    if (!isWorse(heapScores[child]!, heapIndices[child]!, s, index)) break;
    heapScores[parent] = heapScores[child]!;
    heapIndices[parent] = heapIndices[child]!;
    parent = child;
  }
  heapScores[parent] = s;
  heapIndices[parent] = index;
}

/** True when (sa, ia) ranks below (sb, ib). */
function isWorse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

function sortedList(heapScores: Float32Array, heapIndices: Int32Array, size: number): TopKList {
  const order = Array.from({ length: size }, (_, j) => j);
  order.sort((a, b) => heapScores[b]! - heapScores[a]! || heapIndices[a]! - heapIndices[b]!);
  const indices = new Int32Array(size);
  const scores = new Float32Array(size);
  order.forEach((j, rank) => {
    indices[rank] = heapIndices[j]!;
    scores[rank] = heapScores[j]!;
  });
  return { indices, scores };
}
