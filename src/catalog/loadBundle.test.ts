import { describe, expect, it } from 'vitest';
import { writeBundleFiles } from './writeBundle.js';
import { loadBundle } from './loadBundle.js';
import { memoryBundleCache } from './bundleCache.js';
import { CORRUPTIONS, MANIFEST_URL, fileOf, readManifest, sampleBundleInput, serveFiles } from './testing/bundleFixtures.js';
import type { VectorTable } from './catalogModel.js';
import { decodeNeighbourTable, MAX_NEIGHBOUR_CELLS } from './neighbourFile.js';

function vectorRow(table: VectorTable, i: number): number[] {
  return Array.from({ length: table.dim }, (_, d) =>
    table.dtype === 'float32' ? table.values[i * table.dim + d]! : table.codes[i * table.dim + d]! * table.scales[i]!,
  );
}

/** Largest |a - b| over two tables, dequantising int8 ones. */
function maxDifference(a: VectorTable, b: VectorTable): number {
  let max = 0;
  for (let i = 0; i < a.count; i++) {
    const ra = vectorRow(a, i);
    const rb = vectorRow(b, i);
    for (let d = 0; d < a.dim; d++) max = Math.max(max, Math.abs(ra[d]! - rb[d]!));
  }
  return max;
}

describe('loadBundle', () => {
  it('round-trips every section writeBundleFiles wrote', async () => {
    const input = sampleBundleInput();
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles(input)) });
    expect(model.ids).toEqual(input.ids);
    expect(model.attributes[1]).toEqual(input.attributes[1]);
    expect(model.version).toMatch(/^[0-9a-f]{16}$/);
    // int8 with a per-row scale: error at most half a step (max|row| / 254) per component.
    expect(model.cf?.dtype).toBe('int8');
    expect(maxDifference(model.cf!, input.cf!)).toBeLessThanOrEqual(3 / 254 + 1e-6);
    expect(maxDifference(model.content!, input.content!)).toBeLessThanOrEqual(3 / 254 + 1e-6);
    expect(model.cf).toMatchObject({ regularization: 5, confidence: 10, count: 5, dim: 8 });
    expect(model.prototypes).toMatchObject({ minUsers: 50, centroids: { count: 2, dim: 8 } });
    for (const kind of ['cosine', 'pearson', 'learned', 'content'] as const) {
      expect(Array.from(model.neighbours![kind]!.items)).toEqual(Array.from(input.neighbours![kind]!.items));
      expect(Array.from(model.neighbours![kind]!.weights)).toEqual(Array.from(input.neighbours![kind]!.weights));
    }
    expect(Array.from(model.transitions!.items)).toEqual(Array.from(input.transitions!.items));
    expect(Array.from(model.popularity!.counts)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(model.popularity!.decayed)).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(Array.from(model.popularity!.firstSeen)).toEqual(Array.from(input.popularity!.firstSeen));
    expect(model.defaultConfig).toEqual(input.config);
    expect(model.coupons).toEqual(input.coupons);
  });

  it('keeps float32 tables exact when asked to', async () => {
    const input = sampleBundleInput();
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles({ ...input, vectorDtype: 'float32' })) });
    expect(model.cf?.dtype).toBe('float32');
    expect(maxDifference(model.cf!, input.cf!)).toBe(0);
  });

  it('loads a bundle with only the items section', async () => {
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles({ ids: ['x'], attributes: [{}] })) });
    expect(model).toEqual({ version: expect.any(String), ids: ['x'], attributes: [{}] });
  });

  it('writes byte-identical bundles from the same input, with hash-named files', async () => {
    const [a, b] = [await writeBundleFiles(sampleBundleInput()), await writeBundleFiles(sampleBundleInput())];
    expect(a.get('manifest.json')).toEqual(b.get('manifest.json'));
    const manifest = readManifest(a);
    for (const entry of manifest.files) expect(entry.name).toContain(`.${entry.sha256.slice(0, 12)}.`);
    expect(fileOf(a, 'cf')).toMatch(/^cf\.[0-9a-f]{12}\.i8$/);
  });

  it('stores 64-dimension int8 tables in 68 bytes per item', async () => {
    const n = 100;
    const values = Float32Array.from({ length: n * 64 }, (_, p) => Math.cos(p));
    const files = await writeBundleFiles({ ids: Array.from({ length: n }, (_, i) => `i${i}`), attributes: Array.from({ length: n }, () => ({})), cf: { dtype: 'float32', count: n, dim: 64, values, regularization: 1 } });
    expect(files.get(fileOf(files, 'cf'))!.byteLength / n).toBe(68);
  });

  it('refuses to write what the browser would reject', async () => {
    await expect(writeBundleFiles({ ids: ['a', 'a'], attributes: [{}, {}] })).rejects.toMatchObject({ code: 'BUNDLE_DUPLICATE_ID' });
    await expect(writeBundleFiles({ ids: ['__proto__'], attributes: [{}] })).rejects.toMatchObject({ code: 'BUNDLE_INVALID_ID' });
    const input = sampleBundleInput();
    (input.content as Extract<VectorTable, { dtype: 'float32' }>).values[3] = Number.NaN;
    await expect(writeBundleFiles(input)).rejects.toThrow(/non-finite/);
  });

  it('sizes neighbour tables by their longest row and refuses tables past the allocation cap', () => {
    const rows = 400;
    const csr = (longest: number) => {
      const bytes = new Uint8Array(4 * (rows + 1) + 8 * longest);
      const view = new DataView(bytes.buffer);
      for (let r = 1; r <= rows; r++) view.setUint32(4 * r, longest, true); // row 0 holds every entry
      for (let p = 0; p < longest; p++) view.setInt32(4 * (rows + 1) + 4 * p, p % rows, true);
      return bytes;
    };
    const small = decodeNeighbourTable(csr(3), { file: 'x', rows, k: 100_000, entries: 3 }, rows, 'test');
    expect(small.k).toBe(3);
    const longest = Math.floor(MAX_NEIGHBOUR_CELLS / rows) + 1;
    expect(() => decodeNeighbourTable(csr(longest), { file: 'x', rows, k: 100_000, entries: longest }, rows, 'test')).toThrow(/exceed/);
  });

  for (const [what, corrupt, code, vectorDtype] of CORRUPTIONS) {
    it(`rejects ${what} with ${code}`, async () => {
      const files = await writeBundleFiles({ ...sampleBundleInput(), vectorDtype: vectorDtype ?? 'int8' });
      await corrupt(files);
      await expect(loadBundle(MANIFEST_URL, { fetch: serveFiles(files) })).rejects.toMatchObject({ code });
    });
  }
});

