import type { CatalogModel } from '../catalog/catalogModel.js';
import type { Interest } from './interestDistribution.js';
import { shopIndex, shopSimilarity, type ShopIndex } from './shopIndex.js';

export interface ShopRankingOptions {
  /** How many shops to return. */
  limit: number;
  /**
   * Maximal-marginal-relevance trade-off in [0, 1): 0 ranks by interest only; higher values let a shop that
   * sells something different overtake one that resembles the shops already listed.
   */
  diversity: number;
  /** How many of each shop's best items to name (for display and explanations). */
  itemsPerShop: number;
}

/**
 * Diversity costs accuracy on the Beauty validation split (NDCG@10 0.2983 without, 0.2902 at 0.1: README,
 * Applications); a shop widget that shows ten look-alike sellers serves the shopper worse than the metric
 * says, so the widget default keeps a little. Pass `diversity: 0` for the most accurate order.
 */
export const DEFAULT_SHOP_RANKING: ShopRankingOptions = { limit: 10, diversity: 0.1, itemsPerShop: 3 };

/** One shop in the result of `shops()`, with this shopper's interest in it. */
export interface RankedShop {
  shop: string;
  /** Share of the shopper's next interest that falls on this shop's items (0..1). */
  interest: number;
  /** The shop's items this shopper is most likely to want, best first (shop item ids). */
  items: string[];
}

/** Popularity only breaks ties among shops the shopper shows no interest in, so it never outweighs interest. */
const POPULARITY_BACKOFF = 1e-9;

/**
 * Ranks shops (brands, sellers) for this shopper: each shop's score is the interest mass on its items
 * (`interestDistribution`), i.e. the estimated probability that the next thing they want comes from that
 * shop. Shops without interest follow in popularity order, so the list is always full. With `diversity` > 0,
 * shops are picked greedily by (1 - d) * interest / best interest - d * max similarity to the shops already
 * picked (category profiles), so one department does not fill the whole list.
 */
export function rankShops(model: CatalogModel, interest: Interest, options: ShopRankingOptions = DEFAULT_SHOP_RANKING): RankedShop[] {
  const index = shopIndex(model);
  const mass = new Float64Array(index.shops.length);
  const best: number[][] = index.shops.map(() => []);
  interest.items.forEach((item, r) => {
    const s = index.itemShop[item]!;
    if (s < 0) return;
    mass[s]! += interest.probabilities[r]!;
    if (best[s]!.length < options.itemsPerShop) best[s]!.push(item);
  });
  const order = pickShops(index, mass, options);
  return order.map((s) => ({ shop: index.shops[s]!, interest: mass[s]!, items: best[s]!.map((i) => model.ids[i]!) }));
}

/** Shops by catalog popularity alone (the same list for every shopper): the `shops-pop` baseline. */
export function rankShopsByPopularity(model: CatalogModel, limit: number): string[] {
  const index = shopIndex(model);
  return byScore(index, new Float64Array(index.shops.length)).slice(0, limit).map((s) => index.shops[s]!);
}

/** Shop indices by interest, popularity as the back-off, then name: a total, deterministic order. */
function byScore(index: ShopIndex, mass: Float64Array): number[] {
  const maxPop = Math.max(1, ...index.popularity);
  const score = Array.from(mass, (m, s) => m + (POPULARITY_BACKOFF * index.popularity[s]!) / maxPop);
  return index.shops.map((_, s) => s).sort((a, b) => score[b]! - score[a]! || (index.shops[a]! < index.shops[b]! ? -1 : 1));
}

/** MMR re-orders at most this many leading slots; a longer list continues in interest order. */
const MMR_SLOTS = 50;

function pickShops(index: ShopIndex, mass: Float64Array, options: ShopRankingOptions): number[] {
  const sorted = byScore(index, mass);
  const limit = Math.min(options.limit, sorted.length);
  if (options.diversity <= 0) return sorted.slice(0, limit);
  // Greedy MMR over a bounded pool: a shop far down the interest order cannot win a slot by dissimilarity alone.
  const slots = Math.min(limit, MMR_SLOTS);
  const pool = sorted.slice(0, Math.max(slots * 5, 50));
  const top = Math.max(mass[pool[0]!]!, Number.MIN_VALUE);
  const closest = new Float64Array(pool.length);
  const taken = new Uint8Array(pool.length);
  const picked: number[] = [];
  while (picked.length < slots) {
    let choice = -1;
    let value = -Infinity;
    for (let p = 0; p < pool.length; p++) {
      if (taken[p]) continue;
      const v = (1 - options.diversity) * (mass[pool[p]!]! / top) - options.diversity * closest[p]!;
      if (v > value) {
        value = v;
        choice = p;
      }
    }
    if (choice < 0) break;
    taken[choice] = 1;
    const shop = pool[choice]!;
    picked.push(shop);
    for (let p = 0; p < pool.length; p++) if (!taken[p]) closest[p] = Math.max(closest[p]!, shopSimilarity(index, pool[p]!, shop));
  }
  if (picked.length < limit) {
    const chosen = new Set(picked);
    for (const shop of sorted) {
      if (picked.length >= limit) break;
      if (!chosen.has(shop)) picked.push(shop);
    }
  }
  return picked;
}
