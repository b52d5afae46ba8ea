import { unwrap } from 'idb';
import type { StoredEvent } from '../api/events.js';
import { openReshelfDb } from './openReshelfDb.js';
import { DB_NAME } from './schema.js';

/**
 * The page's own, last-resort write path. Events go to the worker, which stores them; but a navigation can end
 * the page (and its worker) before the worker's transaction commits, and events tracked before the worker is
 * ready only exist in the page. So on `pagehide` (and when the tab is hidden) the page writes every event the
 * worker has not confirmed yet into the `rescue` store, through a connection opened ahead of time: every
 * request is issued synchronously and committed explicitly, which the browser completes after the document
 * is gone. `put` by dedupe identity cannot fail on a duplicate; the worker merges `rescue` into `events` on
 * open, where the unique index stores each event once whichever path wrote it first.
 */
export class UnloadRescue {
  private db: IDBDatabase | undefined;
  private opening = false;

  constructor(private readonly name: string = DB_NAME) {}

  /** Opens the connection if it is not open (cheap when it is). Call on activity, never from an unload handler. */
  prepare(): void {
    if (this.db || this.opening) return;
    this.opening = true;
    openReshelfDb(this.name, { onClose: () => (this.db = undefined) }).then(
      (db) => {
        this.opening = false;
        this.db = unwrap(db);
      },
      () => {
        // No IndexedDB for the page either: the worker reports memory mode; there is nothing to rescue into.
        this.opening = false;
      },
    );
  }

  /** Writes `events` now, best effort; returns false when no connection was ready. Safe inside `pagehide`. */
  write(events: readonly StoredEvent[]): boolean {
    if (!this.db || events.length === 0) return false;
    try {
      const tx = this.db.transaction('rescue', 'readwrite');
      const store = tx.objectStore('rescue');
      for (const { seq: _seq, ...event } of events) store.put(event);
      // Ask for the commit now rather than when this task ends: the page may not get another task.
      tx.commit?.();
      return true;
    } catch {
      return false;
    }
  }

  /** Lets go of the database (forget() deletes it; close()). `prepare()` reopens it. */
  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
