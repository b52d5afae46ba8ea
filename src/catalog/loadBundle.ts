import { BundleError } from './bundleError.js';
import type { BundleCache } from './bundleCache.js';
import type { BundleFileEntry } from './bundleManifest.js';
import { MAX_MANIFEST_BYTES, validateManifest } from './validateManifest.js';
import { decodeSections } from './decodeSections.js';
import { sha256Hex } from './sha256.js';
import type { CatalogModel } from './catalogModel.js';

export interface LoadBundleOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Keeps verified files between visits (see BundleCache); without it every load downloads every file. */
  cache?: BundleCache;
  /** Told where each file came from; for diagnostics and tests. */
  onFile?: (name: string, source: 'network' | 'cache') => void;
}

async function fetchBytes(url: URL, fetcher: typeof fetch, signal: AbortSignal | undefined, init: RequestInit, limit?: number): Promise<Uint8Array> {
  let response: Response;
  try {
    // credentials: 'omit' — a bundle is public and identical for everyone; never send cookies with it.
    response = await fetcher(url, { credentials: 'omit', ...init, ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new BundleError('BUNDLE_FETCH_FAILED', `${url.pathname}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new BundleError('BUNDLE_FETCH_FAILED', `${url.pathname}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (limit !== undefined && bytes.byteLength > limit) {
    throw new BundleError('BUNDLE_MANIFEST_INVALID', `${url.pathname} is ${bytes.byteLength} bytes, more than ${limit}`);
  }
  return bytes;
}

async function verify(entry: BundleFileEntry, bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength !== entry.bytes) {
    throw new BundleError('BUNDLE_SIZE_MISMATCH', `${entry.name}: manifest says ${entry.bytes} bytes, got ${bytes.byteLength}`);
  }
  if ((await sha256Hex(bytes)) !== entry.sha256) throw new BundleError('BUNDLE_HASH_MISMATCH', `${entry.name}: SHA-256 differs from the manifest`);
}

/** A cache failure (quota, storage cleared, private mode) must never fail a load: treat it as a miss. */
async function quietly<T>(work: (() => Promise<T>) | undefined): Promise<T | undefined> {
  try {
    return await work?.();
  } catch {
    return undefined;
  }
}

/**
 * Downloads a bundle from its manifest URL and verifies every file's size and SHA-256, then every section's
 * shape and values, before returning the catalog. The manifest is always revalidated with the server; the
 * other files come from `options.cache` when the manifest lists the same hash (re-verified there too).
 * Rejects with a BundleError whose `code` says what was wrong; never returns a partly valid catalog.
 */
export async function loadBundle(manifestUrl: string | URL, options: LoadBundleOptions = {}): Promise<CatalogModel> {
  const fetcher = options.fetch ?? fetch.bind(globalThis);
  const { cache, signal } = options;
  const base = new URL(manifestUrl, globalThis.location?.href);
  const manifestBytes = await fetchBytes(base, fetcher, signal, { cache: 'no-cache' }, MAX_MANIFEST_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    throw new BundleError('BUNDLE_MANIFEST_INVALID', 'manifest.json is not valid JSON');
  }
  const manifest = validateManifest(json);
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    manifest.files.map(async (entry) => {
      const url = new URL(entry.name, base).href;
      const cached = await quietly(cache && (() => cache.get(url, entry.sha256)));
      if (cached) {
        const valid = await verify(entry, cached).then(
          () => true,
          () => false,
        );
        if (valid) {
          files.set(entry.name, cached);
          options.onFile?.(entry.name, 'cache');
          return;
        }
      }
      const bytes = await fetchBytes(new URL(url), fetcher, signal, {});
      await verify(entry, bytes);
      files.set(entry.name, bytes);
      options.onFile?.(entry.name, 'network');
      await quietly(cache && (() => cache.put(url, entry.sha256, bytes)));
    }),
  );
  const version = (await sha256Hex(manifestBytes)).slice(0, 16);
  const model = decodeSections(manifest, files, version);
  // Only a bundle that decoded completely replaces the previous one in the cache.
  const keep = new Map(manifest.files.map((entry) => [new URL(entry.name, base).href, entry.sha256]));
  await quietly(cache && (() => cache.prune(base.href, keep)));
  return model;
}
