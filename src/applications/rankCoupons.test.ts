import { describe, expect, it } from 'vitest';
import type { Coupon } from '../catalog/catalogModel.js';
import { rankCoupons } from './rankCoupons.js';
import { interestOf, testCatalog } from './testCatalog.js';

const model = testCatalog([
  { id: 'kettle', brand: 'Acme', category: ['Home', 'Kitchen'], price: 20 },
  { id: 'hose', brand: 'Acme', category: ['Home', 'Garden'], price: 50 },
  { id: 'spoon', brand: 'Bolt', category: ['Home', 'Kitchen'], price: 10 },
  { id: 'kite', brand: 'Cirrus', category: ['Toys'] },
]);
// The shopper's next interest, given by hand: kettle 0.5, hose 0.3, spoon 0.2, kite 0.
const interest = interestOf([[0, 0.5], [1, 0.3], [2, 0.2]]);
const NOW = 1000;
const coupon = (id: string, fields: Partial<Coupon>): Coupon => ({ id, shops: [], categories: [], minSpend: 0, validFrom: 0, validUntil: 2000, ...fields });

const coupons: Coupon[] = [
  // p = 0.5 + 0.3 = 0.8; spend = (0.5*20 + 0.3*50)/0.8 = 31.25; discount = 10% of 31.25 = 3.125; EV = 0.8 * 3.125 = 2.5
  coupon('acme-10pc', { shops: ['Acme'], percentOff: 10 }),
  // p = 0.5 + 0.2 = 0.7; spend = (0.5*20 + 0.2*10)/0.7 = 12/0.7; reach = (12/0.7)/40; EV = 0.7 * (12/0.7)/40 * 5 = 1.5
  coupon('kitchen-5off-40', { categories: [['Home', 'Kitchen']], amountOff: 5, minSpend: 40 }),
  // p = 0.2; spend 10; reach 1; EV = 0.2 * 3 = 0.6
  coupon('bolt-3off', { shops: ['Bolt'], amountOff: 3 }),
  // p = 1; spend = 0.5*20 + 0.3*50 + 0.2*10 = 27; reach = 27/100; EV = 1 * 0.27 * 1 = 0.27
  coupon('sitewide-1off-100', { amountOff: 1, minSpend: 100 }),
  // p = 0.3; spend 50; reach = 50/60; discount = 20% of max(50, 60) = 12; EV = 0.3 * (50/60) * 12 = 3
  coupon('acme-garden-20pc-60', { shops: ['Acme'], categories: [['Home', 'Garden']], percentOff: 20, minSpend: 60 }),
  // valid and applicable but out of this shopper's interest: p = 0, no price known -> discount 50% of 1 unit; EV 0
  coupon('cirrus-50pc', { shops: ['Cirrus'], percentOff: 50 }),
  // never shown: expired exactly at NOW (validUntil is exclusive), not started yet, covers no catalog item
  coupon('expired', { shops: ['Acme'], percentOff: 50, validUntil: NOW }),
  coupon('not-yet', { shops: ['Acme'], percentOff: 50, validFrom: NOW + 1 }),
  coupon('nowhere', { shops: ['Zephyr'], percentOff: 50 }),
  coupon('no-such-category', { categories: [['Home', 'Bath']], amountOff: 50 }),
];

describe('rankCoupons', () => {
  const ranked = rankCoupons(model, coupons, interest, { now: NOW, limit: 20 });

  it('orders valid, applicable coupons by hand-computed expected value', () => {
    expect(ranked.map((r) => r.coupon.id)).toEqual(['acme-garden-20pc-60', 'acme-10pc', 'kitchen-5off-40', 'bolt-3off', 'sitewide-1off-100', 'cirrus-50pc']);
    const ev = Object.fromEntries(ranked.map((r) => [r.coupon.id, r.expectedValue]));
    expect(ev['acme-garden-20pc-60']).toBeCloseTo(3, 10);
    expect(ev['acme-10pc']).toBeCloseTo(2.5, 10);
    expect(ev['kitchen-5off-40']).toBeCloseTo(1.5, 10);
    expect(ev['bolt-3off']).toBeCloseTo(0.6, 10);
    expect(ev['sitewide-1off-100']).toBeCloseTo(0.27, 10);
    expect(ev['cirrus-50pc']).toBe(0);
  });

  it('reports the parts of the expected value', () => {
    const kitchen = ranked.find((r) => r.coupon.id === 'kitchen-5off-40')!;
    expect(kitchen.probability).toBeCloseTo(0.7, 10);
    expect(kitchen.typicalSpend).toBeCloseTo(12 / 0.7, 10);
    expect(kitchen.reach).toBeCloseTo(12 / 0.7 / 40, 10);
    expect(kitchen.discount).toBe(5);
    const garden = ranked.find((r) => r.coupon.id === 'acme-garden-20pc-60')!;
    expect(garden.discount).toBeCloseTo(12, 10);
  });

  it('never shows expired, not-yet-valid or inapplicable coupons', () => {
    const ids = ranked.map((r) => r.coupon.id);
    for (const hidden of ['expired', 'not-yet', 'nowhere', 'no-such-category']) expect(ids).not.toContain(hidden);
    // The same coupon is shown one millisecond before it expires.
    expect(rankCoupons(model, coupons, interest, { now: NOW - 1, limit: 20 }).map((r) => r.coupon.id)).toContain('expired');
  });

  it('respects the limit and gives a new shopper (no interest) the biggest discounts first', () => {
    expect(rankCoupons(model, coupons, interest, { now: NOW, limit: 2 }).map((r) => r.coupon.id)).toEqual(['acme-garden-20pc-60', 'acme-10pc']);
    const cold = rankCoupons(model, coupons, interestOf([]), { now: NOW, limit: 3 });
    expect(cold.every((r) => r.expectedValue === 0)).toBe(true);
    // discounts without interest: acme-garden 20% of 60 = 12, kitchen 5, bolt 3, ...
    expect(cold.map((r) => r.coupon.id)).toEqual(['acme-garden-20pc-60', 'kitchen-5off-40', 'bolt-3off']);
  });
});
