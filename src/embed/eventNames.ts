import type { EventType, TrackEvent } from '../api/events.js';
import type { NamedEventProperties } from './types.js';

/**
 * Event names shops already emit, mapped onto reshelf's event types: GA4 ecommerce (dataLayer / gtag) and
 * Segment's ecommerce spec v2. A list or promotion being shown (GA4 `view_item_list`, `view_promotion`, Segment
 * `Product List Viewed`) is an `impression` per product: stored, never interest (api/events.ts isInterest);
 * `view_item` (a product's own page) is a `view`. Anything else is not a product interaction reshelf learns from.
 */
const NAMES: Record<string, EventType> = {
  view_item_list: 'impression',
  view_promotion: 'impression',
  view_item: 'view',
  select_item: 'click',
  add_to_cart: 'add_to_cart',
  purchase: 'purchase',
  'Product List Viewed': 'impression',
  'Product Viewed': 'view',
  'Product Clicked': 'click',
  'Product Added': 'add_to_cart',
  'Order Completed': 'purchase',
};

function idOf(product: unknown): string | undefined {
  if (typeof product !== 'object' || product === null) return undefined;
  const p = product as Record<string, unknown>;
  const id = p.item_id ?? p.product_id ?? p.sku ?? p.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function quantityOf(product: unknown): number | undefined {
  const q = (product as Record<string, unknown>).quantity;
  return typeof q === 'number' && Number.isFinite(q) ? q : undefined;
}

/**
 * The reshelf events inside a named event: one per product (`items[]` in GA4, `products[]` or the properties
 * themselves in Segment). Returns undefined for a name reshelf does not know, [] when it names no product.
 */
export function eventsFromNamed(name: string, properties: NamedEventProperties = {}): TrackEvent[] | undefined {
  const type = NAMES[name];
  if (!type) return undefined;
  const list = properties.items ?? properties.products;
  const products = Array.isArray(list) ? list : [properties];
  const events: TrackEvent[] = [];
  for (const product of products) {
    const itemId = idOf(product);
    if (itemId === undefined) continue;
    const value = type === 'add_to_cart' || type === 'purchase' ? quantityOf(product) : undefined;
    events.push(value === undefined ? { type, itemId } : { type, itemId, value });
  }
  return events;
}
