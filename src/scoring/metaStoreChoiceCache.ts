import { BACKEND_NAMES } from './types.js';
import type { BackendChoiceRecord, ChoiceCache } from './choiceCache.js';

/**
 * The subset of the reshelf IndexedDB database (src/storage, an idb `IDBPDatabase<ReshelfDB>`) this cache uses:
 * the `meta` key-value store, whose rows are `{ key, value }` with `key` as keyPath. Typed structurally so
 * scoring does not depend on the storage module.
 */
export interface MetaStore {
  get(store: 'meta', key: string): Promise<{ key: string; value: unknown } | undefined>;
  put(store: 'meta', row: { key: string; value: unknown }): Promise<unknown>;
}

/**
 * A ChoiceCache in the `meta` store: one row per browser + table shape (see choiceKey). A row that does not
 * look like a BackendChoiceRecord (older format, tampering) reads as absent, so the engine measures again.
 */
export function metaStoreChoiceCache(db: MetaStore): ChoiceCache {
  return {
    async get(key) {
      const row = await db.get('meta', key);
      return isChoiceRecord(row?.value, key) ? row.value : undefined;
    },
    async set(key, record) {
      await db.put('meta', { key, value: record });
    },
  };
}

function isChoiceRecord(value: unknown, key: string): value is BackendChoiceRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<BackendChoiceRecord>;
  return (
    record.key === key &&
    typeof record.measuredAt === 'number' &&
    typeof record.timings === 'object' &&
    record.timings !== null &&
    (BACKEND_NAMES as readonly unknown[]).includes(record.backend)
  );
}
