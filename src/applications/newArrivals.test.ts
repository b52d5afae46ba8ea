import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import { rankNewArrivals } from './newArrivals.js';
import { testCatalog } from './testCatalog.js';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const model = testCatalog([
  { id: 'old-kettle', brand: 'Acme', category: ['Home', 'Kitchen'], firstSeen: NOW - 90 * DAY },
  { id: 'new-kettle', brand: 'Acme', category: ['Home', 'Kitchen'], firstSeen: NOW - 20 * DAY },
  { id: 'new-kite', brand: 'Cirrus', category: ['Toys', 'Outdoor'], firstSeen: NOW - 2 * DAY },
  { id: 'new-pan', brand: 'Bolt', category: ['Home', 'Kitchen'], firstSeen: NOW - 10 * DAY },
  { id: 'future', brand: 'Acme', category: ['Home', 'Kitchen'], firstSeen: NOW + DAY },
  { id: 'unknown-age', brand: 'Acme', category: ['Home', 'Kitchen'] },
]);
const options = { windowDays: 30, limit: 10, freshness: 0.2, now: NOW };
const events = (...items: [string, StoredEvent['type']][]): StoredEvent[] => items.map(([itemId, type], n) => ({ itemId, type, time: NOW - 1000 + n }));

describe('rankNewArrivals', () => {
  it('lists only items first seen inside the window (not future ones, not unknown ages), newest first for a new shopper', () => {
    const result = rankNewArrivals(model, [], options);
    expect(result.items).toEqual(['new-kite', 'new-pan', 'new-kettle']);
    expect(result.personalised).toBe(false);
  });

  it('orders them by content affinity to what the shopper engaged with', () => {
    const result = rankNewArrivals(model, events(['old-kettle', 'click']), options);
    // Both kitchen items share the category with the clicked kettle; new-kettle also shares its brand.
    expect(result.items).toEqual(['new-kettle', 'new-pan', 'new-kite']);
    expect(result.personalised).toBe(true);
  });

  it('leaves out what the shopper bought, ranks only given candidates, and says why a list is empty', () => {
    expect(rankNewArrivals(model, events(['new-kettle', 'purchase']), options).items).not.toContain('new-kettle');
    expect(rankNewArrivals(model, [], { ...options, candidates: ['old-kettle', 'new-kettle', 'nope'] }).items).toEqual(['new-kettle']);
    expect(rankNewArrivals(model, [], { ...options, candidates: ['old-kettle'] }).reason).toBe('NOTHING_NEW');
    const noDates = testCatalog([{ id: 'a' }]);
    expect(rankNewArrivals(noDates, [], options).reason).toBe('NO_FIRST_SEEN');
  });

  it('uses the content vectors when the bundle has them', () => {
    const withVectors = {
      ...model,
      // 2-d content: kitchen items point one way, the kite the other; the pan is the kitchen item closest to the kettle.
      content: { dtype: 'float32' as const, count: 6, dim: 2, values: Float32Array.from([1, 0, 0.6, 0.8, 0, 1, 0.99, 0.1, 1, 0, 1, 0]) },
    };
    expect(rankNewArrivals(withVectors, events(['old-kettle', 'view']), { ...options, freshness: 0 }).items).toEqual(['new-pan', 'new-kettle', 'new-kite']);
  });
});
