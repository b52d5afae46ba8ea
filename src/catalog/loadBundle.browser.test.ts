import { afterEach, describe, expect, it } from 'vitest';
import { writeBundleFiles } from './writeBundle.js';
import { loadBundle } from './loadBundle.js';
import { cacheStorageBundleCache } from './bundleCache.js';
import { CORRUPTIONS, fileOf, sampleBundleInput, serveFiles } from './testing/bundleFixtures.js';

/**
 * The same verification as the node tests, in real Chromium: Web Crypto SHA-256, the fatal UTF-8 decoder,
 * typed-array reads of the binary files, and the Cache API the worker uses between visits.
 */
const MANIFEST_URL = new URL('/reshelf-test-bundle/manifest.json', location.href).href;
const CACHE_NAME = 'reshelf-bundle-test';

afterEach(async () => {
  await caches.delete(CACHE_NAME);
});

describe('loadBundle in Chromium', () => {
  it('loads and decodes every section', async () => {
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles(sampleBundleInput())) });
    expect(model.ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(model.cf).toMatchObject({ dtype: 'int8', count: 5, dim: 8 });
    expect(Number.isNaN(model.popularity!.firstSeen[2])).toBe(true);
    expect(model.neighbours?.learned?.k).toBe(3);
  });

  for (const [what, corrupt, code, vectorDtype] of CORRUPTIONS) {
    it(`rejects ${what} with ${code}`, async () => {
      const files = await writeBundleFiles({ ...sampleBundleInput(), vectorDtype: vectorDtype ?? 'int8' });
      await corrupt(files);
      await expect(loadBundle(MANIFEST_URL, { fetch: serveFiles(files) })).rejects.toMatchObject({ code });
    });
  }

  it('caches verified files in the Cache API and refetches only what a new manifest changed', async () => {
    const cache = cacheStorageBundleCache(CACHE_NAME)!;
    expect(cache).toBeDefined();
    const files = await writeBundleFiles(sampleBundleInput());
    const requests: string[] = [];
    await loadBundle(MANIFEST_URL, { fetch: serveFiles(files, requests), cache });
    expect(requests.length).toBe(files.size);

    requests.length = 0;
    await loadBundle(MANIFEST_URL, { fetch: serveFiles(files, requests), cache });
    expect(requests).toEqual(['manifest.json']);

    const input = sampleBundleInput();
    input.popularity!.counts[4] = 42;
    const next = await writeBundleFiles(input);
    requests.length = 0;
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(next, requests), cache });
    expect(requests.sort()).toEqual(['manifest.json', fileOf(next, 'popularity')].sort());
    expect(model.popularity!.counts[4]).toBe(42);
    // The replaced file was pruned: the cache holds exactly the current bundle's files.
    const stored = await (await caches.open(CACHE_NAME)).keys();
    expect(stored.length).toBe(next.size - 1);
    expect(stored.some((r) => r.url.includes(fileOf(files, 'popularity')))).toBe(false);
  });

  it('does not use a cached file that was tampered with', async () => {
    const cache = cacheStorageBundleCache(CACHE_NAME)!;
    const files = await writeBundleFiles(sampleBundleInput());
    await loadBundle(MANIFEST_URL, { fetch: serveFiles(files), cache });
    const storage = await caches.open(CACHE_NAME);
    const key = (await storage.keys()).find((r) => r.url.includes(fileOf(files, 'cf')))!;
    await storage.put(key, new Response(new Uint8Array(60)));
    const sources = new Map<string, string>();
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(files), cache, onFile: (name, source) => sources.set(name, source) });
    expect(sources.get(fileOf(files, 'cf'))).toBe('network');
    expect(model.cf!.dtype === 'int8' && model.cf!.scales.some((s) => s > 0)).toBe(true);
  });
});
