import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_NAME, DB_VERSION, DEDUPE_KEY_PATH, type ReshelfDB } from './schema.js';
import { StorageError } from './storageError.js';

export type ReshelfDatabase = IDBPDatabase<ReshelfDB>;
type UpgradeTransaction = IDBPTransaction<ReshelfDB, StoreNames<ReshelfDB>[], 'versionchange'>;

/**
 * Migrates from any older version step by step: each case falls through to the next (no `break`), so a
 * version-0 (new) database and a version-1 database both end at DB_VERSION. Never edit a released case:
 * add the next one, and a fixture of the old version (storage/migrations/fixtures).
 */
export function upgradeSchema(db: ReshelfDatabase, oldVersion: number, transaction: UpgradeTransaction): void {
  switch (oldVersion) {
    case 0: {
      const events = db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
      events.createIndex('by-time', 'time');
      events.createIndex('by-item', 'itemId');
      db.createObjectStore('meta', { keyPath: 'key' });
    }
    // falls through
    case 1: {
      // Version-1 events have no dedupeKey: IndexedDB leaves them out of the index, so they need no rewrite.
      transaction.objectStore('events').createIndex('by-dedupe', DEDUPE_KEY_PATH, { unique: true });
      db.createObjectStore('rescue', { keyPath: DEDUPE_KEY_PATH });
    }
  }
}

export interface OpenOptions {
  /** Give up when another tab blocks the upgrade for this long (default 3,000 ms). */
  blockedTimeoutMs?: number;
  /** Called when the connection closes on its own: another tab upgrades or deletes the database, or the browser ends it. */
  onClose?: () => void;
}

export const DEFAULT_BLOCKED_TIMEOUT_MS = 3_000;

/**
 * Opens (creating or upgrading) the shopper's database. Rejects with a StorageError: STORAGE_UNAVAILABLE when
 * IndexedDB is missing or refuses (private modes, storage blocked, a newer reshelf already upgraded the
 * database), STORAGE_BLOCKED when an older reshelf in another tab keeps the upgrade waiting.
 */
export function openReshelfDb(name = DB_NAME, options: OpenOptions = {}): Promise<ReshelfDatabase> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) {
    return Promise.reject(new StorageError('STORAGE_UNAVAILABLE', 'IndexedDB is not available in this context'));
  }
  let settled = false;
  let onClose = options.onClose;
  const opening = (async () => {
    try {
      return await openDB<ReshelfDB>(name, DB_VERSION, {
        upgrade: (db, oldVersion, _newVersion, transaction) => upgradeSchema(db, oldVersion, transaction),
        blocking(_current, _next, event) {
          // A newer reshelf (or forget() in another tab) wants the database: step aside instead of blocking it.
          (event.target as IDBDatabase).close();
          onClose?.();
        },
        terminated: () => onClose?.(),
      });
    } catch (error) {
      const detail = (error as Error)?.message ?? String(error);
      throw new StorageError('STORAGE_UNAVAILABLE', `IndexedDB refused to open "${name}": ${(error as Error)?.name ?? 'Error'}: ${detail}`);
    }
  })();
  const timeoutMs = options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (settled) return;
      reject(new StorageError('STORAGE_BLOCKED', `opening "${name}" waited ${timeoutMs} ms: another tab holds an older version open and does not close it`));
    }, timeoutMs);
  });
  const result = Promise.race([opening, timedOut]);
  result.then(
    () => {
      settled = true;
      clearTimeout(timer);
    },
    () => {
      settled = true;
      clearTimeout(timer);
      // A late success after the timeout must not leave a connection that blocks other tabs.
      onClose = undefined;
      opening.then((db) => db.close(), () => {});
    },
  );
  return result;
}
