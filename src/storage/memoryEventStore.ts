import type { StoredEvent } from '../api/events.js';
import type { AppendReport, EventStore, RetentionPolicy } from './eventStore.js';

const DAY = 86_400_000;

/**
 * Used when IndexedDB is unavailable (private modes, blocked storage): personalises this page view only.
 * The API reports `storage: 'memory'` so the integrator knows history will not survive a reload.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory';
  private events: StoredEvent[] = [];
  private nextSeq = 1;
  private readonly meta = new Map<string, unknown>();

  async append(events: StoredEvent[]): Promise<AppendReport> {
    const seen = new Set(this.events.map(dedupeOf));
    let added = 0;
    for (const e of events) {
      const key = dedupeOf(e);
      if (key !== undefined && seen.has(key)) continue;
      if (key !== undefined) seen.add(key);
      this.events.push({ ...e, seq: this.nextSeq++ });
      added++;
    }
    return { added, duplicates: events.length - added, droppedForQuota: 0 };
  }
  async recent(limit: number, accept?: (event: StoredEvent) => boolean): Promise<StoredEvent[]> {
    const kept = accept ? this.events.filter(accept) : this.events;
    return kept.slice(Math.max(0, kept.length - limit));
  }
  async all(): Promise<StoredEvent[]> {
    return [...this.events];
  }
  async count(): Promise<number> {
    return this.events.length;
  }
  async applyRetention(policy: RetentionPolicy, now: number): Promise<number> {
    const before = this.events.length;
    const cutoff = now - policy.maxAgeDays * DAY;
    this.events = this.events.filter((e) => e.time >= cutoff);
    // Impressions beyond their own cap go first, oldest first.
    let excessImpressions = this.events.filter((e) => e.type === 'impression').length - policy.maxImpressions;
    if (excessImpressions > 0) this.events = this.events.filter((e) => e.type !== 'impression' || excessImpressions-- <= 0);
    if (this.events.length > policy.maxEvents) this.events = this.events.slice(this.events.length - policy.maxEvents);
    return before - this.events.length;
  }
  async dropOldest(count: number): Promise<number> {
    const dropped = Math.min(count, this.events.length);
    this.events = this.events.slice(dropped);
    return dropped;
  }
  async clear(): Promise<void> {
    this.events = [];
    this.meta.clear();
  }
  async destroy(): Promise<void> {
    await this.clear();
  }
  close(): void {}
  async getMeta<T>(key: string): Promise<T | undefined> {
    return this.meta.get(key) as T | undefined;
  }
  async setMeta(key: string, value: unknown): Promise<void> {
    this.meta.set(key, value);
  }
}

/** The same identity the IndexedDB `by-dedupe` index uses; undefined for events that carry no key. */
function dedupeOf(e: StoredEvent): string | undefined {
  return e.dedupeKey === undefined ? undefined : JSON.stringify([e.dedupeKey, e.itemId, e.time, e.type]);
}
