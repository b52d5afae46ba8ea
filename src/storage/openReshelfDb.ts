import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type ReshelfDB } from './schema.js';

export type ReshelfDatabase = IDBPDatabase<ReshelfDB>;

/** Migrates from any older version step by step: each case falls through to the next. */
export function upgradeSchema(db: IDBPDatabase<ReshelfDB>, oldVersion: number): void {
  switch (oldVersion) {
    case 0: {
      const events = db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
      events.createIndex('by-time', 'time');
      events.createIndex('by-item', 'itemId');
      db.createObjectStore('meta', { keyPath: 'key' });
    }
    // Later versions add `case 1:` here, without `break`, so version-0 and version-1 databases both arrive.
  }
}

/** Opens (creating or upgrading) the shopper's database. Rejects when IndexedDB is unavailable or blocked. */
export function openReshelfDb(name = DB_NAME): Promise<ReshelfDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this context'));
  return openDB<ReshelfDB>(name, DB_VERSION, {
    upgrade: (db, oldVersion) => upgradeSchema(db, oldVersion),
    blocked() {
      // Another tab holds an older version open; it will close on `versionchange` (see below).
    },
    blocking(_current, _next, event) {
      // A newer reshelf in another tab wants to upgrade: step aside instead of blocking it forever.
      (event.target as IDBDatabase).close();
    },
  });
}
