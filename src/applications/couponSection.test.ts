import { describe, expect, it } from 'vitest';
import { ApplicationError } from './applicationError.js';
import { decodeCouponSection, encodeCouponSection } from './couponSection.js';
import { validateCoupon } from './validateCoupon.js';

const good = { id: 'c1', title: '10% off Acme', shops: ['Acme'], categories: [['Home', 'Kitchen']], minSpend: 30, percentOff: 10, validFrom: 0, validUntil: 10 };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ApplicationError ? error.code : 'not an ApplicationError';
  }
  return undefined;
}

describe('coupon validation', () => {
  it('accepts a well-formed coupon and drops unknown fields', () => {
    expect(validateCoupon({ ...good, extra: '<script>' })).toEqual(good);
  });

  it.each([
    ['no id', { ...good, id: '' }, /"id"/],
    ['both discounts', { ...good, amountOff: 5 }, /exactly one/],
    ['no discount', { ...good, percentOff: undefined }, /exactly one/],
    ['percent over 100', { ...good, percentOff: 120 }, /percentOff/],
    ['negative amount', { ...good, percentOff: undefined, amountOff: -1 }, /amountOff/],
    ['negative minimum', { ...good, minSpend: -5 }, /minSpend/],
    ['NaN validity', { ...good, validUntil: Number.NaN }, /validUntil/],
    ['empty window', { ...good, validFrom: 10, validUntil: 10 }, /before/],
    ['shop not a string', { ...good, shops: [3] }, /shops/],
    ['empty category path', { ...good, categories: [[]] }, /categories/],
  ])('rejects %s with COUPON_INVALID naming the field', (_name, raw, message) => {
    expect(codeOf(() => validateCoupon(raw))).toBe('COUPON_INVALID');
    expect(() => validateCoupon(raw)).toThrow(message);
  });
});

describe('coupon section', () => {
  it('round-trips through bytes', () => {
    const coupons = [validateCoupon(good), validateCoupon({ ...good, id: 'c2', percentOff: undefined, amountOff: 5, shops: [], categories: [] })];
    expect(decodeCouponSection(encodeCouponSection(coupons))).toEqual(coupons);
  });

  it('rejects duplicate ids, non-JSON and a wrong shape with COUPON_INVALID', () => {
    expect(codeOf(() => encodeCouponSection([validateCoupon(good), validateCoupon(good)]))).toBe('COUPON_INVALID');
    expect(codeOf(() => decodeCouponSection(new Uint8Array([0xff, 0x00])))).toBe('COUPON_INVALID');
    expect(codeOf(() => decodeCouponSection(new TextEncoder().encode('[1,2]')))).toBe('COUPON_INVALID');
    expect(codeOf(() => decodeCouponSection(new TextEncoder().encode('{"coupons":[{"id":"x"}]}')))).toBe('COUPON_INVALID');
  });
});
