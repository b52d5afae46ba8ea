import { describe, expect, it } from 'vitest';
import { DEMO_EPOCH, generateShopCatalog } from './generateShopCatalog.js';

describe('generateShopCatalog', () => {
  it('is deterministic and complete', () => {
    const a = generateShopCatalog();
    const b = generateShopCatalog();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.products.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(a.products.map((p) => p.id)).size).toBe(a.products.length);
    for (const p of a.products) {
      expect(p.title.length).toBeGreaterThan(3);
      expect(p.shop).toBeTruthy();
      expect(p.category).toHaveLength(3);
      expect(p.price).toBeGreaterThan(0);
    }
    expect(new Set(a.products.map((p) => p.shop)).size).toBeGreaterThanOrEqual(10);
    expect(a.interactions.length).toBeGreaterThan(10_000);
    const newArrivals = a.products.filter((p) => p.listedAt > DEMO_EPOCH - 14 * 86_400_000 && p.listedAt <= DEMO_EPOCH);
    expect(newArrivals.length).toBeGreaterThanOrEqual(50);
  });

  it('gives the page the same products without generating the log', () => {
    expect(generateShopCatalog({ shoppers: 0 }).products).toEqual(generateShopCatalog().products);
  });
});
