import type { BackendName, VectorTable } from './types.js';

/**
 * What the engine remembers about a measured backend choice. Stored per browser and table shape, so a device
 * measures once per catalog shape; `catalogVersion` makes a new catalog trigger a re-check.
 */
export interface BackendChoiceRecord {
  key: string;
  backend: BackendName;
  /** Median ms per pass on the real table, per backend that ran; failures carry their error code instead. */
  timings: Partial<Record<BackendName, number | { error: string }>>;
  measuredAt: number;
  catalogVersion?: string;
}

/**
 * Persistence for backend choices. The worker backs it with its IndexedDB `meta` store (a key-value store):
 * `get` resolves undefined when nothing is stored; both may reject, and the engine then just measures again.
 */
export interface ChoiceCache {
  get(key: string): Promise<BackendChoiceRecord | undefined>;
  set(key: string, record: BackendChoiceRecord): Promise<void>;
}

/** A ChoiceCache in memory (tests, node tools, and the fallback when IndexedDB is unavailable). */
export function memoryChoiceCache(): ChoiceCache & { records: Map<string, BackendChoiceRecord> } {
  const records = new Map<string, BackendChoiceRecord>();
  return {
    records,
    async get(key) {
      return records.get(key);
    },
    async set(key, record) {
      records.set(key, record);
    },
  };
}

/**
 * Cache key: the browser (user agent string: engine, version and platform) and the table's shape and dtype.
 * Nothing about the shopper; the same for every shopper on the same browser build and catalog.
 */
export function choiceKey(table: Pick<VectorTable, 'dtype' | 'count' | 'dim'>, browser: string): string {
  return `scoring-choice|${browser}|${table.dtype}|${table.count}x${table.dim}`;
}

export function currentBrowser(): string {
  return typeof navigator !== 'undefined' && typeof navigator.userAgent === 'string' ? navigator.userAgent : 'unknown';
}
