import { normaliseEvent, type StoredEvent } from '../api/events.js';

/**
 * The synchronous half of the unload rescue: `sessionStorage`, written inside `pagehide`, read back by the next
 * reshelf page of the same tab, which moves the events into IndexedDB and removes the entry.
 *
 * Why it exists: an IndexedDB transaction started in `pagehide` races the document's teardown, which closes the
 * page's connection and aborts what the database has not committed yet. Measured in Chromium 150 with a bare
 * page (no reshelf, no worker): the pagehide write of the first navigation of a tab never committed in 8 of 45
 * runs (5 of 30 with a new database, 3 of 15 with an existing one), although the connection was open and
 * `commit()` had been called; a `sessionStorage.setItem` made in the same handler reached the next page in every
 * run. Web Storage completes inside the call, so nothing is left to race. Writing as events are tracked (the
 * journal's write-ahead) avoids the race too, but needs an open connection, which a page leaving within its first
 * milliseconds does not have yet: without this file the e2e scenario that tracks and navigates in the task that
 * starts reshelf lost 6 of 108 events.
 *
 * Privacy: the entry holds only the events that were in flight (type, item id, time, value and the
 * timestamp-derived dedupe key already stored in IndexedDB): no identifier, nothing sent anywhere. It is scoped
 * to this tab and origin, disappears with the tab, is removed as soon as the events are in IndexedDB, and by
 * `forget()`. Only pages that use IndexedDB history write it (never with `storage: 'memory'`).
 */

/** Web Storage key of the entry; one per database name, so two reshelf databases on one origin stay apart. */
export function sessionRescueKey(dbName: string): string {
  return `reshelf-unload:${dbName}`;
}

/** More than any page tracks between two worker confirmations; bounds what a hostile entry can make us parse. */
const MAX_EVENTS = 5_000;
const DEDUPE_KEY = /^\d+(\.\d+)?:\d+$/;

function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    // Access throws (SecurityError) where the page's storage is blocked.
    return undefined;
  }
}

const identity = (e: StoredEvent): string => `${e.dedupeKey}|${e.itemId}|${e.time}|${e.type}`;

/** Events a previous page of this tab left (validated: anything malformed in the entry is ignored). */
export function readSessionRescue(dbName: string): StoredEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage()?.getItem(sessionRescueKey(dbName)) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const events: StoredEvent[] = [];
  for (const candidate of parsed.slice(0, MAX_EVENTS)) {
    const result = normaliseEvent(candidate, Number.NaN);
    const dedupeKey = (candidate as { dedupeKey?: unknown } | null)?.dedupeKey;
    if ('error' in result || typeof dedupeKey !== 'string' || !DEDUPE_KEY.test(dedupeKey)) continue;
    events.push({ ...result.event, dedupeKey });
  }
  return events;
}

/**
 * Saves `events` (added to what the entry holds: two reshelf instances of one page share it). Synchronous, for
 * `pagehide`. Returns false when Web Storage is unavailable or full; the IndexedDB rescue still runs.
 */
export function writeSessionRescue(dbName: string, events: readonly StoredEvent[]): boolean {
  const store = storage();
  if (!store || events.length === 0) return false;
  const merged = new Map(readSessionRescue(dbName).map((e) => [identity(e), e]));
  for (const { seq: _seq, ...event } of events) merged.set(identity(event), event);
  try {
    store.setItem(sessionRescueKey(dbName), JSON.stringify([...merged.values()].slice(-MAX_EVENTS)));
    return true;
  } catch {
    return false;
  }
}

/** Removes the entry (its events are in IndexedDB, or forget()). */
export function clearSessionRescue(dbName: string): void {
  try {
    storage()?.removeItem(sessionRescueKey(dbName));
  } catch {
    // Nothing was stored where storage is blocked.
  }
}
