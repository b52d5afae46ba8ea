import type { StoredEvent } from '../api/events.js';
import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import { rankCandidates } from '../ranking/rankCandidates.js';

/** The shopper's best items, as the applications (shops, coupons) consume them. */
export interface ShopperRanking {
  /** Dense catalog indices, best first; never an item of the shopper's history (as in the item ranking). */
  items: Int32Array;
  /** True when the shopper's history or the page context shaped the order (false: popularity only). */
  personalised: boolean;
  /** The history's catalog items, oldest first (unknown ids left out), for interest that includes them. */
  history: Int32Array;
}

const indexCache = new WeakMap<CatalogModel, Map<string, number>>();
export function cachedIndexById(model: CatalogModel): Map<string, number> {
  let index = indexCache.get(model);
  if (!index) indexCache.set(model, (index = indexById(model)));
  return index;
}

/**
 * THE one place where applications get the shopper's item ranking (the worker and `reshelf eval-shops` both
 * come through here). Today it asks the walking-skeleton ranking (src/ranking/rankCandidates) to order the
 * whole catalog; when the fused ranking (src/fusion rankCatalog) lands, this body is what changes.
 */
export function shopperRanking(model: CatalogModel, history: readonly StoredEvent[], depth: number, context?: string[]): ShopperRanking {
  const index = cachedIndexById(model);
  const seen = new Set(history.map((e) => e.itemId));
  const ranked = rankCandidates(model, [...history], { candidates: model.ids, ...(context ? { context } : {}), historyLimit: history.length });
  const items: number[] = [];
  for (const id of ranked.items) {
    if (items.length >= depth) break;
    if (!seen.has(id)) items.push(index.get(id)!);
  }
  const past: number[] = [];
  for (const event of history) {
    const i = index.get(event.itemId);
    if (i !== undefined) past.push(i);
  }
  return { items: Int32Array.from(items), personalised: ranked.personalised, history: Int32Array.from(past) };
}
