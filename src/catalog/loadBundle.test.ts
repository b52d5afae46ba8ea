import { describe, expect, it } from 'vitest';
import { writeBundleFiles } from './writeBundle.js';
import { loadBundle } from './loadBundle.js';
import { sha256Hex } from './sha256.js';

const BASE = 'https://shop.example/reshelf/manifest.json';

function serve(files: Map<string, Uint8Array>): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const name = new URL(String(input)).pathname.split('/').pop() as string;
    const bytes = files.get(name);
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('missing', { status: 404 });
  }) as typeof fetch;
}

async function sampleFiles(ids = ['a', 'b', 'c']) {
  return writeBundleFiles({
    ids,
    attributes: ids.map((id) => ({ title: `Item ${id}`, category: ['x'] })),
    popularity: new Float32Array(ids.map((_, i) => i + 1)),
  });
}

/** Rewrites one file and fixes the manifest's size and hash, so only the content check can catch it. */
async function replaceVerified(files: Map<string, Uint8Array>, name: string, bytes: Uint8Array) {
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
  const entry = manifest.files.find((f: { name: string }) => f.name === name);
  entry.bytes = bytes.byteLength;
  entry.sha256 = await sha256Hex(bytes);
  files.set(name, bytes);
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
}

describe('loadBundle', () => {
  it('round-trips what writeBundleFiles wrote', async () => {
    const model = await loadBundle(BASE, { fetch: serve(await sampleFiles()) });
    expect(model.ids).toEqual(['a', 'b', 'c']);
    expect(model.attributes[1]).toEqual({ title: 'Item b', category: ['x'] });
    expect(Array.from(model.popularity?.counts ?? [])).toEqual([1, 2, 3]);
    expect(model.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('writes byte-identical bundles from the same input', async () => {
    const [a, b] = [await sampleFiles(), await sampleFiles()];
    expect(a.get('manifest.json')).toEqual(b.get('manifest.json'));
  });

  const rejections: [string, (files: Map<string, Uint8Array>) => Promise<void> | void, string][] = [
    ['a missing file', (f) => void f.delete('items.json'), 'BUNDLE_FETCH_FAILED'],
    ['a truncated file', (f) => void f.set('popularity.f32', (f.get('popularity.f32') as Uint8Array).slice(0, 5)), 'BUNDLE_SIZE_MISMATCH'],
    ['a changed byte', (f) => { const b = (f.get('items.json') as Uint8Array).slice(); b[3] = 65; f.set('items.json', b); }, 'BUNDLE_HASH_MISMATCH'],
    ['NaN in a vector', (f) => replaceVerified(f, 'popularity.f32', new Uint8Array(new Float32Array([1, Number.NaN, 3]).buffer)), 'BUNDLE_NON_FINITE'],
    ['a wrong length', (f) => replaceVerified(f, 'popularity.f32', new Uint8Array(new Float32Array([1, 2]).buffer)), 'BUNDLE_SHAPE_MISMATCH'],
    ['a duplicate id', (f) => replaceVerified(f, 'items.json', new TextEncoder().encode(JSON.stringify({ ids: ['a', 'a', 'c'], attributes: [{}, {}, {}] }))), 'BUNDLE_DUPLICATE_ID'],
    ['a __proto__ id', (f) => replaceVerified(f, 'items.json', new TextEncoder().encode(JSON.stringify({ ids: ['a', '__proto__', 'c'], attributes: [{}, {}, {}] }))), 'BUNDLE_INVALID_ID'],
    ['a manifest that is not JSON', (f) => void f.set('manifest.json', new TextEncoder().encode('{nope')), 'BUNDLE_MANIFEST_INVALID'],
    ['a future version', (f) => void f.set('manifest.json', new TextEncoder().encode(JSON.stringify({ format: 'reshelf-bundle', version: 99 }))), 'BUNDLE_UNSUPPORTED_VERSION'],
    ['a path in a file name', (f) => { const m = JSON.parse(new TextDecoder().decode(f.get('manifest.json'))); m.files[0].name = '../secret'; f.set('manifest.json', new TextEncoder().encode(JSON.stringify(m))); }, 'BUNDLE_MANIFEST_INVALID'],
  ];
  for (const [what, corrupt, code] of rejections) {
    it(`rejects ${what} with ${code}`, async () => {
      const files = await sampleFiles();
      await corrupt(files);
      await expect(loadBundle(BASE, { fetch: serve(files) })).rejects.toMatchObject({ code });
    });
  }
});
