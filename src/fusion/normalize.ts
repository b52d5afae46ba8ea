/**
 * Per-signal score normalisation, per shopper, before signals are combined. Signals live on unrelated scales
 * (counts, cosines, factor dot products), so each is mapped onto a comparable one over the items that can
 * be recommended (masked items excluded from the statistics and set to 0):
 * - `zscore`: (s - mean) / std. A sparse signal (most items 0) gives its few hits large positive values,
 *   which is what lets a confident sparse signal outvote a dense, flat one. Default.
 * - `minmax`: (s - min) / (max - min), in [0, 1].
 * A constant signal (std or range 0) contributes 0 everywhere.
 */
export type Normalization = 'zscore' | 'minmax';

export function normalizeScores(scores: Float32Array, mask: Uint8Array | undefined, method: Normalization, out: Float32Array): void {
  out.fill(0);
  addNormalized(scores, mask, method, 1, out);
}

/** out[i] += weight * normalise(scores)[i] (masked items untouched): one pass over the scores after the statistics. */
export function addNormalized(scores: Float32Array, mask: Uint8Array | undefined, method: Normalization, weight: number, out: Float32Array): void {
  const n = scores.length;
  if (method === 'zscore') {
    // The loops are written twice (with and without a mask) because they run per signal per shopper and a
    // per-item optional-chaining check costs measurably; the arithmetic is the same in both.
    let count = 0;
    let sum = 0;
    let sumSq = 0;
    if (mask) {
      for (let i = 0; i < n; i++) {
        if (mask[i]) continue;
        const s = scores[i]!;
        sum += s;
        sumSq += s * s;
        count++;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const s = scores[i]!;
        sum += s;
        sumSq += s * s;
      }
      count = n;
    }
    const mean = count > 0 ? sum / count : 0;
    const variance = count > 0 ? Math.max(sumSq / count - mean * mean, 0) : 0;
    const std = Math.sqrt(variance);
    const inv = std > 1e-12 ? 1 / std : 0;
    const scale = weight * inv;
    if (scale === 0) return;
    if (mask) {
      for (let i = 0; i < n; i++) if (!mask[i]) out[i]! += (scores[i]! - mean) * scale;
    } else {
      for (let i = 0; i < n; i++) out[i]! += (scores[i]! - mean) * scale;
    }
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (mask?.[i]) continue;
    const s = scores[i]!;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const range = max - min;
  const inv = range > 1e-12 ? 1 / range : 0;
  const scale = weight * inv;
  if (scale === 0) return;
  for (let i = 0; i < n; i++) if (!mask?.[i]) out[i]! += (scores[i]! - min) * scale;
}
