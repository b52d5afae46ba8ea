import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../catalog/catalogModel.js';
import type { StoredEvent } from '../api/events.js';
import { rankCandidates } from './rankCandidates.js';

const model: CatalogModel = {
  version: 't',
  ids: ['tent', 'stove', 'pan', 'kettle', 'lamp'],
  attributes: [
    { brand: 'Ridge', category: ['Outdoors', 'Camping'] },
    { brand: 'Ridge', category: ['Outdoors', 'Camping'] },
    { brand: 'Copper', category: ['Kitchen', 'Cookware'] },
    { brand: 'Copper', category: ['Kitchen', 'Coffee'] },
    { brand: 'Lumen', category: ['Home', 'Lighting'] },
  ],
  popularity: { counts: new Float32Array([1, 2, 50, 3, 100]), decayed: new Float32Array(5), firstSeen: new Float64Array(5) },
};
const event = (itemId: string, type: StoredEvent['type'] = 'click', time = 0): StoredEvent => ({ itemId, type, time });

describe('rankCandidates (attribute profile)', () => {
  it('orders by popularity when there is no history', () => {
    const out = rankCandidates(model, [], { candidates: ['tent', 'pan', 'lamp'] });
    expect(out.items).toEqual(['lamp', 'pan', 'tent']);
    expect(out.personalised).toBe(false);
  });

  it('puts items sharing category and brand with the history first', () => {
    const out = rankCandidates(model, [event('tent')], { candidates: ['pan', 'lamp', 'stove', 'kettle'] });
    expect(out.items[0]).toBe('stove');
    expect(out.personalised).toBe(true);
  });

  it('lets recent, stronger events outweigh older ones', () => {
    const history = [event('tent', 'view', 1), event('pan', 'purchase', 2)];
    const out = rankCandidates(model, history, { candidates: ['stove', 'kettle'] });
    expect(out.items).toEqual(['kettle', 'stove']);
  });

  it('uses the page context for a cold shopper', () => {
    const out = rankCandidates(model, [], { candidates: ['lamp', 'kettle', 'stove'], context: ['pan'] });
    expect(out.items[0]).toBe('kettle');
  });

  it('keeps unknown ids, in page order, after the known ones', () => {
    const out = rankCandidates(model, [], { candidates: ['zzz', 'pan', 'yyy'] });
    expect(out.items).toEqual(['pan', 'zzz', 'yyy']);
  });
});
