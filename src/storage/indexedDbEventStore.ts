import { chronologicalOrder } from './eventOrder.js';
import { unwrap } from 'idb';
import type { StoredEvent } from '../api/events.js';
import type { AppendReport, EventStore, RetentionPolicy } from './eventStore.js';
import { openReshelfDb, type OpenOptions, type ReshelfDatabase } from './openReshelfDb.js';
import { addEventsIgnoringDuplicates, issueAdds, transactionDone, type AddOutcome } from './addEvents.js';
import { appendWithQuotaRecovery } from './quotaRecovery.js';
import { isQuotaError } from './storageError.js';
import { DB_NAME } from './schema.js';
import { deleteReshelfDatabase } from './forgetEverything.js';

const DAY = 86_400_000;

/**
 * The durable store: one database per origin, events appended in batched transactions. The connection reopens
 * on demand after another tab closed it (an upgrade, or forget() there), so a long-lived tab keeps working.
 */
export class IndexedDbEventStore implements EventStore {
  readonly kind = 'indexeddb';
  private connection: Promise<ReshelfDatabase> | undefined;
  private quotaStuck = false;

  private constructor(
    private readonly name: string,
    private readonly options: Omit<OpenOptions, 'onClose'>,
  ) {}

  /** Opens the database now, so that a store that cannot work fails here (and the worker can use memory instead). */
  static async open(name: string = DB_NAME, options: Omit<OpenOptions, 'onClose'> = {}): Promise<IndexedDbEventStore> {
    const store = new IndexedDbEventStore(name, options);
    await store.mergeRescued();
    return store;
  }

  /**
   * Moves the events pages saved while unloading (`rescue`, see unloadRescue.ts) into `events`, oldest first,
   * in one transaction; those the worker had stored already are skipped by the unique dedupe index.
   */
  async mergeRescued(): Promise<AddOutcome> {
    const tx = unwrap(await this.db()).transaction(['events', 'rescue'], 'readwrite');
    const outcome: AddOutcome = { added: 0, duplicates: 0 };
    const rescue = tx.objectStore('rescue');
    const request = rescue.getAll();
    request.onsuccess = () => {
      const rescued = (request.result as StoredEvent[]).sort((a, b) => a.time - b.time);
      if (rescued.length === 0) return;
      issueAdds(tx.objectStore('events'), rescued, outcome);
      rescue.clear();
    };
    return transactionDone(tx, () => outcome);
  }

  private db(): Promise<ReshelfDatabase> {
    if (!this.connection) {
      const connection: Promise<ReshelfDatabase> = openReshelfDb(this.name, {
        ...this.options,
        onClose: () => {
          if (this.connection === connection) this.connection = undefined;
        },
      });
      this.connection = connection;
      connection.catch(() => {
        if (this.connection === connection) this.connection = undefined;
      });
    }
    return this.connection;
  }

  async append(events: StoredEvent[]): Promise<AppendReport> {
    if (events.length === 0) return { added: 0, duplicates: 0, droppedForQuota: 0 };
    // After an episode in which dropping old events did not make room, later batches try once without
    // dropping more: otherwise a quota full of the shop's own data would drain the history batch by batch.
    const maxRetries = this.quotaStuck ? 0 : undefined;
    try {
      const report = await this.appendRecovering(events, maxRetries);
      this.quotaStuck = false;
      return report;
    } catch (error) {
      if (isQuotaError(error)) this.quotaStuck = true;
      throw error;
    }
  }

  private appendRecovering(events: StoredEvent[], maxRetries: number | undefined): Promise<AppendReport> {
    return appendWithQuotaRecovery(
      {
        // One transaction per batch: ~10x the throughput of one per event, and all-or-nothing per batch.
        add: async (batch) => addEventsIgnoringDuplicates(unwrap(await this.db()).transaction('events', 'readwrite'), batch),
        count: () => this.count(),
        dropOldest: (n) => this.dropOldest(n),
      },
      events,
      maxRetries === undefined ? {} : { maxRetries },
    );
  }

  async recent(limit: number, accept?: (event: StoredEvent) => boolean): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let cursor = await (await this.db()).transaction('events').store.openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      if (!accept || accept(cursor.value)) out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out.sort(chronologicalOrder);
  }

  async all(): Promise<StoredEvent[]> {
    // Export shows everything stored, including what another tab rescued since this worker opened.
    const merged = await this.mergeRescued().then(
      () => true,
      // Over quota, say: the move cannot be written, but the export must still show the rescued events.
      () => false,
    );
    const db = await this.db();
    const events = await db.getAll('events');
    if (merged) return events.sort(chronologicalOrder);
    const identity = (e: StoredEvent) => `${e.dedupeKey}|${e.itemId}|${e.time}|${e.type}`;
    const stored = new Set(events.map(identity));
    const rescued = (await db.getAll('rescue')).filter((e) => e.dedupeKey === undefined || !stored.has(identity(e)));
    return [...events, ...rescued].sort(chronologicalOrder);
  }

  async count(): Promise<number> {
    return (await this.db()).count('events');
  }

  async applyRetention(policy: RetentionPolicy, now: number): Promise<number> {
    const tx = (await this.db()).transaction('events', 'readwrite');
    let removed = 0;
    const cutoff = now - policy.maxAgeDays * DAY;
    let byTime = await tx.store.index('by-time').openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (byTime) {
      await byTime.delete();
      removed++;
      byTime = await byTime.continue();
    }
    // Impressions beyond their own cap go first, newest kept (no index by type: one pass over at most maxEvents).
    let impressions = 0;
    let newest = await tx.store.openCursor(null, 'prev');
    while (newest) {
      if (newest.value.type === 'impression' && ++impressions > policy.maxImpressions) {
        await newest.delete();
        removed++;
      }
      newest = await newest.continue();
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

  async dropOldest(count: number): Promise<number> {
    if (count <= 0) return 0;
    const tx = (await this.db()).transaction('events', 'readwrite');
    // Deleting a key range frees the space in one request; the range ends at the count-th oldest seq.
    const keys = await tx.store.getAllKeys(null, count);
    const last = keys[keys.length - 1];
    if (last !== undefined) await tx.store.delete(IDBKeyRange.upperBound(last));
    await tx.done;
    return keys.length;
  }

  async clear(): Promise<void> {
    const tx = (await this.db()).transaction(['events', 'rescue', 'meta'], 'readwrite');
    await Promise.all([tx.objectStore('events').clear(), tx.objectStore('rescue').clear(), tx.objectStore('meta').clear(), tx.done]);
  }

  async destroy(): Promise<void> {
    // Empty first: if another tab keeps the database open past the timeout, nothing is left in it anyway.
    await this.clear();
    this.close();
    await deleteReshelfDatabase(this.name);
  }

  close(): void {
    const connection = this.connection;
    this.connection = undefined;
    connection?.then((db) => db.close(), () => {});
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await (await this.db()).get('meta', key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await (await this.db()).put('meta', { key, value });
  }
}
