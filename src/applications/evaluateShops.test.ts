import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { evaluateShops } from './evaluateShops.js';

// Items: 0,1 Acme; 2,3 Bolt; 4 Cirrus; 5 no brand.
const items = [
  { id: '1', attributes: { brand: 'Acme', category: ['x'] } },
  { id: '2', attributes: { brand: 'Acme', category: ['x'] } },
  { id: '3', attributes: { brand: 'Bolt', category: ['y'] } },
  { id: '4', attributes: { brand: 'Bolt', category: ['y'] } },
  { id: '5', attributes: { brand: 'Cirrus', category: ['z'] } },
  { id: '6', attributes: { category: ['z'] } },
];
const users = [
  { items: Int32Array.from([0, 2, 3]) }, // test target 3 (Bolt)
  { items: Int32Array.from([2, 4, 0]) }, // test target 0 (Acme)
  { items: Int32Array.from([1, 0, 5]) }, // test target 5: no brand, skipped
  { items: Int32Array.from([3, 3, 4]) }, // test target 4 (Cirrus)
];
const buildModel = (train: Int32Array[]): CatalogModel => {
  const counts = new Float32Array(items.length);
  for (const s of train) for (const i of s) counts[i]!++;
  return { version: 't', ids: items.map((i) => i.id), attributes: items.map((i) => i.attributes), popularity: { counts, decayed: counts, firstSeen: new Float64Array(items.length).fill(Number.NaN) } };
};

describe('evaluateShops', () => {
  it('computes HR and NDCG of the held-out item\'s shop by hand', () => {
    // A stub item ranking that always puts Cirrus' item first, then Bolt's: interest goes to Cirrus, then Bolt.
    const result = evaluateShops({ items, users }, {
      split: 'test',
      buildModel,
      ks: [1, 2],
      configs: [{ name: 'shops', interest: { depth: 2, historyWeight: 0 }, diversity: 0 }],
      ranking: () => ({ items: Int32Array.from([4, 2]), personalised: true, history: new Int32Array() }),
    });
    expect(result.users).toBe(3);
    expect(result.skippedWithoutShop).toBe(1);
    // shops order for everyone: Cirrus (rank 0), Bolt (1), then Acme by popularity. Targets: Bolt, Acme, Cirrus.
    expect(result.metrics.shops).toEqual({ 'HR@1': 1 / 3, 'NDCG@1': 1 / 3, 'HR@2': 2 / 3, 'NDCG@2': (1 + 1 / Math.log2(3)) / 3 });
    // Training sequences [0,2] [2,4] [1,0] [3,3]: Bolt 4, Acme 3, Cirrus 1. Targets Bolt 0, Acme 1, Cirrus 2.
    expect(result.metrics['shops-pop']).toEqual({ 'HR@1': 1 / 3, 'NDCG@1': 1 / 3, 'HR@2': 2 / 3, 'NDCG@2': (1 + 1 / Math.log2(3)) / 3 });
    // History brands: user 1 [Acme, Bolt] -> Bolt latest first: target Bolt rank 0; user 2 [Bolt, Cirrus] -> Cirrus, Bolt,
    // then Acme (rank 2): miss at k 2; user 4 [Bolt, Bolt] -> Bolt, then Acme, ...: Cirrus misses.
    expect(result.metrics['shops-history']).toEqual({ 'HR@1': 1 / 3, 'NDCG@1': 1 / 3, 'HR@2': 1 / 3, 'NDCG@2': 1 / 3 });
  });
});
