import type { DemoCoupon } from '../catalog/generateCoupons.js';

/**
 * The shop's own product feed: what a shop's server knows and renders, independent of any shopper. The demo
 * page reads it from `demo-shop/feed.json` (the same bytes for every visitor); reshelf never sees it, it reads
 * its own catalog bundle. Built from the generated shop, or from a bundle's items section with `--bundle`.
 */
export interface ShopFeed {
  /** Where the products come from, shown on the page. */
  source: { kind: 'generated' | 'bundle'; description: string };
  /** "Today" in the shop's world (ms since epoch): new arrivals and coupon validity are relative to it. */
  today: number;
  products: ShopProduct[];
  coupons: DemoCoupon[];
}

export interface ShopProduct {
  id: string;
  title: string;
  shop: string;
  /** Category path, most general first (may be empty for a bundle without categories). */
  category: string[];
  price?: number;
  colour?: string;
  /** When the product was listed (ms since epoch), when known. */
  listedAt?: number;
}

/** Days a listing counts as a new arrival. */
export const NEW_ARRIVAL_DAYS = 14;
export const DAY_MS = 86_400_000;

export function isNewArrival(product: ShopProduct, today: number): boolean {
  return product.listedAt !== undefined && product.listedAt <= today && today - product.listedAt < NEW_ARRIVAL_DAYS * DAY_MS;
}
