import type { StoredEvent } from '../api/events.js';
import type { CatalogModel, ItemAttributes } from '../catalog/catalogModel.js';
import { APPLICATION_RECENCY_DECAY } from './historyWeights.js';
import { interestDistribution, type InterestOptions } from './interestDistribution.js';
import { rankShops, rankShopsByPopularity } from './rankShops.js';
import { shopIndex } from './shopIndex.js';
import { shopperRanking, type ShopperRanking } from './shopperRanking.js';

/** The part of a dataset the shop evaluation reads (structurally a src/datasets Dataset). */
export interface ShopsEvalDataset {
  items: readonly { id: string; attributes: ItemAttributes }[];
  users: readonly { items: Int32Array }[];
}

export interface ShopsEvalConfig {
  name: string;
  interest: InterestOptions;
  diversity: number;
}

export interface ShopsEvalOptions {
  split: 'test' | 'valid';
  /** Builds the catalog model from the training sequences only (each user's sequence minus its held-out tail). */
  buildModel: (train: Int32Array[]) => CatalogModel;
  /** The interest-based shop rankings to measure; `shops-pop` and `shops-history` are always added. */
  configs: ShopsEvalConfig[];
  ks?: number[];
  /** Evaluate every `stride`-th user only (1 = all): a quick look while tuning. */
  stride?: number;
  onProgress?: (done: number, total: number) => void;
  /** The item ranking shop interest comes from; default `shopperRanking`, the one the worker uses. */
  ranking?: (model: CatalogModel, history: readonly StoredEvent[], depth: number) => ShopperRanking;
}

export interface ShopsEvalResult {
  split: 'test' | 'valid';
  /** Users whose held-out item has a shop (the only ones a shop can be predicted for). */
  users: number;
  /** Users skipped because their held-out item has no shop. */
  skippedWithoutShop: number;
  shops: number;
  metrics: Record<string, Record<string, number>>;
  seconds: number;
}

const DEFAULT_KS = [5, 10, 20];

/**
 * "Which shop will this shopper buy from next?", measured like the item protocol (quality-protocol.md):
 * leave-one-out per user (test: the last item, valid: the second-to-last), models built from training
 * sequences only, the shopper's history = everything before the target. The target is the SHOP (brand) of
 * the held-out item; users whose item has no shop are skipped and counted. Every shop is ranked; HR@k = 1
 * when the target's shop is in the top k, NDCG@k = 1 / log2(rank + 2). Shops are NOT masked: buying again
 * from a shop one already likes is the point of a shop widget.
 *
 * Methods: each config ranks shops with `rankShops` over the interest derived from the shopper's item
 * ranking (`shopperRanking`, the same function the worker uses); `shops-pop` ranks shops by training
 * popularity (same list for everyone); `shops-history` by the shopper's own recency-weighted shop counts,
 * popularity after that (the obvious baseline an aggregation must beat).
 */
export function evaluateShops(dataset: ShopsEvalDataset, options: ShopsEvalOptions): ShopsEvalResult {
  const started = Date.now();
  const ks = options.ks ?? DEFAULT_KS;
  const maxK = Math.max(...ks);
  const heldOut = options.split === 'test' ? 1 : 2;
  const train = dataset.users.map((u) => u.items.subarray(0, Math.max(0, u.items.length - heldOut)));
  const model = options.buildModel(train);
  const index = shopIndex(model);
  const byName = new Map(index.shops.map((s, i) => [s, i]));
  const popularOrder = rankShopsByPopularity(model, maxK).map((s) => byName.get(s)!);
  const depth = Math.max(...options.configs.map((c) => c.interest.depth));

  const names = [...options.configs.map((c) => c.name), 'shops-pop', 'shops-history'];
  const sums = new Map(names.map((n) => [n, new Float64Array(ks.length * 2)]));
  const add = (name: string, rank: number) => {
    const sum = sums.get(name)!;
    ks.forEach((k, j) => {
      if (rank < k) {
        sum[j]! += 1;
        sum[ks.length + j]! += 1 / Math.log2(rank + 2);
      }
    });
  };

  let users = 0;
  let skipped = 0;
  const stride = options.stride ?? 1;
  const total = dataset.users.length;
  for (let u = 0; u < total; u += stride) {
    const sequence = dataset.users[u]!.items;
    const cut = sequence.length - heldOut;
    if (cut < 0) continue;
    const targetShop = index.itemShop[sequence[cut]!]!;
    if (targetShop < 0) {
      skipped++;
      continue;
    }
    users++;
    const history: StoredEvent[] = Array.from(sequence.subarray(0, cut), (item, t) => ({ type: 'purchase', itemId: model.ids[item]!, time: t }));
    const ranking = (options.ranking ?? shopperRanking)(model, history, depth);
    for (const config of options.configs) {
      const shops = rankShops(model, interestDistribution(ranking, config.interest, ranking.history), { limit: maxK, diversity: config.diversity, itemsPerShop: 0 });
      add(config.name, rankOrMiss(shops.findIndex((s) => byName.get(s.shop) === targetShop)));
    }
    add('shops-pop', rankOrMiss(popularOrder.indexOf(targetShop)));
    add('shops-history', rankOrMiss(historyShopOrder(index.itemShop, sequence.subarray(0, cut), popularOrder, maxK).indexOf(targetShop)));
    options.onProgress?.(u + 1, total);
  }

  const metrics: Record<string, Record<string, number>> = {};
  for (const [name, sum] of sums) {
    const m: Record<string, number> = {};
    ks.forEach((k, j) => {
      m[`HR@${k}`] = users ? sum[j]! / users : 0;
      m[`NDCG@${k}`] = users ? sum[ks.length + j]! / users : 0;
    });
    metrics[name] = m;
  }
  return { split: options.split, users, skippedWithoutShop: skipped, shops: index.shops.length, metrics, seconds: (Date.now() - started) / 1000 };
}

/** Shops of the history by recency-weighted count (latest item weighs 1, then decay^steps), then popularity. */
function historyShopOrder(itemShop: Int32Array, history: Int32Array, popularOrder: number[], limit: number): number[] {
  const weight = new Map<number, number>();
  for (let step = 0; step < history.length; step++) {
    const shop = itemShop[history[history.length - 1 - step]!]!;
    if (shop >= 0) weight.set(shop, (weight.get(shop) ?? 0) + APPLICATION_RECENCY_DECAY ** step);
  }
  const order = [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a - b);
  for (const shop of popularOrder) {
    if (order.length >= limit) break;
    if (!weight.has(shop)) order.push(shop);
  }
  return order.slice(0, limit);
}

/** A 0-based position, or Infinity when the target is not in the list (a miss at every k). */
function rankOrMiss(position: number): number {
  return position < 0 ? Number.POSITIVE_INFINITY : position;
}
