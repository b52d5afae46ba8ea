import type { StoredEvent } from '../api/events.js';
import type { AppendReport } from './quotaRecovery.js';

export type { AppendReport } from './quotaRecovery.js';

/** Retention: how much history the device keeps. Older events are dropped first. */
export interface RetentionPolicy {
  /** Keep at most this many events (default 5,000). */
  maxEvents: number;
  /** Drop events older than this many days (default 180). */
  maxAgeDays: number;
  /**
   * Keep at most this many `impression` events (default 1,000), the oldest dropped first: a shopper who scrolls
   * through long listings records many, and they must not use up `maxEvents` and push real interactions out.
   */
  maxImpressions: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxEvents: 5_000, maxAgeDays: 180, maxImpressions: 1_000 };

/** Where the shopper's events live: IndexedDB normally, memory when IndexedDB is unavailable. */
export interface EventStore {
  readonly kind: 'indexeddb' | 'memory';
  /**
   * Appends events in one transaction, in order. An event whose dedupeKey is already stored is skipped (the
   * page's unload rescue may have written it). Over quota, the oldest events make room (see quotaRecovery.ts).
   */
  append(events: StoredEvent[]): Promise<AppendReport>;
  /** The most recent `limit` events (of those `accept` keeps, when given), oldest first. */
  recent(limit: number, accept?: (event: StoredEvent) => boolean): Promise<StoredEvent[]>;
  /** Every stored event, oldest first (for export). */
  all(): Promise<StoredEvent[]>;
  count(): Promise<number>;
  /** Drops events outside the policy; returns how many were removed. */
  applyRetention(policy: RetentionPolicy, now: number): Promise<number>;
  /** Deletes the `count` oldest events; returns how many were deleted. */
  dropOldest(count: number): Promise<number>;
  /** Deletes every event and every record reshelf stored. */
  clear(): Promise<void>;
  /**
   * forget(): deletes everything and then the database itself, so not even an empty database says reshelf was
   * here. The store stays usable: a later append starts a new database.
   */
  destroy(): Promise<void>;
  close(): void;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}
