import { unwrap } from 'idb';
import type { StoredEvent } from '../api/events.js';
import { openReshelfDb } from './openReshelfDb.js';
import { DB_NAME } from './schema.js';

/**
 * The page's own write path into IndexedDB. Events go to the worker, which stores them; but a navigation can end
 * the page (and its worker) before the worker's transaction commits, and events tracked before the worker is
 * ready only exist in the page. So the page writes events the worker has not confirmed into the `rescue` store
 * itself: as they are tracked while the worker is not storing yet, and on `pagehide` (and when the tab is hidden)
 * for whatever is still unconfirmed. Every request is issued synchronously over a connection opened ahead of
 * time and committed explicitly. A write started inside `pagehide` can still lose the race with the document's
 * teardown (see sessionRescue.ts, which covers it); one started when the event is tracked had committed in every
 * measured run. `put` by dedupe identity cannot fail on a duplicate; the worker merges `rescue` into `events`
 * on open (and before an export), where the unique index stores each event once whichever path wrote it first.
 */
export class UnloadRescue {
  private db: IDBDatabase | undefined;
  private opening = false;

  /** `onReady` runs each time a connection has opened (writes that waited for it can go now). */
  constructor(
    private readonly name: string = DB_NAME,
    private readonly onReady: () => void = () => {},
  ) {}

  /** Opens the connection if it is not open (cheap when it is). Call on activity, never from an unload handler. */
  prepare(): void {
    if (this.db || this.opening) return;
    this.opening = true;
    openReshelfDb(this.name, { onClose: () => (this.db = undefined) }).then(
      (db) => {
        this.opening = false;
        this.db = unwrap(db);
        this.onReady();
      },
      () => {
        // No IndexedDB for the page either: the worker reports memory mode; there is nothing to rescue into.
        this.opening = false;
      },
    );
  }

  /**
   * Writes `events` now, best effort; returns false when no connection was ready. Safe inside `pagehide`.
   * `onCommitted` runs if the transaction commits while the page is still alive to hear it.
   */
  write(events: readonly StoredEvent[], onCommitted?: () => void): boolean {
    if (!this.db || events.length === 0) return false;
    try {
      const tx = this.db.transaction('rescue', 'readwrite');
      const store = tx.objectStore('rescue');
      for (const { seq: _seq, ...event } of events) store.put(event);
      if (onCommitted) tx.oncomplete = onCommitted;
      // Ask for the commit now rather than when this task ends: the page may not get another task.
      tx.commit?.();
      return true;
    } catch {
      return false;
    }
  }

  /** True when a connection is open (writes can be issued now). */
  get ready(): boolean {
    return this.db !== undefined;
  }

  /** Lets go of the database (forget() deletes it; close()). `prepare()` reopens it. */
  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
