/**
 * Where verified bundle files are kept between visits. Entries are keyed by file URL and SHA-256, so a file
 * is downloaded again only when a new manifest lists different bytes for it; a changed manifest that keeps a
 * file's hash reuses it. The loader re-verifies every cached file's hash before use: a cache is a hint, never
 * trusted. Every method may fail (quota, private mode, storage cleared): the loader then just downloads.
 */
export interface BundleCache {
  get(url: string, sha256: string): Promise<Uint8Array | undefined>;
  put(url: string, sha256: string, bytes: Uint8Array): Promise<void>;
  /** Drops this bundle's entries that the current manifest no longer lists (`keep` = URL -> SHA-256). */
  prune(manifestUrl: string, keep: ReadonlyMap<string, string>): Promise<void>;
}

const HASH_PARAM = 'reshelf-sha256';

function cacheKey(url: string, sha256: string): string {
  const key = new URL(url);
  key.searchParams.set(HASH_PARAM, sha256);
  return key.href;
}

function directoryOf(url: string): string {
  return new URL('.', url).href;
}

/**
 * The Cache API (window and workers, secure contexts only). Returns undefined where it does not exist
 * (insecure origin, Node without a polyfill). The bundle is public and identical for every shopper, so
 * this cache holds nothing about the shopper.
 */
export function cacheStorageBundleCache(name = 'reshelf-bundle'): BundleCache | undefined {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (!storage) return undefined;
  let opened: Promise<Cache> | undefined;
  const open = () => (opened ??= storage.open(name));
  return {
    async get(url, sha256) {
      const response = await (await open()).match(cacheKey(url, sha256));
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async put(url, sha256, bytes) {
      await (await open()).put(cacheKey(url, sha256), new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/octet-stream' } }));
    },
    async prune(manifestUrl, keep) {
      const cache = await open();
      const directory = directoryOf(manifestUrl);
      for (const request of await cache.keys()) {
        const key = new URL(request.url);
        const sha = key.searchParams.get(HASH_PARAM);
        key.searchParams.delete(HASH_PARAM);
        if (sha !== null && directoryOf(key.href) === directory && keep.get(key.href) !== sha) await cache.delete(request);
      }
    },
  };
}

/** An in-memory cache with the same contract, for tests and for Node. */
export function memoryBundleCache(): BundleCache & { entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    async get(url, sha256) {
      return entries.get(cacheKey(url, sha256))?.slice();
    },
    async put(url, sha256, bytes) {
      entries.set(cacheKey(url, sha256), bytes.slice());
    },
    async prune(manifestUrl, keep) {
      const directory = directoryOf(manifestUrl);
      for (const k of [...entries.keys()]) {
        const key = new URL(k);
        const sha = key.searchParams.get(HASH_PARAM);
        key.searchParams.delete(HASH_PARAM);
        if (directoryOf(key.href) === directory && keep.get(key.href) !== sha) entries.delete(k);
      }
    },
  };
}
