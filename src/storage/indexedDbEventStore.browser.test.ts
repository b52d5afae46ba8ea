import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { IndexedDbEventStore } from './indexedDbEventStore.js';
import type { StoredEvent } from '../api/events.js';

const DAY = 86_400_000;
let name = '';
let store: IndexedDbEventStore | undefined;

async function open(): Promise<IndexedDbEventStore> {
  name = `reshelf-test-${Math.random().toString(36).slice(2)}`;
  store = await IndexedDbEventStore.open(name);
  return store;
}

afterEach(async () => {
  store?.close();
  await deleteDB(name);
});

const events = (n: number, start = 0): StoredEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'view', itemId: `i${start + i}`, time: 1_000_000 + start + i }));

describe('IndexedDbEventStore in real Chromium IndexedDB', () => {
  it('appends in order and reads the most recent events oldest first', async () => {
    const s = await open();
    await s.append(events(10));
    await s.append(events(5, 10));
    expect(await s.count()).toBe(15);
    expect((await s.recent(3)).map((e) => e.itemId)).toEqual(['i12', 'i13', 'i14']);
    expect((await s.all()).map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('keeps history across connections (a reload)', async () => {
    const s = await open();
    await s.append(events(4));
    s.close();
    store = await IndexedDbEventStore.open(name);
    expect((await store.all()).map((e) => e.itemId)).toEqual(['i0', 'i1', 'i2', 'i3']);
  });

  it('drops the oldest events beyond the retention limits and reports how many', async () => {
    const s = await open();
    const now = 1_000_000 + 100 * DAY;
    await s.append([{ type: 'click', itemId: 'ancient', time: now - 200 * DAY }, ...events(10, 0).map((e) => ({ ...e, time: now - 1000 + (e.seq ?? 0) }))]);
    expect(await s.applyRetention({ maxEvents: 6, maxAgeDays: 180, maxImpressions: 1_000 }, now)).toBe(5);
    expect((await s.all()).map((e) => e.itemId)).toEqual(['i4', 'i5', 'i6', 'i7', 'i8', 'i9']);
  });

  it('keeps impressions under their own cap (oldest dropped first), so they cannot push interactions out; recent() can skip them', async () => {
    const s = await open();
    const now = 1_000_000;
    const shown = (n: number) => ({ type: 'impression' as const, itemId: `shown${n}`, time: now - 100 + n });
    await s.append([{ type: 'click', itemId: 'liked', time: now - 200 }, ...[0, 1, 2, 3, 4].map(shown), { type: 'view', itemId: 'seen', time: now }]);
    expect(await s.applyRetention({ maxEvents: 5, maxAgeDays: 180, maxImpressions: 2 }, now)).toBe(3);
    expect((await s.all()).map((e) => e.itemId)).toEqual(['liked', 'shown3', 'shown4', 'seen']);
    expect((await s.recent(2, (e) => e.type !== 'impression')).map((e) => e.itemId)).toEqual(['liked', 'seen']);
  });

  it('clear() deletes events and meta records', async () => {
    const s = await open();
    await s.append(events(3));
    await s.setMeta('backend', { name: 'wasm' });
    await s.clear();
    expect(await s.count()).toBe(0);
    expect(await s.getMeta('backend')).toBeUndefined();
  });
});
