import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import { chronologicalOrder } from './eventOrder.js';

const e = (seq: number, time: number, dedupeKey?: string): StoredEvent => ({ seq, type: 'view', itemId: `s${seq}`, time, ...(dedupeKey ? { dedupeKey } : {}) });

describe('chronologicalOrder', () => {
  it('puts events a page rescued on unload back where they were tracked', () => {
    // The worker stored 500 and 509; the page rescued 501-508, which were merged later (higher seq).
    const stored = [e(1, 10, 'p1:500'), e(2, 10, 'p1:509'), ...Array.from({ length: 8 }, (_, i) => e(3 + i, 10, `p1:${501 + i}`))];
    expect(stored.sort(chronologicalOrder).map((x) => x.dedupeKey)).toEqual(Array.from({ length: 10 }, (_, i) => `p1:${500 + i}`));
  });

  it('orders by time first, and by storage order between page views or without keys', () => {
    const stored = [e(1, 20, 'p1:1'), e(2, 10, 'p2:7'), e(3, 10, 'p1:2'), e(4, 10)];
    expect(stored.sort(chronologicalOrder).map((x) => x.seq)).toEqual([2, 3, 4, 1]);
  });
});
