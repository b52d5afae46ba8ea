import type { ShopperItemScores } from './shopperItemScores.js';

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
 * Turns item scores into a probability-like distribution of the shopper's next interest over items:
 * the top `depth` items (excluded ones left out) get weight 1 / log2(rank + 2), the same discount NDCG uses,
 * normalised to sum to 1. Rank-based on purpose: fused, skeleton and single-signal scores live on different
 * scales, and an application must behave the same whichever produced them. Ties keep the lower item index.
 *
 * Returns the items (dense indices, best first) and their probabilities.
 */
export function interestDistribution(input: ShopperItemScores, options: InterestOptions = DEFAULT_INTEREST): Interest {
  const { scores, exclude } = input;
  const order: number[] = [];
  // Non-finite scores (some rankings give masked items -Infinity) count as excluded.
  for (let i = 0; i < scores.length; i++) if (!exclude[i] && Number.isFinite(scores[i])) order.push(i);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const depth = Math.min(options.depth, order.length);
  const items = Int32Array.from(order.slice(0, depth));
  const probabilities = new Float64Array(depth);
  let total = 0;
  for (let r = 0; r < depth; r++) total += probabilities[r] = 1 / Math.log2(r + 2);
  for (let r = 0; r < depth; r++) probabilities[r]! /= total;
  return { items, probabilities };
}
