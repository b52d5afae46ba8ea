/**
 * Ranking metrics for leave-one-out evaluation (quality-protocol.md). Ranks are 0-based: rank r means r items
 * are ranked above the target; an unreachable target (masked, e.g. a repeat of a history item) has rank
 * Infinity and counts as a miss everywhere.
 *
 * With one relevant item per user, for a cut-off k and a hit (r < k):
 *   HR@k = R@k = 1, NDCG@k = 1 / log2(r + 2), MRR@k = 1 / (r + 1), P@k = 1 / k,
 *   F1@k = 2 P R / (P + R) = 2 / (k + 1), MAP@k = AP@k = 1 / (r + 1) (normalised by min(k, 1 relevant));
 * all are 0 on a miss. `listMetrics` computes the same from a ranked list and a relevant set, for any number
 * of relevant items; the tests check that both agree and match hand-worked values.
 */
export const CUTOFFS = [5, 10, 20] as const;
export const METRIC_NAMES = ['HR', 'NDCG', 'MRR', 'P', 'R', 'F1', 'MAP'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export function rankMetrics(rank: number, k: number): Record<MetricName, number> {
  if (!(rank < k)) return { HR: 0, NDCG: 0, MRR: 0, P: 0, R: 0, F1: 0, MAP: 0 };
  return { HR: 1, NDCG: 1 / Math.log2(rank + 2), MRR: 1 / (rank + 1), P: 1 / k, R: 1, F1: 2 / (k + 1), MAP: 1 / (rank + 1) };
}

/** The general definitions over a ranked list (best first) and a set of relevant items. */
export function listMetrics(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): Record<MetricName, number> {
  let hits = 0;
  let dcg = 0;
  let firstHit = -1;
  let precisionSum = 0;
  const top = Math.min(k, ranked.length);
  for (let r = 0; r < top; r++) {
    if (!relevant.has(ranked[r]!)) continue;
    hits++;
    dcg += 1 / Math.log2(r + 2);
    if (firstHit < 0) firstHit = r;
    precisionSum += hits / (r + 1);
  }
  let idcg = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
  const precision = hits / k;
  const recall = relevant.size > 0 ? hits / relevant.size : 0;
  return {
    HR: hits > 0 ? 1 : 0,
    NDCG: idcg > 0 ? dcg / idcg : 0,
    MRR: firstHit >= 0 ? 1 / (firstHit + 1) : 0,
    P: precision,
    R: recall,
    F1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    MAP: relevant.size > 0 ? precisionSum / Math.min(k, relevant.size) : 0,
  };
}

/**
 * 0-based rank of `target` among unmasked items ordered by (score desc, secondary desc, index asc):
 * the number of items strictly before it in that order. Infinity if the target is masked.
 * `secondary` is the popularity back-off that breaks ties of sparse signals (quality-protocol.md).
 */
export function rankOfTarget(scores: ArrayLike<number>, target: number, mask: Uint8Array | undefined, secondary?: ArrayLike<number>): number {
  if (mask?.[target]) return Infinity;
  const s = scores[target]!;
  const t2 = secondary ? secondary[target]! : 0;
  let rank = 0;
  for (let i = 0; i < scores.length; i++) {
    if (mask?.[i] || i === target) continue;
    const si = scores[i]!;
    if (si > s) rank++;
    else if (si === s) {
      const s2 = secondary ? secondary[i]! : 0;
      if (s2 > t2 || (s2 === t2 && i < target)) rank++;
    }
  }
  return rank;
}

/** Top k indices in the same order as rankOfTarget. */
export function topKLexicographic(scores: ArrayLike<number>, k: number, mask: Uint8Array | undefined, secondary?: ArrayLike<number>): Int32Array {
  const best: number[] = [];
  const before = (i: number, j: number): boolean => {
    const a = scores[i]!;
    const b = scores[j]!;
    if (a !== b) return a > b;
    const a2 = secondary ? secondary[i]! : 0;
    const b2 = secondary ? secondary[j]! : 0;
    if (a2 !== b2) return a2 > b2;
    return i < j;
  };
  // Score of the current k-th item once the list is full: anything strictly below it cannot enter, which
  // settles almost every item with one comparison (runs once per method per shopper over the whole catalog).
  let floor = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! < floor) continue;
    if (mask?.[i]) continue;
    if (best.length === k && !before(i, best[k - 1]!)) continue;
    let p = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(i);
    while (p > 0 && before(i, best[p - 1]!)) {
      best[p] = best[p - 1]!;
      p--;
    }
    best[p] = i;
    if (best.length === k) floor = scores[best[k - 1]!]!;
  }
  return Int32Array.from(best);
}
