import { BundleError } from './bundleError.js';
import { MAX_MANIFEST_BYTES, validateManifest } from './validateManifest.js';
import { decodeSections } from './decodeSections.js';
import { sha256Hex } from './sha256.js';
import type { CatalogModel } from './catalogModel.js';

export interface LoadBundleOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

async function fetchBytes(url: URL, fetcher: typeof fetch, signal: AbortSignal | undefined, limit?: number): Promise<Uint8Array> {
  let response: Response;
  try {
    // credentials: 'omit' — a bundle is public and identical for everyone; never send cookies with it.
    response = await fetcher(url, { credentials: 'omit', ...(signal ? { signal } : {}) });
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

/**
 * Downloads a bundle from its manifest URL and verifies every file's size and SHA-256 before decoding.
 * Rejects with a BundleError whose `code` says what was wrong; never returns a partly valid catalog.
 */
export async function loadBundle(manifestUrl: string | URL, options: LoadBundleOptions = {}): Promise<CatalogModel> {
  const fetcher = options.fetch ?? fetch.bind(globalThis);
  const base = new URL(manifestUrl, globalThis.location?.href);
  const manifestBytes = await fetchBytes(base, fetcher, options.signal, MAX_MANIFEST_BYTES);
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
      const bytes = await fetchBytes(new URL(entry.name, base), fetcher, options.signal);
      if (bytes.byteLength !== entry.bytes) {
        throw new BundleError('BUNDLE_SIZE_MISMATCH', `${entry.name}: manifest says ${entry.bytes} bytes, got ${bytes.byteLength}`);
      }
      if ((await sha256Hex(bytes)) !== entry.sha256) throw new BundleError('BUNDLE_HASH_MISMATCH', `${entry.name}: SHA-256 differs from the manifest`);
      files.set(entry.name, bytes);
    }),
  );
  const version = (await sha256Hex(manifestBytes)).slice(0, 16);
  return decodeSections(manifest, files, version);
}