describe('loadBundle with a cache', () => {
  it('downloads files once, then only the manifest until the manifest changes', async () => {
    const cache = memoryBundleCache();
    const files = await writeBundleFiles(sampleBundleInput());
    const requests: string[] = [];
    const first = await loadBundle(MANIFEST_URL, { fetch: serveFiles(files, requests), cache });
    expect(requests.length).toBe(files.size);
    requests.length = 0;
    const second = await loadBundle(MANIFEST_URL, { fetch: serveFiles(files, requests), cache });
    expect(requests).toEqual(['manifest.json']);
    expect(second.version).toBe(first.version);

    // A new build that changes only the popularity: only the new popularity file is downloaded.
    const input = sampleBundleInput();
    input.popularity!.counts[0] = 99;
    const next = await writeBundleFiles(input);
    requests.length = 0;
    const third = await loadBundle(MANIFEST_URL, { fetch: serveFiles(next, requests), cache });
    expect(requests.sort()).toEqual(['manifest.json', fileOf(next, 'popularity')].sort());
    expect(third.popularity!.counts[0]).toBe(99);
    // The old popularity file left the cache; the current one is there.
    expect([...cache.entries.keys()].some((k) => k.includes(fileOf(files, 'popularity')))).toBe(false);
    expect(cache.entries.size).toBe(next.size - 1);
  });

  it('re-downloads a cached file whose bytes no longer match', async () => {
    const cache = memoryBundleCache();
    const files = await writeBundleFiles(sampleBundleInput());
    await loadBundle(MANIFEST_URL, { fetch: serveFiles(files), cache });
    const key = [...cache.entries.keys()].find((k) => k.includes(fileOf(files, 'cf')))!;
    cache.entries.get(key)![10]! ^= 0xff;
    const sources = new Map<string, string>();
    await loadBundle(MANIFEST_URL, { fetch: serveFiles(files), cache, onFile: (name, source) => sources.set(name, source) });
    expect(sources.get(fileOf(files, 'cf'))).toBe('network');
    expect(sources.get(fileOf(files, 'items'))).toBe('cache');
  });

  it('still loads when the cache throws', async () => {
    const failing = { get: () => Promise.reject(new Error('quota')), put: () => Promise.reject(new Error('quota')), prune: () => Promise.reject(new Error('quota')) };
    const model = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles(sampleBundleInput())), cache: failing });
    expect(model.ids.length).toBe(5);
  });
});
