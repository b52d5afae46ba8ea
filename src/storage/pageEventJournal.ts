import type { StoredEvent } from '../api/events.js';
import { DB_NAME } from './schema.js';
import { clearSessionRescue, readSessionRescue, writeSessionRescue } from './sessionRescue.js';
import { UnloadRescue } from './unloadRescue.js';

export interface PageEventJournalOptions {
  /** IndexedDB database name (default "reshelf"). */
  dbName?: string;
  /** False where history is not durable anyway (storage: 'memory', no window): then only keys are assigned. */
  durable: boolean;
  /** May the page still write (not after close(), consent withdrawn or memory mode)? Asked before every write. */
  mayRescue: () => boolean;
  /**
   * True while the worker is not ready to store events: the page then writes each event into IndexedDB itself
   * as it is tracked. Once the worker stores them (or has fallen back to memory, or the quota refuses them),
   * the page writes only at unload. Default: until the first `confirm()`.
   */
  workerStarting?: () => boolean;
}

/**
 * The page's record of events the worker has not confirmed as committed. `track()` keys each event here
 * (`<page load time>:<counter>`, the dedupe identity the database stores once); the flush confirms batches
 * when the worker acknowledges them. While the worker is still starting, the page writes each event into
 * IndexedDB itself as it is tracked. If the page is hidden or unloaded, whatever is
 * still unconfirmed goes to sessionStorage (synchronous, so it survives the teardown; sessionRescue.ts) and to
 * IndexedDB (UnloadRescue); the next reshelf page of the tab moves the sessionStorage copy into IndexedDB.
 *
 * Measured without the write-ahead and the sessionStorage copy: the first click of a tab followed at once by a
 * navigation, while reshelf was starting, was lost in 3 of 27 runs: the pagehide transaction was issued over an
 * open connection and never committed. See sessionRescue.ts and README, Reliability.
 */
export class PageEventJournal {
  private readonly unconfirmed = new Set<StoredEvent>();
  /** Events the previous page of this tab left in sessionStorage, until they are committed to IndexedDB. */
  private restored: StoredEvent[] = [];
  /** Tracked events waiting for the next write-ahead transaction. */
  private ahead: StoredEvent[] = [];
  private aheadScheduled = false;
  /** The worker has confirmed a batch (used when no `workerStarting` is given). */
  private workerStoring = false;
  private readonly rescue: UnloadRescue | undefined;
  private readonly dbName: string;
  private readonly pageKey = typeof performance !== 'undefined' ? performance.timeOrigin.toFixed(3) : String(Date.now());
  private counter = 0;
  private disposed = false;
  private readonly onHide = (event: Event): void => {
    if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    const events = [...this.restored, ...this.unconfirmed];
    if (events.length === 0 || !this.options.mayRescue()) return;
    // Web Storage first: it completes inside this call, while the IndexedDB transaction may be cut off.
    writeSessionRescue(this.dbName, events);
    this.rescue?.write(events, () => this.committed(events));
  };

  constructor(private readonly options: PageEventJournalOptions) {
    this.dbName = options.dbName ?? DB_NAME;
    if (!options.durable || typeof window === 'undefined' || typeof indexedDB === 'undefined') return;
    this.restored = readSessionRescue(this.dbName);
    this.rescue = new UnloadRescue(options.dbName, () => this.writeAhead());
    this.rescue.prepare();
    // pagehide covers navigations and bfcache; a hidden tab may be discarded on mobile without a pagehide.
    window.addEventListener('pagehide', this.onHide);
    document.addEventListener('visibilitychange', this.onHide);
  }

  /** Gives the event its dedupe key and holds it until confirmed. */
  keyed(event: StoredEvent): StoredEvent {
    const keyed = { ...event, dedupeKey: `${this.pageKey}:${++this.counter}` };
    if (this.disposed) return keyed;
    this.unconfirmed.add(keyed);
    if (!this.rescue) return keyed;
    this.rescue.prepare();
    if (this.options.workerStarting ? this.options.workerStarting() : !this.workerStoring) {
      // Issued in the same task as track(): a click's write is on its way before the navigation it starts.
      this.ahead.push(keyed);
      if (!this.aheadScheduled) {
        this.aheadScheduled = true;
        queueMicrotask(() => {
          this.aheadScheduled = false;
          this.writeAhead();
        });
      }
    }
    return keyed;
  }

  /** The worker committed these. */
  confirm(batch: readonly StoredEvent[]): void {
    this.workerStoring = true;
    this.ahead = [];
    for (const event of batch) this.unconfirmed.delete(event);
  }

  /** Events not confirmed yet (tests and diagnostics). */
  get size(): number {
    return this.unconfirmed.size;
  }

  /** Restored and written-ahead events, once the connection is open (called again when it opens). */
  private writeAhead(): void {
    const ahead = this.options.workerStarting && !this.options.workerStarting() ? [] : this.ahead;
    const events = [...this.restored, ...ahead];
    if (events.length === 0 || !this.rescue?.ready || !this.options.mayRescue()) return;
    this.ahead = [];
    this.rescue.write(events, () => this.committed(events));
  }

  /** `events` are in the rescue store: durable whatever happens to the worker, merged into `events` on open. */
  private committed(events: readonly StoredEvent[]): void {
    for (const event of events) this.unconfirmed.delete(event);
    const done = new Set(events);
    this.restored = this.restored.filter((e) => !done.has(e));
    // The sessionStorage copy is only needed while some event is neither confirmed nor committed here.
    if (this.restored.length === 0 && this.unconfirmed.size === 0) clearSessionRescue(this.dbName);
  }

  /** forget(): nothing unconfirmed may be written later, and the page lets go of the database it is deleting. */
  clear(): void {
    this.unconfirmed.clear();
    this.restored = [];
    this.ahead = [];
    clearSessionRescue(this.dbName);
    this.rescue?.close();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
    if (typeof window === 'undefined') return;
    window.removeEventListener('pagehide', this.onHide);
    document.removeEventListener('visibilitychange', this.onHide);
  }
}
