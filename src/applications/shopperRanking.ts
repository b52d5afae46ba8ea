import type { StoredEvent } from '../api/events.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { rankCatalog } from '../fusion/rankCatalog.js';
import { catalogConfig } from '../ranking/rankCandidates.js';
import { catalogIndex, toShopperHistory } from '../ranking/shopperHistory.js';

/** The shopper's best items, as the applications (shops, coupons) consume them. */
export interface ShopperRanking {
  /** Dense catalog indices, best first; never an item of the shopper's history (as in the item ranking). */
  items: Int32Array;
  /** True when the shopper's history or the page context shaped the order (false: popularity only). */
  personalised: boolean;
  /** The history's catalog items, oldest first (unknown ids left out), for interest that includes them. */
  history: Int32Array;
}

/** Shop id -> dense index, built once per catalog (shared with the item ranking). */
export const cachedIndexById = catalogIndex;

/**
 * THE one place where applications get the shopper's item ranking (the worker and `reshelf eval`'s shop entries
 * both come through here): the fused ranking (src/fusion rankCatalog, with the bundle's shipped configuration, as
 * for widgets) of the whole catalog, history excluded, top `depth`.
 */
export function shopperRanking(model: CatalogModel, history: readonly StoredEvent[], depth: number, context?: string[]): ShopperRanking {
  const shopper = toShopperHistory(model, history, context);
  const ranking = rankCatalog(model, shopper, catalogConfig(model), { limit: depth, explain: false });
  const index = catalogIndex(model);
  const own = history.map((e) => index.get(e.itemId)).filter((i): i is number => i !== undefined);
  return { items: ranking.indices, personalised: shopper.events.length > 0 || shopper.context !== undefined, history: Int32Array.from(own) };
}
