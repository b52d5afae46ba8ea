import { describe, expect, it } from 'vitest';
import { couponAppliesTo, couponIsValid, generateCoupons, type DemoCoupon } from './generateCoupons.js';
import { DEMO_EPOCH, generateShopCatalog } from './generateShopCatalog.js';

const base: DemoCoupon = { id: 'c', title: 't', shops: [], categories: [], minSpend: 0, percentOff: 10, validFrom: 100, validUntil: 200 };

describe('coupon scope and validity', () => {
  it('is valid from validFrom inclusive to validUntil exclusive', () => {
    expect([99, 100, 199, 200].map((t) => couponIsValid(base, t))).toEqual([false, true, true, false]);
  });

  it('matches shops and category prefixes, both when both are set', () => {
    const product = { shop: 'Copperleaf', category: ['Kitchen', 'Coffee', 'Mug Set'] as [string, string, string] };
    expect(couponAppliesTo(base, product)).toBe(true);
    expect(couponAppliesTo({ ...base, shops: ['Copperleaf'] }, product)).toBe(true);
    expect(couponAppliesTo({ ...base, shops: ['Tinker Owl'] }, product)).toBe(false);
    expect(couponAppliesTo({ ...base, categories: [['Kitchen']] }, product)).toBe(true);
    expect(couponAppliesTo({ ...base, categories: [['Kitchen', 'Cookware']] }, product)).toBe(false);
    expect(couponAppliesTo({ ...base, shops: ['Copperleaf'], categories: [['Home']] }, product)).toBe(false);
  });
});

describe('generateCoupons', () => {
  const { products, coupons } = generateShopCatalog({ shoppers: 0 });

  it('is deterministic and well-formed', () => {
    expect(generateCoupons(products, DEMO_EPOCH)).toEqual(coupons);
    expect(new Set(coupons.map((c) => c.id)).size).toBe(coupons.length);
    for (const c of coupons) {
      expect((c.percentOff === undefined) !== (c.amountOff === undefined)).toBe(true);
      expect(c.validFrom).toBeLessThanOrEqual(c.validUntil);
      expect(products.some((p) => couponAppliesTo(c, p))).toBe(true);
    }
  });

  it('has valid, expired and not-yet-valid coupons at the demo date', () => {
    const valid = coupons.filter((c) => couponIsValid(c, DEMO_EPOCH));
    expect(valid.length).toBeGreaterThanOrEqual(20);
    expect(coupons.some((c) => c.validUntil <= DEMO_EPOCH)).toBe(true);
    expect(coupons.some((c) => c.validFrom > DEMO_EPOCH)).toBe(true);
  });

  it('covers shop, category and site-wide scopes', () => {
    expect(coupons.some((c) => c.shops.length > 0 && c.categories.length === 0)).toBe(true);
    expect(coupons.some((c) => c.shops.length === 0 && c.categories.length > 0)).toBe(true);
    expect(coupons.some((c) => c.shops.length === 0 && c.categories.length === 0)).toBe(true);
  });
});
