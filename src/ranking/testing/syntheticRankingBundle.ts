/**
 * Test fixture (not shipped): a seeded catalog bundle with every section the vector signals read (content and
 * CF vectors, prototypes) plus neighbours, transitions and popularity, and a default configuration that turns
 * every signal on. Used by the batched-scoring parity tests in node and by the worker fixture in Chromium.
 */
import type { BundleInput } from '../../catalog/writeBundle.js';
import type { NeighbourTable } from '../../catalog/catalogModel.js';
import { gaussianArray, seededRandom, syntheticFloat32Table } from '../../scoring/syntheticTable.js';

export const ALL_SIGNALS_CONFIG = {
  method: 'weighted',
  weights: { pop: 0.3, content: 1, cf: 1, knn: 0.5, pearson: 0.2, ease: 0.5, sequence: 0.7, prototypes: 0.6 },
};

export function syntheticRankingBundle(n = 3_000, options: { vectorDtype?: 'int8' | 'float32'; seed?: number } = {}): BundleInput {
  const seed = options.seed ?? 7;
  const random = seededRandom(seed);
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  const neighbours = (k: number): NeighbourTable => {
    const items = new Int32Array(n * k);
    const weights = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) {
        // An offset of 1..n-1: never the item itself.
        items[i * k + p] = (i + 1 + Math.floor(random() * (n - 1))) % n;
        weights[i * k + p] = 1 / (p + 1 + random());
      }
    }
    return { k, items, weights };
  };
  const counts = Float32Array.from({ length: n }, (_, i) => Math.round(1000 / (1 + i * 0.37)) + Math.floor(random() * 5));
  const cf = syntheticFloat32Table(n, 32, seed + 1);
  const centroids = gaussianArray(8 * 32, seed + 2);
  return {
    ids,
    attributes: ids.map((id, i) => ({ title: `Product ${id}`, brand: `Brand ${i % 17}`, category: ['Shop', `Dept ${i % 9}`] })),
    content: syntheticFloat32Table(n, 64, seed + 3),
    cf: { ...cf, regularization: 2, confidence: 8 },
    neighbours: { cosine: neighbours(10), pearson: neighbours(10), learned: neighbours(10) },
    transitions: neighbours(5),
    popularity: {
      counts,
      decayed: Float32Array.from(counts, (c, i) => c * (0.5 + ((i * 7919) % 100) / 200)),
      firstSeen: Float64Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1 + (i % 300))),
      halfLifeDays: 14,
      decayedTo: Date.UTC(2026, 10, 1),
    },
    prototypes: { centroids: { dtype: 'float32', count: 8, dim: 32, values: centroids }, minUsers: 50 },
    config: ALL_SIGNALS_CONFIG,
    build: { source: 'synthetic ranking bundle (src/ranking/testing)' },
    vectorDtype: options.vectorDtype ?? 'int8',
  };
}
