import type { EventType } from '../datasets/dataset.js';

/**
 * Event names a shop export may use, mapped to reshelf's four kinds. Covers reshelf's own names, GA4
 * ecommerce events, Segment v2 spec names and Shopify web pixel names (matched case-insensitively, with
 * spaces, dashes and underscores treated alike). Anything else is reported by the `unsupported-event` rule,
 * deliberately including impressions (`impression`, GA4 `view_item_list` / `view_promotion`): a product shown in
 * a list is what the shop chose, not what the shopper looked at, and training on it would teach the bundle the
 * shop's own placements (the browser stores them too but never learns from them: api/events.ts isInterest).
 */
const SYNONYMS: Record<EventType, readonly string[]> = {
  view: ['view', 'view_item', 'product_viewed', 'product viewed', 'page_view', 'detail'],
  click: ['click', 'select_item', 'product_clicked', 'product clicked', 'select_content'],
  cart: ['cart', 'add_to_cart', 'addtocart', 'product_added', 'product added', 'product_added_to_cart', 'add_to_wishlist', 'begin_checkout', 'checkout_started'],
  purchase: ['purchase', 'transaction', 'order_completed', 'order completed', 'checkout_completed', 'buy'],
};

const normalise = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

const BY_NAME = new Map<string, EventType>();
for (const [type, names] of Object.entries(SYNONYMS) as [EventType, readonly string[]][]) {
  for (const name of names) BY_NAME.set(normalise(name), type);
}

export function eventTypeOf(name: string): EventType | undefined {
  return BY_NAME.get(normalise(name));
}

/** Every accepted event name, for help texts and reports. */
export const ACCEPTED_EVENT_NAMES: readonly string[] = Object.values(SYNONYMS).flat();
