import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, unwrap } from 'idb';
import { isInterest } from '../../api/events.js';
import { DEFAULT_RETENTION } from '../eventStore.js';
import { IndexedDbEventStore } from '../indexedDbEventStore.js';
import { openReshelfDb } from '../openReshelfDb.js';
import { DB_VERSION } from '../schema.js';
import { DATABASE_FIXTURES } from './fixtures/index.js';
import { describeSchema, loadFixture, type SchemaShape } from './loadFixture.js';

const names: string[] = [];
const stores: IndexedDbEventStore[] = [];
const freshName = () => {
  const name = `reshelf-migration-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};

afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const name of names.splice(0)) await deleteDB(name);
});

async function shapeOf(name: string): Promise<SchemaShape> {
  const db = await openReshelfDb(name);
  const shape = describeSchema(unwrap(db));
  db.close();
  return shape;
}

describe('database migrations, in real Chromium IndexedDB', () => {
  it('has a fixture for every released version older than the current one', () => {
    const covered = DATABASE_FIXTURES.map((f) => f.version).sort((a, b) => a - b);
    const released = Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1);
    // Bumped DB_VERSION? Add storage/migrations/fixtures/v<old>.ts (see fixture.ts) and list it in index.ts.
    expect(covered).toEqual(released);
  });

  it('a new database has the current schema', async () => {
    const shape = await shapeOf(freshName());
    expect(shape.version).toBe(DB_VERSION);
    expect(Object.keys(shape.stores)).toEqual(['events', 'meta', 'rescue']);
    expect(shape.stores.events?.indexes['by-dedupe']?.unique).toBe(true);
  });

  for (const fixture of DATABASE_FIXTURES) {
    describe(`from version ${fixture.version} (released in ${fixture.releasedIn})`, () => {
      it('upgrades to exactly the schema a new database gets (the upgrade switch falls through)', async () => {
        const old = freshName();
        await loadFixture(old, fixture);
        expect(await shapeOf(old)).toEqual(await shapeOf(freshName()));
      });

      it('keeps every event and record, field for field, and their order', async () => {
        const name = freshName();
        await loadFixture(name, fixture);
        const store = await IndexedDbEventStore.open(name);
        stores.push(store);
        expect(await store.all()).toEqual(fixture.records.events);
        const meta = fixture.records.meta as { key: string; value: unknown }[];
        for (const record of meta) expect(await store.getMeta(record.key)).toEqual(record.value);
      });

      it('accepts new events after the upgrade, after the old ones, each stored once', async () => {
        const name = freshName();
        await loadFixture(name, fixture);
        const store = await IndexedDbEventStore.open(name);
        stores.push(store);
        const fresh = { type: 'click' as const, itemId: 'sku-9', time: Date.now(), dedupeKey: '1.000:1' };
        expect(await store.append([fresh])).toMatchObject({ added: 1, duplicates: 0 });
        expect(await store.append([fresh])).toMatchObject({ added: 0, duplicates: 1 });
        const all = await store.all();
        expect(all).toHaveLength(fixture.records.events.length + 1);
        expect(all.at(-1)).toMatchObject(fresh);
        expect((await store.recent(2)).map((e) => e.itemId)).toEqual([(fixture.records.events.at(-1) as { itemId: string }).itemId, 'sku-9']);
      });

      it('stores impressions (a type added without a schema change) beside the old events; interest reads past them', async () => {
        const name = freshName();
        await loadFixture(name, fixture);
        const store = await IndexedDbEventStore.open(name);
        stores.push(store);
        const shown = Array.from({ length: 20 }, (_, n) => ({ type: 'impression' as const, itemId: `card-${n}`, time: Date.now() + n, dedupeKey: `1.000:${n}` }));
        expect(await store.append(shown)).toMatchObject({ added: 20 });
        const old = fixture.records.events as { itemId: string }[];
        expect((await store.recent(old.length, isInterest)).map((e) => e.itemId)).toEqual(old.map((e) => e.itemId));
        expect(await store.applyRetention({ ...DEFAULT_RETENTION, maxAgeDays: 100_000, maxImpressions: 5 }, Date.now())).toBe(15);
        expect((await store.all()).map((e) => e.itemId)).toEqual([...old.map((e) => e.itemId), ...shown.slice(15).map((e) => e.itemId)]);
      });
    });
  }
});
