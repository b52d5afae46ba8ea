import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { StoredEvent } from '../api/events.js';
import { IndexedDbEventStore } from './indexedDbEventStore.js';
import { PageEventJournal } from './pageEventJournal.js';
import { readSessionRescue, sessionRescueKey, writeSessionRescue } from './sessionRescue.js';
import { openReshelfDb } from './openReshelfDb.js';

let name = '';
const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  sessionStorage.removeItem(sessionRescueKey(name));
  await deleteDB(name);
});
const fresh = () => (name = `reshelf-journal-${Math.random().toString(36).slice(2)}`);
const click = (itemId: string, time = 1_000): StoredEvent => ({ type: 'click', itemId, time });
const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
};
async function rescued(): Promise<string[]> {
  const db = await openReshelfDb(name);
  const rows = await db.getAll('rescue');
  db.close();
  return rows.map((e) => e.itemId).sort();
}
function journal(mayRescue = () => true): PageEventJournal {
  const j = new PageEventJournal({ dbName: name, durable: true, mayRescue });
  cleanup.push(() => j.dispose());
  return j;
}

describe('sessionStorage half of the unload rescue', () => {
  it('round-trips events and merges what two instances save', () => {
    fresh();
    const a = { ...click('a'), dedupeKey: '1.500:1' };
    const b = { ...click('b', 2_000), dedupeKey: '1.500:2', value: 3 };
    expect(writeSessionRescue(name, [a])).toBe(true);
    expect(writeSessionRescue(name, [a, { ...b, seq: 9 }])).toBe(true);
    expect(readSessionRescue(name)).toEqual([a, b]);
  });

  it('ignores malformed or hostile entries instead of storing them', () => {
    fresh();
    const good = { ...click('ok'), dedupeKey: '2:1' };
    sessionStorage.setItem(
      sessionRescueKey(name),
      JSON.stringify([good, { ...click('no-key') }, { ...click('bad-key'), dedupeKey: 'visitor-123' }, { type: 'hack', itemId: 'x', time: 1, dedupeKey: '2:2' }, null, 7, { ...click(''), dedupeKey: '2:3' }]),
    );
    expect(readSessionRescue(name)).toEqual([good]);
    sessionStorage.setItem(sessionRescueKey(name), '{not json');
    expect(readSessionRescue(name)).toEqual([]);
    sessionStorage.setItem(sessionRescueKey(name), '{"0":1}');
    expect(readSessionRescue(name)).toEqual([]);
  });
});

describe('page event journal, in real Chromium IndexedDB', () => {
  it('writes events into the rescue store as they are tracked until the worker confirms one batch', async () => {
    await IndexedDbEventStore.open(fresh()).then((s) => s.close());
    const j = journal();
    const first = j.keyed(click('early'));
    await until(async () => (await rescued()).includes('early'));
    expect(await rescued()).toEqual(['early']);
    // Committed in the rescue store: durable without the worker, so nothing is left to rescue at unload.
    expect(j.size).toBe(0);
    j.confirm([first]);
    j.keyed(click('late'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await rescued()).toEqual(['early']);
    expect(j.size).toBe(1);
  });

  it('at pagehide saves what is unconfirmed to sessionStorage synchronously, and the next page moves it to IndexedDB', async () => {
    await IndexedDbEventStore.open(fresh()).then((s) => s.close());
    const j = journal();
    await until(() => (j as unknown as { rescue: { ready: boolean } }).rescue.ready);
    j.confirm([]); // the worker is storing: no write-ahead, so only the unload paths can keep the event
    j.keyed(click('in-flight'));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(readSessionRescue(name).map((e) => e.itemId)).toEqual(['in-flight']);
    // The IndexedDB half committed too (the page lived on here), so the sessionStorage copy was removed.
    await until(() => sessionStorage.getItem(sessionRescueKey(name)) === null);
    expect(sessionStorage.getItem(sessionRescueKey(name))).toBeNull();
    expect(await rescued()).toEqual(['in-flight']);

    // A teardown that cut the IndexedDB write off leaves only the sessionStorage copy: the next page restores it.
    writeSessionRescue(name, [{ ...click('cut-off', 5_000), dedupeKey: '7.000:1' }]);
    journal();
    await until(async () => (await rescued()).includes('cut-off'));
    expect(await rescued()).toEqual(['cut-off', 'in-flight']);
    await until(() => sessionStorage.getItem(sessionRescueKey(name)) === null);
    expect(sessionStorage.getItem(sessionRescueKey(name))).toBeNull();
    // ...and the worker merges the rescue store into the history, each event once.
    const store = await IndexedDbEventStore.open(name);
    expect((await store.all()).map((e) => e.itemId)).toEqual(['in-flight', 'cut-off']);
    store.close();
  });

  it('writes nothing where the page may not (memory mode, closed, consent withdrawn)', async () => {
    await IndexedDbEventStore.open(fresh()).then((s) => s.close());
    const j = journal(() => false);
    j.keyed(click('private'));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await new Promise((r) => setTimeout(r, 100));
    expect(sessionStorage.getItem(sessionRescueKey(name))).toBeNull();
    expect(await rescued()).toEqual([]);
  });

  it('forget (clear) removes the sessionStorage copy and drops what was waiting', async () => {
    await IndexedDbEventStore.open(fresh()).then((s) => s.close());
    writeSessionRescue(name, [{ ...click('old'), dedupeKey: '3.000:1' }]);
    const j = new PageEventJournal({ dbName: name, durable: true, mayRescue: () => true });
    j.clear();
    expect(sessionStorage.getItem(sessionRescueKey(name))).toBeNull();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await new Promise((r) => setTimeout(r, 100));
    expect(sessionStorage.getItem(sessionRescueKey(name))).toBeNull();
    j.dispose();
  });
});
