/**
 * The part of `idb` the page itself uses (storage/openReshelfDb.ts, unloadRescue.ts, forgetEverything.ts:
 * open with upgrade (without idb's trailing event argument)/blocking/terminated callbacks (no `blocked`: nothing
 * here passes it), delete, unwrap), over the raw IndexedDB API, for the
 * script-tag build only (vite.config.ts, mode `embed`, aliases `idb` to this file). The page only opens the
 * database ahead of an unload and writes raw requests through `unwrap`; the worker, which does the real
 * storage work, keeps using `idb`. This keeps the main-thread loader inside its 8 KB budget.
 * Contract: `openDB` resolves with the raw IDBDatabase (what `unwrap` of idb's wrapper would give).
 */
interface OpenCallbacks {
  upgrade?(db: IDBDatabase, oldVersion: number, newVersion: number | null, transaction: IDBTransaction): void;
  blocking?(currentVersion: number, blockedVersion: number | null, event: IDBVersionChangeEvent): void;
  terminated?(): void;
}

function settle<T>(request: IDBRequest<T> | IDBOpenDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

/** idb's `openDB`, answering the raw database. */
export function openDB(name: string, version: number, callbacks: OpenCallbacks = {}): Promise<IDBDatabase> {
  const request = indexedDB.open(name, version);
  request.onupgradeneeded = (event) => callbacks.upgrade?.(request.result, event.oldVersion, event.newVersion, request.transaction as IDBTransaction);
  return settle(request).then((db) => {
    db.onversionchange = (event) => callbacks.blocking?.(event.oldVersion, event.newVersion, event);
    db.onclose = () => callbacks.terminated?.();
    return db;
  });
}

/** idb's `deleteDB`. */
export function deleteDB(name: string): Promise<void> {
  return settle(indexedDB.deleteDatabase(name)).then(() => undefined);
}

/** idb's `unwrap`: the values here are never wrapped. */
export function unwrap<T>(value: T): T {
  return value;
}
