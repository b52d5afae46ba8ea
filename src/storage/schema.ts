import type { DBSchema } from 'idb';
import type { StoredEvent } from '../api/events.js';

export const DB_NAME = 'reshelf';
/**
 * Bump when the schema changes and add a `case` to `upgradeSchema`; every older version must keep upgrading
 * step by step (tests open fixtures of each version).
 */
export const DB_VERSION = 1;

/** The whole on-device database, checked at compile time by idb. */
export interface ReshelfDB extends DBSchema {
  /** The shopper's interactions, oldest first by `seq`. Nothing here ever leaves the device. */
  events: {
    key: number;
    value: StoredEvent;
    indexes: { 'by-time': number; 'by-item': string };
  };
  /** Small key-value records: backend choice per catalog shape, settings. */
  meta: {
    key: string;
    value: { key: string; value: unknown };
  };
}
