import type { StoredEvent } from '../api/events.js';
import type { EventStore, RetentionPolicy } from './eventStore.js';
import { openReshelfDb, type ReshelfDatabase } from './openReshelfDb.js';

const DAY = 86_400_000;

/** The durable store: one database per origin, events appended in batched transactions. */
export class IndexedDbEventStore implements EventStore {
  readonly kind = 'indexeddb';
  private constructor(private readonly db: ReshelfDatabase) {}

  static async open(name?: string): Promise<IndexedDbEventStore> {
    return new IndexedDbEventStore(await openReshelfDb(name));
  }

  async append(events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One transaction per batch: ~10x the throughput of one per event, and all-or-nothing per batch.
    const tx = this.db.transaction('events', 'readwrite');
    for (const event of events) void tx.store.add(event);
    await tx.done;
  }

  async recent(limit: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let cursor = await this.db.transaction('events').store.openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out.reverse();
  }

  all(): Promise<StoredEvent[]> {
    return this.db.getAll('events');
  }

  count(): Promise<number> {
    return this.db.count('events');
  }

  async applyRetention(policy: RetentionPolicy, now: number): Promise<number> {
    const tx = this.db.transaction('events', 'readwrite');
    let removed = 0;
    const cutoff = now - policy.maxAgeDays * DAY;
    let byTime = await tx.store.index('by-time').openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (byTime) {
      await byTime.delete();
      removed++;
      byTime = await byTime.continue();
    }
    let excess = (await tx.store.count()) - policy.maxEvents;
    let oldest = excess > 0 ? await tx.store.openCursor() : null;
    while (oldest && excess > 0) {
      await oldest.delete();
      removed++;
      excess--;
      oldest = await oldest.continue();
    }
    await tx.done;
    return removed;
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['events', 'meta'], 'readwrite');
    await Promise.all([tx.objectStore('events').clear(), tx.objectStore('meta').clear(), tx.done]);
  }

  close(): void {
    this.db.close();
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', { key, value });
  }
}
