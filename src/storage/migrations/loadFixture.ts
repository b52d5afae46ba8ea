import type { DatabaseFixture } from './fixtures/fixture.js';

/** Creates database `name` at the fixture's version with its schema and records, using the raw API only. */
export function loadFixture(name: string, fixture: DatabaseFixture): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, fixture.version);
    request.onupgradeneeded = () => {
      const db = request.result;
      fixture.createSchema(db);
      const tx = request.transaction as IDBTransaction;
      for (const [store, records] of Object.entries(fixture.records)) for (const record of records) tx.objectStore(store).add(record);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** Everything about a database's shape that code depends on, in a comparable form. */
export interface SchemaShape {
  version: number;
  stores: Record<string, { keyPath: unknown; autoIncrement: boolean; indexes: Record<string, { keyPath: unknown; unique: boolean; multiEntry: boolean }> }>;
}

export function describeSchema(db: IDBDatabase): SchemaShape {
  const names = Array.from(db.objectStoreNames).sort();
  const stores: SchemaShape['stores'] = {};
  if (names.length === 0) return { version: db.version, stores };
  const tx = db.transaction(names, 'readonly');
  for (const name of names) {
    const store = tx.objectStore(name);
    const indexes: SchemaShape['stores'][string]['indexes'] = {};
    for (const indexName of Array.from(store.indexNames).sort()) {
      const index = store.index(indexName);
      indexes[indexName] = { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    }
    stores[name] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  }
  return { version: db.version, stores };
}
