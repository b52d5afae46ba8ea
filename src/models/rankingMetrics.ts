/**
 * Full-ranking metrics of quality-protocol.md, for one target per user:
 * - every item in the user's input sequence gets the lowest score (a target among them is a miss);
 * - rank = items with a higher score + items with an equal score and a smaller index (0-based);
 * - HR@k = rank < k; NDCG@k = 1 / log2(rank + 2) inside the top k, else 0; means over users, k = 5, 10, 20.
 * Kept here so `reshelf train` can early-stop without the eval harness; the same definitions as src/eval.
 */
export const CUTOFFS = [5, 10, 20] as const;

export interface RankingSummary {
  users: number;
  hr: Record<number, number>;
  ndcg: Record<number, number>;
}

/** 0-based rank of `target` under the protocol, or -1 when it is masked (already in the history). */
export function protocolRank(scores: ArrayLike<number>, itemCount: number, history: ArrayLike<number>, target: number): number {
  const masked = new Set<number>();
  for (let i = 0; i < history.length; i++) masked.add(history[i]!);
  if (masked.has(target)) return -1;
  const own = scores[target]!;
  let rank = 0;
  for (let j = 0; j < itemCount; j++) {
    const s = scores[j]!;
    if (s > own || (s === own && j < target)) rank++;
  }
  for (const j of masked) {
    const s = scores[j]!;
    if (j < itemCount && (s > own || (s === own && j < target))) rank--;
  }
  return rank;
}

export class RankingAccumulator {
  private users = 0;
  private readonly hits: Record<number, number> = { 5: 0, 10: 0, 20: 0 };
  private readonly gains: Record<number, number> = { 5: 0, 10: 0, 20: 0 };

  /** Adds one user's rank (-1 = miss). */
  add(rank: number): void {
    this.users++;
    if (rank < 0) return;
    for (const k of CUTOFFS) {
      if (rank < k) {
        this.hits[k]! += 1;
        this.gains[k]! += 1 / Math.log2(rank + 2);
      }
    }
  }

  summary(): RankingSummary {
    const n = Math.max(1, this.users);
    const hr: Record<number, number> = {};
    const ndcg: Record<number, number> = {};
    for (const k of CUTOFFS) {
      hr[k] = this.hits[k]! / n;
      ndcg[k] = this.gains[k]! / n;
    }
    return { users: this.users, hr, ndcg };
  }
}
