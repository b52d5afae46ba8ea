import type { EventType, StoredEvent } from '../api/events.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { indexById } from '../catalog/catalogModel.js';
import type { EventType as SignalEventType } from '../datasets/dataset.js';
import type { ShopperEvent, ShopperHistory } from '../signals/history.js';

/**
 * The page's event types in the signals' vocabulary; a dwell says more than a view, like a click. An
 * impression (a card was shown) has none: it is not interest, and no signal sees it (api/events.ts isInterest).
 */
const SIGNAL_TYPE: Record<EventType, SignalEventType | undefined> = { impression: undefined, view: 'view', click: 'click', dwell: 'click', add_to_cart: 'cart', purchase: 'purchase' };

const indexCache = new WeakMap<CatalogModel, Map<string, number>>();

/** Shop id -> dense index, built once per catalog. */
export function catalogIndex(model: CatalogModel): Map<string, number> {
  let index = indexCache.get(model);
  if (!index) indexCache.set(model, (index = indexById(model)));
  return index;
}

/**
 * Turns the stored events (shop ids, page vocabulary) into what the signals read (dense indices, signal
 * vocabulary). Impressions and events for items the catalog no longer has are skipped. Context items (the product a page is
 * about) become the page context, and the most recent interest when the shopper has a history.
 */
export function toShopperHistory(model: CatalogModel, stored: readonly StoredEvent[], context: readonly string[] = []): ShopperHistory {
  const index = catalogIndex(model);
  const events: ShopperEvent[] = [];
  for (const event of stored) {
    const item = index.get(event.itemId);
    const type = SIGNAL_TYPE[event.type];
    if (item !== undefined && type !== undefined) events.push({ item, type, time: event.time });
  }
  const contextItem = context.map((id) => index.get(id)).find((i) => i !== undefined);
  if (contextItem === undefined) return { events };
  // The page is about this item right now: as an interest it outranks anything older, even if the page's
  // own view event has not been tracked yet.
  if (events.length > 0 && events[events.length - 1]?.item !== contextItem) events.push({ item: contextItem, type: 'click' });
  return { events, context: { item: contextItem } };
}
