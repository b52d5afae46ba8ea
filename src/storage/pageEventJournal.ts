import type { StoredEvent } from '../api/events.js';
import { UnloadRescue } from './unloadRescue.js';

export interface PageEventJournalOptions {
  /** IndexedDB database name (default "reshelf"). */
  dbName?: string;
  /** False where history is not durable anyway (storage: 'memory', no window): then only keys are assigned. */
  durable: boolean;
  /** Asked at unload time: may the page still write (not after close(), consent withdrawn or memory mode)? */
  mayRescue: () => boolean;
}

/**
 * The page's record of events the worker has not confirmed as committed. `track()` keys each event here
 * (`<page load time>:<counter>`, the dedupe identity the database stores once); the flush confirms batches
 * when the worker acknowledges them. If the page is hidden or unloaded first, the unconfirmed events are
 * written from the page itself (see UnloadRescue). Without this, a click that starts a navigation is lost
 * whenever it happens before the worker is ready or before its transaction commits.
 */
export class PageEventJournal {
  private readonly unconfirmed = new Set<StoredEvent>();
  private readonly rescue: UnloadRescue | undefined;
  private readonly pageKey = typeof performance !== 'undefined' ? performance.timeOrigin.toFixed(3) : String(Date.now());
  private counter = 0;
  private disposed = false;
  private readonly onHide = (event: Event): void => {
    if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    if (this.unconfirmed.size > 0 && this.options.mayRescue()) this.rescue?.write([...this.unconfirmed]);
  };

  constructor(private readonly options: PageEventJournalOptions) {
    if (!options.durable || typeof window === 'undefined' || typeof indexedDB === 'undefined') return;
    this.rescue = new UnloadRescue(options.dbName);
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
    this.rescue?.prepare();
    return keyed;
  }

  /** The worker committed these. */
  confirm(batch: readonly StoredEvent[]): void {
    for (const event of batch) this.unconfirmed.delete(event);
  }

  /** Events not confirmed yet (tests and diagnostics). */
  get size(): number {
    return this.unconfirmed.size;
  }

  /** forget(): nothing unconfirmed may be written later, and the page lets go of the database it is deleting. */
  clear(): void {
    this.unconfirmed.clear();
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
