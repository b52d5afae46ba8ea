import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { explain } from '../fusion/explain.js';
import { DEFAULT_CONTENT_SIGNAL, scoreContent } from './contentSignal.js';
import { DEFAULT_CONTENT_KNN_SIGNAL, DEFAULT_ITEM_KNN, scoreItemKnn } from './itemKnnSignal.js';
import { DEFAULT_POPULARITY_SIGNAL, scorePopularity } from './popularitySignal.js';
import { DEFAULT_PROTOTYPE_SIGNAL, scorePrototypes } from './prototypeSignal.js';
import { DEFAULT_SIGNAL_OPTIONS, computeSignal } from './registry.js';
import { scoreItemVectors } from './scoreItemVectors.js';

/** Four items on two content axes; item 0 and 1 are "lipsticks", 2 and 3 "shampoos". */
const model: CatalogModel = {
  version: 't',
  ids: ['a', 'b', 'c', 'd'],
  attributes: [{}, {}, {}, {}],
  content: { dtype: 'float32', count: 4, dim: 2, values: Float32Array.from([1, 0, 0.8, 0.6, 0, 1, 0.6, 0.8]) },
  neighbours: { cosine: { k: 1, items: Int32Array.from([1, 0, 3, 2]), weights: Float32Array.from([0.5, 0.5, 0.9, 0.9]) } },
  cf: { dtype: 'float32', count: 4, dim: 2, values: Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]), regularization: 0.1, confidence: 5 },
  prototypes: { centroids: { dtype: 'float32', count: 2, dim: 2, values: Float32Array.from([1, 0, 0, 1]) }, minUsers: 50 },
  popularity: { counts: Float32Array.from([1, 10, 3, 0]), decayed: Float32Array.from([5, 0, 0, 0]), firstSeen: Float64Array.from([0, 0, 0, 10 * 86_400_000]) },
};

describe('on-device signals', () => {
  it('content: the profile leans toward the most recent item (decay), weighted by event type', () => {
    const out = new Float32Array(4);
    // Old purchase of a lipstick, recent view of a shampoo: with strong decay the shampoos win.
    scoreContent(model, { events: [{ item: 0, type: 'purchase' }, { item: 2, type: 'view' }] }, { ...DEFAULT_CONTENT_SIGNAL, decay: 0.01 }, out);
    expect(out[3]).toBeGreaterThan(out[1]!);
    // Without decay the purchase (weight 6) outweighs the view (weight 1).
    scoreContent(model, { events: [{ item: 0, type: 'purchase' }, { item: 2, type: 'view' }] }, { ...DEFAULT_CONTENT_SIGNAL, decay: 1 }, out);
    expect(out[1]).toBeGreaterThan(out[3]!);
  });

  it('contentKnn: scores through the content neighbour table (weighted sum of listed cosines); content keeps the vectors', () => {
    const out = new Float32Array(4);
    const withTable: CatalogModel = { ...model, neighbours: { ...model.neighbours, content: { k: 2, items: Int32Array.from([1, -1, 0, 3, 3, -1, 2, 1]), weights: Float32Array.from([0.7, 0, 0.7, 0.2, 0.9, 0, 0.9, 0.2]) } } };
    const history = { events: [{ item: 1 }, { item: 2 }] };
    expect(computeSignal('contentKnn', withTable, history, { ...DEFAULT_SIGNAL_OPTIONS, contentKnn: { ...DEFAULT_CONTENT_KNN_SIGNAL, decay: 0.5 } }, out)).toBe(true);
    // Latest item 2 (weight 6) lists 3; item 1 one step back (6 x 0.5) lists 0 and 3.
    expect(out[3]).toBeCloseTo(6 * 0.9 + 3 * 0.2, 5);
    expect(out[0]).toBeCloseTo(3 * 0.7, 5);
    expect(out[1]).toBe(0);
    // A configuration without contentKnn options (written before the signal existed) uses the defaults.
    const { contentKnn: _omitted, ...older } = DEFAULT_SIGNAL_OPTIONS;
    const fromDefaults = new Float32Array(4);
    computeSignal('contentKnn', withTable, history, older, fromDefaults);
    expect(fromDefaults[3]).toBeCloseTo(6 * 0.9 + 6 * DEFAULT_CONTENT_KNN_SIGNAL.decay * 0.2, 5);
    expect(computeSignal('contentKnn', withTable, { events: [] }, DEFAULT_SIGNAL_OPTIONS, out)).toBe(false);
    expect(computeSignal('contentKnn', model, history, DEFAULT_SIGNAL_OPTIONS, out)).toBe(false);
    // The content signal still scores every item by the reduced vectors when the table is there.
    const viaContent = new Float32Array(4);
    const viaVectors = new Float32Array(4);
    scoreContent(withTable, history, DEFAULT_CONTENT_SIGNAL, viaContent);
    scoreContent(model, history, DEFAULT_CONTENT_SIGNAL, viaVectors);
    expect(Array.from(viaContent)).toEqual(Array.from(viaVectors));
    expect(viaContent[1]).toBeGreaterThan(0);
    // Explained by the history item that lists it most strongly, as content similarity.
    expect(explain(withTable, history, 3, 'contentKnn')).toEqual({ signal: 'contentKnn', because: 2, text: 'Similar to c' });
  });

  it('item-kNN: neighbours of recent items, weighted by decay^steps x event weight', () => {
    const out = new Float32Array(4);
    scoreItemKnn(model, { events: [{ item: 0 }, { item: 2 }] }, { ...DEFAULT_ITEM_KNN, decay: 0.5 }, out);
    // item 3 <- latest item 2 (0.9 x 6), item 1 <- item 0 one step back (0.5 x 6 x 0.5).
    expect(out[3]).toBeCloseTo(0.9 * 6, 5);
    expect(out[1]).toBeCloseTo(0.5 * 6 * 0.5, 5);
    expect(scoreItemKnn(model, { events: [] }, DEFAULT_ITEM_KNN, out)).toBe(false);
  });

  it('prototypes: a lipstick shopper is served through the lipstick prototype', () => {
    const out = new Float32Array(4);
    expect(scorePrototypes(model, { events: [{ item: 0 }] }, { ...DEFAULT_PROTOTYPE_SIGNAL, nearest: 1 }, out)).toBe(true);
    expect(out[1]).toBeGreaterThan(out[2]!);
    expect(out[1]).toBeGreaterThan(out[3]!);
  });

  it('popularity: log counts, trending blend and a new-item prior', () => {
    const out = new Float32Array(4);
    scorePopularity(model, DEFAULT_POPULARITY_SIGNAL, out);
    expect(out[1]).toBeCloseTo(Math.log1p(10), 5);
    scorePopularity(model, { ...DEFAULT_POPULARITY_SIGNAL, trending: 1 }, out);
    expect(out[0]).toBeGreaterThan(out[1]!);
    scorePopularity(model, { ...DEFAULT_POPULARITY_SIGNAL, newItemBoost: 5, newItemDays: 3 }, out);
    expect(out[3]).toBeCloseTo(5, 5); // first seen on the newest day, never interacted with
  });

  it('int8 tables score like their dequantised float values', () => {
    const out = new Float32Array(2);
    scoreItemVectors({ dtype: 'int8', count: 2, dim: 2, codes: Int8Array.from([127, 0, -64, 64]), scales: Float32Array.from([1 / 127, 1 / 64]) }, [2, 3], out);
    expect(out[0]).toBeCloseTo(2, 5);
    expect(out[1]).toBeCloseTo(1, 5);
  });
});
