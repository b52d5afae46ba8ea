import type { VectorTable } from '../catalog/catalogModel.js';
import { vectorRow } from '../signals/scoreItemVectors.js';

/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998) over the best `candidates` (in fused order):
 * repeatedly pick argmax lambda * relevance - (1 - lambda) * max content cosine to the items already picked.
 * Relevance is the fused score min-max scaled over the candidates. lambda = 1 returns the input order.
 */
export function mmrRerank(candidates: Int32Array, scores: Float32Array, content: VectorTable | undefined, lambda: number): Int32Array {
  if (lambda >= 1 || !content || candidates.length < 3) return candidates;
  let min = Infinity;
  let max = -Infinity;
  for (const item of candidates) {
    min = Math.min(min, scores[item]!);
    max = Math.max(max, scores[item]!);
  }
  const range = max - min || 1;
  const vectors = Array.from(candidates, (item) => vectorRow(content, item));
  const maxSim = new Float64Array(candidates.length).fill(0);
  const taken = new Uint8Array(candidates.length);
  const out = new Int32Array(candidates.length);
  for (let slot = 0; slot < candidates.length; slot++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      if (taken[c]) continue;
      const relevance = (scores[candidates[c]!]! - min) / range;
      const value = lambda * relevance - (1 - lambda) * (slot === 0 ? 0 : maxSim[c]!);
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    taken[best] = 1;
    out[slot] = candidates[best]!;
    const chosen = vectors[best]!;
    for (let c = 0; c < candidates.length; c++) {
      if (taken[c]) continue;
      let dot = 0;
      const v = vectors[c]!;
      for (let d = 0; d < v.length; d++) dot += v[d]! * chosen[d]!;
      if (dot > maxSim[c]!) maxSim[c] = dot;
    }
  }
  return out;
}

/**
 * Exposure cap: keeps at most floor(maxShare * limit) items of the popularity head among the first `limit`,
 * moving the surplus head items behind the others (order otherwise kept). maxShare >= 1 = off.
 */
export function capExposure(ranked: Int32Array, isHead: (item: number) => boolean, maxShare: number, limit: number): Int32Array {
  if (maxShare >= 1) return ranked;
  const allowed = Math.floor(maxShare * limit);
  const front: number[] = [];
  const deferred: number[] = [];
  let heads = 0;
  for (const item of ranked) {
    if (front.length >= limit) {
      deferred.push(item);
      continue;
    }
    if (isHead(item)) {
      if (heads >= allowed) {
        deferred.push(item);
        continue;
      }
      heads++;
    }
    front.push(item);
  }
  return Int32Array.from([...front, ...deferred]);
}
