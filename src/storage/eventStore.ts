import type { StoredEvent } from '../api/events.js';

/** Retention: how much history the device keeps. Older events are dropped first. */
export interface RetentionPolicy {
  /** Keep at most this many events (default 5,000). */
  maxEvents: number;
  /** Drop events older than this many days (default 180). */
  maxAgeDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxEvents: 5_000, maxAgeDays: 180 };

/** Where the shopper's events live: IndexedDB normally, memory when IndexedDB is unavailable. */
export interface EventStore {
  readonly kind: 'indexeddb' | 'memory';
  /** Appends events in one transaction, in order. */
  append(events: StoredEvent[]): Promise<void>;
  /** The most recent `limit` events, oldest first. */
  recent(limit: number): Promise<StoredEvent[]>;
  /** Every stored event, oldest first (for export). */
  all(): Promise<StoredEvent[]>;
  count(): Promise<number>;
  /** Drops events outside the policy; returns how many were removed. */
  applyRetention(policy: RetentionPolicy, now: number): Promise<number>;
  /** Deletes every event and every record reshelf stored. */
  clear(): Promise<void>;
  close(): void;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}
