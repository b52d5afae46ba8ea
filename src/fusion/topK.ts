/**
 * Indices of the k largest scores, best first; ties go to the smaller index (the protocol's stable order).
 * Items with a `mask` flag are skipped. A simple insertion buffer: k is small (tens) against n (10^4..10^6).
 * (The scoring engine in src/scoring has a heap-based top-k for the worker's large-k paths.)
 */
export function topKIndices(scores: ArrayLike<number>, k: number, mask?: Uint8Array): Int32Array {
  const n = scores.length;
  const best = new Int32Array(Math.min(k, n));
  const bestScores = new Float64Array(best.length);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    // Once the buffer is full almost every item is rejected here, before the mask is read.
    if (size === best.length && !(s > bestScores[size - 1]!)) continue;
    if (mask?.[i]) continue;
    let p = size < best.length ? size++ : size - 1;
    while (p > 0 && s > bestScores[p - 1]!) {
      best[p] = best[p - 1]!;
      bestScores[p] = bestScores[p - 1]!;
      p--;
    }
    best[p] = i;
    bestScores[p] = s;
  }
  return best.subarray(0, size);
}
