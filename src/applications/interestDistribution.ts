import type { ShopperRanking } from './shopperRanking.js';

/** The shopper's next interest as a distribution over items: `items[r]` (dense index) has `probabilities[r]`. */
export interface Interest {
  items: Int32Array;
  probabilities: Float64Array;
}

export interface InterestOptions {
  /** Only the best `depth` items carry interest; the long tail says little and costs time. */
  depth: number;
}

/** Chosen on the Beauty validation split with `reshelf eval-shops` (see the README's Applications section). */
export const DEFAULT_INTEREST: InterestOptions = { depth: 100 };

/**
 * Turns the shopper's item ranking into a probability-like distribution of their next interest: the item at
 * rank r (0-based) gets weight 1 / log2(r + 2), the discount NDCG uses, normalised to sum to 1 over the top
 * `depth`. Rank-based on purpose: fused, skeleton and single-signal scores live on different scales, and
 * shops and coupons must behave the same whichever ranking produced the order.
 */
export function interestDistribution(ranking: Pick<ShopperRanking, 'items'>, options: InterestOptions = DEFAULT_INTEREST): Interest {
  const depth = Math.min(options.depth, ranking.items.length);
  const items = ranking.items.slice(0, depth);
  const probabilities = new Float64Array(depth);
  let total = 0;
  for (let r = 0; r < depth; r++) total += probabilities[r] = 1 / Math.log2(r + 2);
  for (let r = 0; r < depth; r++) probabilities[r]! /= total;
  return { items, probabilities };
}
