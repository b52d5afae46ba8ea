import type { EventType, StoredEvent } from '../api/events.js';
import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import type { EventType as HistoryEventType } from '../datasets/dataset.js';
import { DEFAULT_FUSION_CONFIG } from '../fusion/defaultConfig.js';
import { rankCatalog } from '../fusion/rankCatalog.js';
import type { ShopperHistory } from '../signals/history.js';

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

/** The page's event types in the signals' vocabulary (a dwell says more than a view, like a click). */
const HISTORY_TYPE: Record<EventType, HistoryEventType> = { view: 'view', click: 'click', dwell: 'click', add_to_cart: 'cart', purchase: 'purchase' };

/**
 * THE one place where applications get the shopper's item ranking (the worker and `reshelf eval-shops` both
 * come through here): the fused ranking (src/fusion rankCatalog, the shipped default configuration) of the
 * whole catalog, history excluded, top `depth`.
 */
export function shopperRanking(model: CatalogModel, history: readonly StoredEvent[], depth: number, context?: string[]): ShopperRanking {
  const index = cachedIndexById(model);
  const events: ShopperHistory['events'][number][] = [];
  for (const event of history) {
    const item = index.get(event.itemId);
    if (item !== undefined) events.push({ item, type: HISTORY_TYPE[event.type], time: event.time });
  }
  const contextItem = context?.map((id) => index.get(id)).find((i) => i !== undefined);
  const shopper: ShopperHistory = { events, ...(contextItem !== undefined ? { context: { item: contextItem } } : {}) };
  const ranking = rankCatalog(model, shopper, DEFAULT_FUSION_CONFIG, { limit: depth, explain: false });
  return { items: ranking.indices, personalised: events.length > 0 || contextItem !== undefined, history: Int32Array.from(events, (e) => e.item) };
}
