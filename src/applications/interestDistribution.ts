import type { ShopperRanking } from './shopperRanking.js';

/** The shopper's next interest as a distribution over items: `items[r]` (dense index) has `probabilities[r]`. */
export interface Interest {
  items: Int32Array;
  probabilities: Float64Array;
}

export interface InterestOptions {
  /** Only the best `depth` ranked items carry interest; the long tail says little and costs time. */
  depth: number;
  /**
   * Share of the interest given to the shopper's own history items (recency-weighted), the rest to the
   * ranked items. The item ranking leaves history out because nobody buys the same item twice as their next
   * one, but shops and coupon scopes ARE revisited: the brands one bought from say where the next purchase
   * is likely to be.
   */
  historyWeight: number;
}

/**
 * Chosen on the Beauty validation split (every 10th user; the shop of the held-out item, NDCG@10) over depth
 * 20/100/500 x historyWeight 0/0.25/0.5, with the fused item ranking: see README, Applications.
 */
export const DEFAULT_INTEREST: InterestOptions = { depth: 100, historyWeight: 0.25 };

/**
 * The shopper's next interest as a probability-like distribution over items: the ranked item at rank r
 * (0-based) gets weight 1 / log2(r + 2), the discount NDCG uses, normalised to sum to 1 - historyWeight over
 * the top `depth`; the history items share historyWeight by recency (decay^(steps back), repeated items
 * accumulate). Rank-based on purpose: fused, skeleton and single-signal scores live on different scales, and
 * shops and coupons must behave the same whichever ranking produced the order. Without history, the ranked
 * items carry everything.
 */
export function interestDistribution(
  ranking: Pick<ShopperRanking, 'items'>,
  options: InterestOptions = DEFAULT_INTEREST,
  history: ArrayLike<number> = [],
  decay = 0.85,
): Interest {
  const depth = Math.min(options.depth, ranking.items.length);
  const weights = new Map<number, number>();
  let rankedTotal = 0;
  for (let r = 0; r < depth; r++) rankedTotal += 1 / Math.log2(r + 2);
  const historyShare = history.length > 0 ? options.historyWeight : 0;
  const rankedShare = depth > 0 ? 1 - historyShare : 0;
  for (let r = 0; r < depth; r++) weights.set(ranking.items[r]!, (rankedShare / Math.log2(r + 2)) / rankedTotal);
  if (historyShare > 0) {
    let historyTotal = 0;
    for (let step = 0; step < history.length; step++) historyTotal += decay ** step;
    for (let step = 0; step < history.length; step++) {
      const item = history[history.length - 1 - step]!;
      weights.set(item, (weights.get(item) ?? 0) + (historyShare * decay ** step) / historyTotal);
    }
  }
  const entries = [...weights].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return { items: Int32Array.from(entries, ([i]) => i), probabilities: Float64Array.from(entries, ([, p]) => p) };
}
