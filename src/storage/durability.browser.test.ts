import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { IndexedDbEventStore } from './indexedDbEventStore.js';
import { UnloadRescue } from './unloadRescue.js';
import { openReshelfDb } from './openReshelfDb.js';
import { DB_VERSION } from './schema.js';
import type { StoredEvent } from '../api/events.js';

let name = '';
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) o.close();
  await deleteDB(name);
});
const fresh = () => (name = `reshelf-durability-${Math.random().toString(36).slice(2)}`);
const keyed = (n: number, page = '1.000'): StoredEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'click', itemId: `i${i}`, time: 1_000 + i, dedupeKey: `${page}:${i + 1}` }));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};
const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe('durable event store, in real Chromium IndexedDB', () => {
  it('stores an event once however often either path writes it', async () => {
    const store = await IndexedDbEventStore.open(fresh());
    open.push(store);
    const events = keyed(5);
    expect(await store.append(events.slice(0, 3))).toEqual({ added: 3, duplicates: 0, droppedForQuota: 0 });
    // The rescue wrote the whole batch (three of them already stored by the worker) while the page unloaded.
    const rescue = new UnloadRescue(name);
    open.push(rescue);
    rescue.prepare();
    await until(() => rescue.write([]) || (rescue as unknown as { db?: unknown }).db !== undefined);
    expect(rescue.write(events)).toBe(true);
    expect(rescue.write(events)).toBe(true);
    await until(() => false); // let the explicit commit land
    expect(await store.all()).toHaveLength(5);
    expect((await store.all()).map((e) => e.itemId)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
    // ...and the worker, confirming late, writes the last two again.
    expect(await store.append(events.slice(3))).toEqual({ added: 0, duplicates: 2, droppedForQuota: 0 });
    expect(await store.count()).toBe(5);
  });

  it('export still shows rescued events when moving them into the history fails (over quota, say)', async () => {
    const store = await IndexedDbEventStore.open(fresh());
    open.push(store);
    const events = keyed(3);
    await store.append(events.slice(0, 2));
    const rescue = new UnloadRescue(name);
    open.push(rescue);
    rescue.prepare();
    await until(() => rescue.ready);
    let committed = false;
    expect(rescue.write(events.slice(1), () => (committed = true))).toBe(true);
    await until(() => committed);
    store.mergeRescued = () => Promise.reject(new DOMException('over quota', 'QuotaExceededError'));
    expect((await store.all()).map((e) => e.itemId)).toEqual(['i0', 'i1', 'i2']);
  });

  it('keeps events of different page views apart even with equal counters', async () => {
    const store = await IndexedDbEventStore.open(fresh());
    open.push(store);
    await store.append(keyed(3, '1.000'));
    await store.append(keyed(3, '2.000'));
    expect(await store.count()).toBe(6);
  });

  it('destroy() deletes the database itself, and the store starts a new one when used again', async () => {
    const store = await IndexedDbEventStore.open(fresh());
    open.push(store);
    await store.append(keyed(2));
    await store.setMeta('backend', 'wasm');
    await store.destroy();
    expect(await databases()).not.toContain(name);
    await store.append(keyed(1, '3.000'));
    expect(await store.count()).toBe(1);
    expect(await store.getMeta('backend')).toBeUndefined();
  });

  it("reconnects after another tab's forget() deleted the database under it", async () => {
    const a = await IndexedDbEventStore.open(fresh());
    const b = await IndexedDbEventStore.open(name);
    open.push(a, b);
    await a.append(keyed(2));
    await b.destroy();
    expect(await databases()).not.toContain(name);
    await a.append(keyed(1, '4.000'));
    expect(await a.count()).toBe(1);
  });

  it('says STORAGE_BLOCKED when an older version held open elsewhere never lets the upgrade through', async () => {
    fresh();
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, DB_VERSION - 1);
      request.onupgradeneeded = () => request.result.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
    });
    // An old tab that ignores versionchange (no `onversionchange` handler closing it).
    await expect(openReshelfDb(name, { blockedTimeoutMs: 300 })).rejects.toMatchObject({ code: 'STORAGE_BLOCKED' });
    old.close();
  });

  it('says STORAGE_UNAVAILABLE when a newer reshelf already upgraded the database', async () => {
    fresh();
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(name, DB_VERSION + 1);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    await expect(openReshelfDb(name)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
