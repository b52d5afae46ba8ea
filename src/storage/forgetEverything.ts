import { deleteDB } from 'idb';

/** forget() waits this long for other tabs to let go of the database (they close on `versionchange`). */
export const DELETE_TIMEOUT_MS = 3_000;

/** Prefix of every Cache Storage cache reshelf creates (e.g. the verified bundle files). */
export const CACHE_PREFIX = 'reshelf';

/**
 * Deletes the database itself, not only its records, so not even an empty database says reshelf was used.
 * Resolves false when another connection kept it open past the timeout (callers empty it first).
 */
export async function deleteReshelfDatabase(name: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deleted = await Promise.race([
    deleteDB(name).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DELETE_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  return deleted;
}

/**
 * Deletes reshelf's Cache Storage caches. They hold only the public bundle, the same bytes for everyone, but
 * forget() means nothing at all is left. Returns how many caches were deleted.
 */
export async function deleteReshelfCaches(): Promise<number> {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (!storage) return 0;
  try {
    const names = (await storage.keys()).filter((name) => name.startsWith(CACHE_PREFIX));
    await Promise.all(names.map((name) => storage.delete(name)));
    return names.length;
  } catch {
    return 0; // No Cache Storage here (opaque origin, storage blocked): nothing was cached either.
  }
}
