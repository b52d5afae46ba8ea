import { describe, expect, it } from 'vitest';
import { interestDistribution } from './interestDistribution.js';
import { rankShops, rankShopsByPopularity } from './rankShops.js';
import { interestOf, testCatalog } from './testCatalog.js';

const model = testCatalog([
  { id: 'a1', brand: 'Acme', category: ['Home', 'Kitchen'], count: 1 },
  { id: 'a2', brand: 'Acme', category: ['Home', 'Kitchen'], count: 1 },
  { id: 'b1', brand: 'Bolt', category: ['Home', 'Kitchen'], count: 5 },
  { id: 'c1', brand: 'Cirrus', category: ['Toys'], count: 2 },
  { id: 'd1', brand: 'Dune', category: ['Toys'], count: 9 },
  { id: 'x1', category: ['Toys'], count: 100 },
]);
// a1 0.4, b1 0.3, c1 0.2, a2 0.1  ->  Acme 0.5, Bolt 0.3, Cirrus 0.2, Dune 0 (popularity back-off only)
const interest = interestOf([[0, 0.4], [2, 0.3], [3, 0.2], [1, 0.1]]);

describe('rankShops', () => {
  it('sums the interest on each shop\'s items and fills the rest by popularity', () => {
    const shops = rankShops(model, interest, { limit: 10, diversity: 0, itemsPerShop: 3 });
    expect(shops.map((s) => s.shop)).toEqual(['Acme', 'Bolt', 'Cirrus', 'Dune']);
    expect(shops.map((s) => s.interest)).toEqual([0.5, 0.3, 0.2, 0]);
    expect(shops[0]!.items).toEqual(['a1', 'a2']);
  });

  it('with diversity, a shop selling something different overtakes a look-alike (hand-checked MMR)', () => {
    // d = 0.5. Pick 1: Acme (0.5 * 1). Then Bolt 0.5*0.6 - 0.5*sim(Bolt, Acme)=1 -> -0.2; Cirrus 0.5*0.4 - 0 = 0.2;
    // Dune 0 - 0 = 0 -> Cirrus. Then Bolt -0.2, Dune 0 - 0.5*sim(Dune, Cirrus)=1 -> -0.5 -> Bolt, then Dune.
    const shops = rankShops(model, interest, { limit: 10, diversity: 0.5, itemsPerShop: 3 });
    expect(shops.map((s) => s.shop)).toEqual(['Acme', 'Cirrus', 'Bolt', 'Dune']);
  });

  it('ranks by popularity alone for shops-pop and for a shopper without interest', () => {
    // Acme 1 + 1 = 2, Bolt 5, Cirrus 2, Dune 9; ties by name. The item without a brand belongs to no shop.
    expect(rankShopsByPopularity(model, 10)).toEqual(['Dune', 'Bolt', 'Acme', 'Cirrus']);
    expect(rankShops(model, interestOf([]), { limit: 2, diversity: 0, itemsPerShop: 1 }).map((s) => s.shop)).toEqual(['Dune', 'Bolt']);
  });
});

describe('interestDistribution', () => {
  const w = 1 / Math.log2(3);
  it('gives the ranked items NDCG-discounted weights that sum to 1, over the top depth', () => {
    const { items, probabilities } = interestDistribution({ items: Int32Array.from([4, 1, 2]) }, { depth: 2, historyWeight: 0.5 });
    expect([...items]).toEqual([4, 1]);
    // weights 1/log2(2) = 1 and 1/log2(3) = 0.6309...; normalised; no history, so they carry everything
    expect(probabilities[0]).toBeCloseTo(1 / (1 + w), 12);
    expect(probabilities[1]).toBeCloseTo(w / (1 + w), 12);
  });

  it('gives the history its share by recency (hand-checked)', () => {
    // history oldest -> newest: 7, 8. decay 0.5: item 8 weight 1, item 7 weight 0.5; share 0.4 -> 0.2667, 0.1333.
    const { items, probabilities } = interestDistribution({ items: Int32Array.from([4, 1]) }, { depth: 2, historyWeight: 0.4 }, [7, 8], 0.5);
    const got = Object.fromEntries([...items].map((item, r) => [item, probabilities[r]!]));
    expect(got[4]).toBeCloseTo(0.6 / (1 + w), 12);
    expect(got[1]).toBeCloseTo((0.6 * w) / (1 + w), 12);
    expect(got[8]).toBeCloseTo(0.4 / 1.5, 12);
    expect(got[7]).toBeCloseTo(0.2 / 1.5, 12);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
