import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import { ApplicationError } from './applicationError.js';
import { exportPortableProfile, parsePortableProfile } from './portableProfile.js';
import { planProfileImport } from './profileImport.js';
import { normaliseGtin } from './productCodes.js';
import { testCatalog } from './testCatalog.js';

const shopA = testCatalog([
  { id: 'a-1', brand: 'Acme', category: ['Home', 'Kitchen', 'Kettles'], extra: { gtin: '4006381333931' } },
  { id: 'a-2', brand: 'Acme', category: ['Home', 'Kitchen', 'Pans'], extra: { sku: 'ACM-PAN-24' } },
  { id: 'a-3', brand: 'Bolt', category: ['Garden', 'Hoses'] },
]);
// Another shop: its own ids, the kettle under its UPC-less EAN written with spaces, the pan under the same SKU.
const shopB = testCatalog([
  { id: 'B100', brand: 'Zephyr', category: ['Toys'], count: 50 },
  { id: 'B200', brand: 'Acme', category: ['Home', 'Kitchen', 'Kettles'], extra: { ean: '4 006381 333931' }, count: 3 },
  { id: 'B300', brand: 'Acme', category: ['Home', 'Kitchen', 'Pans'], extra: { sku: 'ACM-PAN-24' }, count: 2 },
  { id: 'B400', brand: 'Bolt', category: ['Garden', 'Watering'], count: 9 },
  { id: 'B500', brand: 'Bolt', category: ['Garden', 'Watering'], count: 1 },
  { id: 'a-3', brand: 'Other', category: ['Toys'], count: 1 },
]);
const history: StoredEvent[] = [
  { type: 'view', itemId: 'a-1', time: 1000 },
  { type: 'add_to_cart', itemId: 'a-1', time: 2000 },
  { type: 'click', itemId: 'a-2', time: 3000 },
  { type: 'view', itemId: 'a-3', time: 4000 },
];

describe('portable profile', () => {
  const profile = exportPortableProfile(shopA, history, 'https://shop-a.example', 5000);

  it('exports items with their GTIN/SKU, strongest event and count, plus brand and category interests', () => {
    expect(profile.format).toBe('reshelf-portable-profile');
    expect(profile.version).toBe(1);
    expect(profile.items).toEqual([
      { id: 'a-3', event: 'view', count: 1, time: 4000 },
      { id: 'a-2', sku: 'ACM-PAN-24', event: 'click', count: 1, time: 3000 },
      { id: 'a-1', gtin: '04006381333931', event: 'add_to_cart', count: 2, time: 2000 },
    ]);
    expect(profile.interests.brands.map((b) => b.name)).toEqual(['Acme', 'Bolt']);
    expect(profile.interests.brands[0]!.weight).toBe(1);
    expect(profile.interests.categories.map((c) => c.path.join('>'))).toContain('Garden>Hoses');
  });

  it('survives a JSON round trip through a file and rejects what is not a profile', () => {
    expect(parsePortableProfile(JSON.stringify(profile))).toEqual(profile);
    const code = (raw: unknown) => {
      try {
        parsePortableProfile(raw);
      } catch (error) {
        return (error as ApplicationError).code;
      }
      return undefined;
    };
    expect(code('not json')).toBe('PROFILE_INVALID');
    expect(code({ ...profile, format: 'other' })).toBe('PROFILE_INVALID');
    expect(code({ ...profile, items: [{ id: 'x', event: 'hack', count: 1, time: 1 }] })).toBe('PROFILE_INVALID');
    expect(code({ ...profile, version: 2 })).toBe('PROFILE_UNSUPPORTED_VERSION');
  });

  it('imports into another shop through GTIN and SKU, never through the other shop\'s ids, and seeds interests', () => {
    const { preview, events } = planProfileImport(shopB, profile, 'https://shop-b.example', 10_000);
    expect(preview.matched).toEqual({ gtin: 1, sku: 1, id: 0 });
    expect(preview.from).toBe('https://shop-a.example');
    // 'a-3' exists in shop B as a different product: it must not match. Bolt's interest seeds its most popular item.
    expect(events.map((e) => [e.itemId, e.type])).toEqual([
      ['B400', 'view'],
      ['B200', 'add_to_cart'],
      ['B300', 'click'],
    ]);
    expect(preview.brands).toEqual(['Acme', 'Bolt']);
    expect(preview.events).toBe(3);
    // The seed is older than the imported items, so real items lead recency.
    expect(events[0]!.time).toBeLessThan(events[1]!.time);
  });

  it('matches by id on the same origin (another device of the same shop)', () => {
    const { preview, events } = planProfileImport(shopA, profile, 'https://shop-a.example', 10_000);
    expect(preview.matched).toEqual({ gtin: 1, sku: 1, id: 1 });
    expect(events.map((e) => e.itemId).sort()).toEqual(['a-1', 'a-2', 'a-3']);
  });

  it('normalises GTINs: UPC-12 and EAN-13 of one product agree; a wrong check digit is no GTIN', () => {
    expect(normaliseGtin('036000291452')).toBe(normaliseGtin('0036000291452'));
    expect(normaliseGtin('4006381333932')).toBeUndefined();
    expect(normaliseGtin('abc')).toBeUndefined();
  });
});
