import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_FUSION_CONFIG } from './defaultConfig.js';
import type { FusionConfig } from './fusionConfig.js';
import { rankCatalog } from './rankCatalog.js';

/** Six items; item 0 -> 1 is a strong transition, 2 is the most popular, 5 is the least. */
function tinyModel(): CatalogModel {
  const n = 6;
  const k = 2;
  const transitions = { k, items: new Int32Array(n * k).fill(-1), weights: new Float32Array(n * k) };
  transitions.items[0] = 1;
  transitions.weights[0] = 5;
  transitions.items[1] = 3;
  transitions.weights[1] = 1;
  return {
    version: 'test',
    ids: ['a', 'b', 'c', 'd', 'e', 'f'],
    attributes: [{ title: 'Alpha' }, { title: 'Beta' }, { title: 'Gamma', category: ['Tools'] }, { title: 'Delta' }, { title: 'Epsilon' }, { title: 'Zeta' }],
    transitions,
    popularity: { counts: Float32Array.from([3, 2, 9, 1, 4, 0]), decayed: Float32Array.from([3, 2, 9, 1, 4, 0]), firstSeen: new Float64Array(n).fill(Number.NaN) },
  };
}

const config: FusionConfig = { ...DEFAULT_FUSION_CONFIG, weights: { pop: 0.1, sequence: 1 } };

describe('rankCatalog', () => {
  it('fuses sequence and popularity, masks the history and explains each item', () => {
    const ranking = rankCatalog(tinyModel(), { events: [{ item: 0, type: 'view' }] }, config, { limit: 5 });
    expect(ranking.items[0]).toBe('b');
    expect(ranking.items).not.toContain('a');
    expect(ranking.items.slice(1, 3)).toEqual(['d', 'c']);
    expect(ranking.explanations[0]).toMatchObject({ signal: 'sequence', because: 0, text: 'Often chosen after Alpha' });
    expect(ranking.explanations[2]!.text).toBe('Popular in Tools');
    expect(ranking.scores.length).toBe(5);
  });

  it('applies exclusions, boosts and pins, in that order', () => {
    const rules = { excludeHistory: 'all' as const, exclude: ['b'], boost: [{ id: 'f', amount: 10 }], pin: [{ id: 'e', position: 0 }] };
    const ranking = rankCatalog(tinyModel(), { events: [{ item: 0 }] }, { ...config, rules }, { limit: 4 });
    expect(ranking.items).not.toContain('b');
    expect(ranking.items[0]).toBe('e');
    expect(ranking.items[1]).toBe('f');
    expect(ranking.explanations[0]!.signal).toBe('rule');
  });

  it('with excludeHistory "purchased" only purchased items are hidden', () => {
    const ranking = rankCatalog(tinyModel(), { events: [{ item: 2, type: 'view' }, { item: 4, type: 'purchase' }] }, { ...config, rules: { excludeHistory: 'purchased' } }, { limit: 6 });
    expect(ranking.items).toContain('c');
    expect(ranking.items).not.toContain('e');
  });

  it('a shopper without history gets popularity, pulled toward the page context', () => {
    const plain = rankCatalog(tinyModel(), { events: [] }, config, { limit: 3 });
    expect(plain.items).toEqual(['c', 'e', 'a']);
    const withContext = rankCatalog(tinyModel(), { events: [], context: { category: 'Tools' } }, config, { limit: 1 });
    expect(withContext.items).toEqual(['c']);
  });

  it('the exposure cap keeps at most maxShare of the list from the popularity head', () => {
    const capped = rankCatalog(tinyModel(), { events: [] }, { ...config, exposure: { headFraction: 0.3, maxShare: 0.34 } }, { limit: 3 });
    // Head = the two most popular items (c, e); at most one of them in the first 3.
    expect(capped.items.filter((id) => id === 'c' || id === 'e').length).toBe(1);
  });

  it('every voting method ranks the strong transition first', () => {
    for (const method of ['borda', 'rrf'] as const) {
      const ranking = rankCatalog(tinyModel(), { events: [{ item: 0 }] }, { ...config, method }, { limit: 2 });
      expect(ranking.items[0], method).toBe('b');
    }
  });
});
