import { describe, expect, it } from 'vitest';
import { appendWithQuotaRecovery, type QuotaTarget } from './quotaRecovery.js';
import type { StoredEvent } from '../api/events.js';

const quotaError = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

/** A store that holds at most `capacity` events and refuses (like IndexedDB) a batch that does not fit. */
function boundedStore(capacity: number, stored: number): QuotaTarget & { events: number; dropped: number[] } {
  return {
    events: stored,
    dropped: [],
    async add(batch) {
      if (this.events + batch.length > capacity) throw quotaError();
      this.events += batch.length;
      return { added: batch.length, duplicates: 0 };
    },
    async count() {
      return this.events;
    },
    async dropOldest(n) {
      const d = Math.min(n, this.events);
      this.events -= d;
      this.dropped.push(d);
      return d;
    },
  };
}
const batch = (n: number): StoredEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'view', itemId: `i${i}`, time: i }));

describe('appendWithQuotaRecovery', () => {
  it('appends without dropping anything when there is room', async () => {
    const store = boundedStore(100, 10);
    expect(await appendWithQuotaRecovery(store, batch(5), { delayMs: 0 })).toEqual({ added: 5, duplicates: 0, droppedForQuota: 0 });
  });

  it('drops the oldest quarter, retries, and reports how many went', async () => {
    const store = boundedStore(100, 100);
    expect(await appendWithQuotaRecovery(store, batch(10), { delayMs: 0 })).toEqual({ added: 10, duplicates: 0, droppedForQuota: 25 });
    expect(store.events).toBe(85);
  });

  it('drops at least the size of the batch', async () => {
    const store = boundedStore(100, 100);
    await appendWithQuotaRecovery(store, batch(60), { delayMs: 0 });
    expect(store.dropped).toEqual([60]);
  });

  it('gives up with STORAGE_QUOTA after a bounded number of retries, without wiping the whole history', async () => {
    const store = boundedStore(3, 50);
    await expect(appendWithQuotaRecovery(store, batch(10), { delayMs: 0 })).rejects.toMatchObject({ code: 'STORAGE_QUOTA', droppedForQuota: 23 });
    expect(store.dropped).toEqual([13, 10]);
    expect(store.events).toBe(27);
  });

  it('with no retries allowed (still full since the last episode), drops nothing', async () => {
    const store = boundedStore(100, 100);
    await expect(appendWithQuotaRecovery(store, batch(10), { delayMs: 0, maxRetries: 0 })).rejects.toMatchObject({ code: 'STORAGE_QUOTA', droppedForQuota: 0 });
    expect(store.events).toBe(100);
  });

  it('passes other errors through untouched', async () => {
    const store = boundedStore(100, 0);
    store.add = async () => {
      throw new TypeError('boom');
    };
    await expect(appendWithQuotaRecovery(store, batch(1), { delayMs: 0 })).rejects.toThrow('boom');
  });
});
