import type { Coupon, ItemAttributes } from '../catalog/catalogModel.js';
import { shopOf } from './shopIndex.js';

/** Whether `now` (ms) lies in the coupon's validity window [validFrom, validUntil). */
export function couponIsValidAt(coupon: Coupon, now: number): boolean {
  return coupon.validFrom <= now && now < coupon.validUntil;
}

/**
 * Whether an item is in a coupon's scope: its shop is listed (or the coupon names no shop) AND its category
 * path starts with one of the listed prefixes (or the coupon names no category).
 */
export function couponCovers(coupon: Coupon, attributes: ItemAttributes): boolean {
  if (coupon.shops.length > 0) {
    const shop = shopOf(attributes);
    if (shop === undefined || !coupon.shops.includes(shop)) return false;
  }
  if (coupon.categories.length > 0) {
    const path = attributes.category ?? [];
    if (!coupon.categories.some((prefix) => prefix.length <= path.length && prefix.every((part, i) => path[i] === part))) return false;
  }
  return true;
}
