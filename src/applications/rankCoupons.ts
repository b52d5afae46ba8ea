import type { CatalogModel, Coupon } from '../catalog/catalogModel.js';
import { couponCovers, couponIsValidAt } from './couponScope.js';
import type { Interest } from './interestDistribution.js';

export interface CouponRankingOptions {
  /** The time to check validity against (ms since the epoch). */
  now: number;
  limit: number;
}

/** One coupon in the result of `coupons()`, with its expected value for this shopper. */
export interface RankedCoupon {
  coupon: Coupon;
  /** Expected saving for this shopper = probability * reach * discount (catalog currency). */
  expectedValue: number;
  /** Share of the shopper's next interest that falls in the coupon's scope (0..1). */
  probability: number;
  /** How far a typical in-scope purchase of this shopper gets towards `minSpend` (0..1; 1 without a minimum). */
  reach: number;
  /** The saving if used: `amountOff`, or `percentOff` of the larger of the typical spend and `minSpend`. */
  discount: number;
  /** Interest-weighted mean price of the in-scope items this shopper is drawn to; absent without prices. */
  typicalSpend?: number;
}

/**
 * Coupons worth showing to this shopper, best expected value first. Never returns a coupon that is not valid
 * at `now` (expired or not started) or that covers no item of the catalog (inapplicable).
 *
 * For each coupon, with p the interest distribution over items:
 *   probability  = sum of p over in-scope items
 *   typicalSpend = sum of p * price / sum of p over in-scope items with a price
 *   reach        = min(1, typicalSpend / minSpend)      (1 when minSpend is 0 or no price is known)
 *   discount     = amountOff, or percentOff/100 * max(typicalSpend, minSpend)
 *                  (percentOff/100 of one unit of spend when neither is known)
 *   expectedValue = probability * reach * discount
 * Ties (e.g. a new shopper's zero-interest coupons) go to the larger discount, then the id.
 */
export function rankCoupons(model: CatalogModel, coupons: readonly Coupon[], interest: Interest, options: CouponRankingOptions): RankedCoupon[] {
  const ranked: RankedCoupon[] = [];
  for (const coupon of coupons) {
    if (!couponIsValidAt(coupon, options.now)) continue;
    if (!model.attributes.some((attributes) => couponCovers(coupon, attributes))) continue;
    let probability = 0;
    let priced = 0;
    let spend = 0;
    interest.items.forEach((item, r) => {
      const attributes = model.attributes[item]!;
      if (!couponCovers(coupon, attributes)) return;
      const p = interest.probabilities[r]!;
      probability += p;
      if (attributes.price !== undefined) {
        priced += p;
        spend += p * attributes.price;
      }
    });
    const typicalSpend = priced > 0 ? spend / priced : undefined;
    const reach = coupon.minSpend > 0 && typicalSpend !== undefined ? Math.min(1, typicalSpend / coupon.minSpend) : 1;
    const base = Math.max(typicalSpend ?? 0, coupon.minSpend) || 1;
    const discount = coupon.amountOff ?? ((coupon.percentOff ?? 0) / 100) * base;
    ranked.push({ coupon, expectedValue: probability * reach * discount, probability, reach, discount, ...(typicalSpend !== undefined ? { typicalSpend } : {}) });
  }
  ranked.sort((a, b) => b.expectedValue - a.expectedValue || b.discount - a.discount || (a.coupon.id < b.coupon.id ? -1 : a.coupon.id > b.coupon.id ? 1 : 0));
  return ranked.slice(0, options.limit);
}
