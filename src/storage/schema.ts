import type { DBSchema } from 'idb';
import type { StoredEvent } from '../api/events.js';

export const DB_NAME = 'reshelf';
/**
 * Bump when the schema changes, add a `case` to `upgradeSchema` (openReshelfDb.ts) and a fixture of the
 * version being replaced to storage/migrations/fixtures (the migration test fails until there is one).
 * - 1: `events` (autoincrement `seq`, by-time, by-item) and `meta`.
 * - 2: unique `by-dedupe` index on `events`, so an event written by both the worker and the page is stored once;
 *   `rescue`: events the page wrote itself while unloading (see unloadRescue.ts), merged into `events` on open.
 */
export const DB_VERSION = 2;

/** The compound key of the unique `by-dedupe` index: events without `dedupeKey` (version 1) are not indexed. */
export const DEDUPE_KEY_PATH = ['dedupeKey', 'itemId', 'time', 'type'];

/** The whole on-device database, checked at compile time by idb. */
export interface ReshelfDB extends DBSchema {
  /** The shopper's interactions, oldest first by `seq`. Nothing here ever leaves the device. */
  events: {
    key: number;
    value: StoredEvent;
    indexes: { 'by-time': number; 'by-item': string; 'by-dedupe': [string, string, number, string] };
  };
  /**
   * Events the page saved in its `pagehide` handler because the worker had not confirmed them yet. Keyed by
   * their dedupe identity, so writing one twice (`put`) can never fail; merged into `events` and emptied on open.
   */
  rescue: {
    key: [string, string, number, string];
    value: StoredEvent;
  };
  /** Small key-value records: backend choice per catalog shape, settings. */
  meta: {
    key: string;
    value: { key: string; value: unknown };
  };
}
