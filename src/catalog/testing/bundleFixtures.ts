/**
 * Shared by the node and the real-browser bundle tests: a small bundle with every section, a fetch that serves
 * a file map, and the corruptions the loader must reject, each with the code it must reject them with.
 */
import type { BundleInput } from '../writeBundle.js';
import type { BundleErrorCode } from '../bundleError.js';
import { sha256Hex } from '../sha256.js';

export const MANIFEST_URL = 'https://shop.example/reshelf/manifest.json';

/** 5 items, 8-dim vectors, every section filled with known values. */
export function sampleBundleInput(ids = ['a', 'b', 'c', 'd', 'e']): BundleInput {
  const n = ids.length;
  const dim = 8;
  const table = (seed: number) => {
    const values = new Float32Array(n * dim);
    for (let p = 0; p < values.length; p++) values[p] = Math.sin(seed * 7.3 + p * 1.7) * (1 + (p % 3));
    return { dtype: 'float32' as const, count: n, dim, values };
  };
  const neighbours = (shift: number) => {
    const k = 3;
    const items = new Int32Array(n * k).fill(-1);
    const weights = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      // Row i has i % 4 neighbours (0..3), so padding and empty rows both occur.
      for (let p = 0; p < Math.min(i % 4, k); p++) {
        items[i * k + p] = (i + p + shift) % n;
        weights[i * k + p] = 1 / (p + 1);
      }
    }
    return { k, items, weights };
  };
  return {
    ids,
    attributes: ids.map((id, i) => ({ title: `Item ${id}`, brand: i % 2 ? 'Acme' : 'Zed', category: ['x', `y${i % 2}`], price: 10 + i, extra: { colour: 'red' } })),
    content: table(1),
    cf: { ...table(2), regularization: 5, confidence: 10 },
    neighbours: { cosine: neighbours(1), pearson: neighbours(2), learned: neighbours(3), content: neighbours(5) },
    transitions: neighbours(4),
    popularity: {
      counts: Float32Array.from(ids, (_, i) => i + 1),
      decayed: Float32Array.from(ids, (_, i) => (i + 1) / 2),
      firstSeen: Float64Array.from(ids, (_, i) => (i === 2 ? Number.NaN : Date.UTC(2026, 0, i + 1))),
      halfLifeDays: 14,
      decayedTo: Date.UTC(2026, 1, 1),
    },
    prototypes: { centroids: { dtype: 'float32', count: 2, dim, values: table(3).values.slice(0, 2 * dim) }, minUsers: 50 },
    coupons: [{ id: 'c1', title: '10% off Acme', shops: ['Acme'], categories: [], minSpend: 0, percentOff: 10, validFrom: Date.UTC(2026, 0, 1), validUntil: Date.UTC(2027, 0, 1) }],
    config: { method: 'weighted', weights: { cf: 1, pop: 0.2 } },
    build: { source: 'test fixture' },
  };
}

/** A fetch that serves `files` by last path segment and counts requests per file name. */
export function serveFiles(files: Map<string, Uint8Array>, requests: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const name = new URL(input instanceof Request ? input.url : String(input)).pathname.split('/').pop() as string;
    requests.push(name);
    const bytes = files.get(name);
    return bytes ? new Response(bytes.slice() as Uint8Array<ArrayBuffer>) : new Response('missing', { status: 404 });
  }) as typeof fetch;
}

type Manifest = {
  files: { name: string; bytes: number; sha256: string }[];
  sections: Record<string, Record<string, unknown>> & { neighbours: Record<string, Record<string, unknown>> };
  [key: string]: unknown;
};

export function readManifest(files: Map<string, Uint8Array>): Manifest {
  return JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Manifest;
}

export function writeManifest(files: Map<string, Uint8Array>, manifest: unknown): void {
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
}

/** Name of the file behind a section path such as `cf` or `neighbours.cosine`. */
export function fileOf(files: Map<string, Uint8Array>, section: string): string {
  const s = readManifest(files).sections;
  const [a, b] = section.split('.') as [string, string | undefined];
  return (b ? s.neighbours[b]!.file : s[a]!.file) as string;
}

/** Rewrites one file and fixes the manifest's size and hash, so only the content checks can catch it. */
export async function replaceVerified(files: Map<string, Uint8Array>, section: string, edit: (bytes: Uint8Array) => Uint8Array): Promise<void> {
  const name = fileOf(files, section);
  const bytes = edit((files.get(name) as Uint8Array).slice());
  const manifest = readManifest(files);
  const entry = manifest.files.find((f) => f.name === name)!;
  entry.bytes = bytes.byteLength;
  entry.sha256 = await sha256Hex(bytes);
  files.set(name, bytes);
  writeManifest(files, manifest);
}

/** Writes one float32 at byte `offset` (little-endian). */
function setFloat32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setFloat32(offset, value, true);
  return bytes;
}

function setInt32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setInt32(offset, value, true);
  return bytes;
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const N = 5;

/** The bundle to corrupt is written with `vectorDtype` (int8 unless the case says float32). */
export type Corruption = [what: string, corrupt: (files: Map<string, Uint8Array>) => Promise<void> | void, code: BundleErrorCode, vectorDtype?: 'int8' | 'float32'];

/** Every rejection the loader promises, one or more cases per stable code. */
export const CORRUPTIONS: Corruption[] = [
  ['a missing file', (f) => void f.delete(fileOf(f, 'items')), 'BUNDLE_FETCH_FAILED'],
  ['a missing manifest', (f) => void f.delete('manifest.json'), 'BUNDLE_FETCH_FAILED'],
  ['a manifest that is not JSON', (f) => void f.set('manifest.json', new TextEncoder().encode('{nope')), 'BUNDLE_MANIFEST_INVALID'],
  ['a manifest over 1 MiB', (f) => void f.set('manifest.json', new Uint8Array((1 << 20) + 1).fill(32)), 'BUNDLE_MANIFEST_INVALID'],
  ['a path in a file name', (f) => { const m = readManifest(f); m.files[0]!.name = '../secret'; writeManifest(f, m); }, 'BUNDLE_MANIFEST_INVALID'],
  ['a negative dimension', (f) => { const m = readManifest(f); m.sections.cf!.dim = -8; writeManifest(f, m); }, 'BUNDLE_MANIFEST_INVALID'],
  ['an unknown dtype', (f) => { const m = readManifest(f); m.sections.content!.dtype = 'float16'; writeManifest(f, m); }, 'BUNDLE_MANIFEST_INVALID'],
  ['a future version', (f) => writeManifest(f, { format: 'reshelf-bundle', version: 99 }), 'BUNDLE_UNSUPPORTED_VERSION'],
  ['a section naming an unlisted file', (f) => { const m = readManifest(f); m.sections.cf!.file = 'cf.other.i8'; writeManifest(f, m); }, 'BUNDLE_FILE_MISSING'],
  ['a truncated file', (f) => { const name = fileOf(f, 'cf'); f.set(name, f.get(name)!.slice(0, 17)); }, 'BUNDLE_SIZE_MISMATCH'],
  ['a file with bytes appended', (f) => { const name = fileOf(f, 'popularity'); f.set(name, new Uint8Array([...f.get(name)!, 0])); }, 'BUNDLE_SIZE_MISMATCH'],
  ['a changed byte', (f) => { const name = fileOf(f, 'items'); const b = f.get(name)!.slice(); b[3] = 65; f.set(name, b); }, 'BUNDLE_HASH_MISMATCH'],
  ['cf vectors of the wrong dimension', (f) => { const m = readManifest(f); m.sections.cf!.dim = 7; delete m.sections.prototypes; writeManifest(f, m); }, 'BUNDLE_SHAPE_MISMATCH'],
  ['prototypes of another dimension than cf', (f) => { const m = readManifest(f); m.sections.prototypes!.dim = 4; m.sections.prototypes!.rows = 4; writeManifest(f, m); }, 'BUNDLE_SHAPE_MISMATCH'],
  ['a vector table with a row too many', (f) => { const m = readManifest(f); m.sections.content!.rows = N + 1; writeManifest(f, m); }, 'BUNDLE_SHAPE_MISMATCH'],
  ['a truncated vector file (hash fixed)', (f) => replaceVerified(f, 'content', (b) => b.slice(0, b.byteLength - 1)), 'BUNDLE_SHAPE_MISMATCH'],
  ['a truncated neighbour file (hash fixed)', (f) => replaceVerified(f, 'neighbours.cosine', (b) => b.slice(0, b.byteLength - 4)), 'BUNDLE_SHAPE_MISMATCH'],
  ['a neighbour row longer than k', (f) => { const m = readManifest(f); m.sections.neighbours.cosine!.k = 1; writeManifest(f, m); }, 'BUNDLE_SHAPE_MISMATCH'],
  ['a neighbour k beyond the limit', (f) => { const m = readManifest(f); m.sections.neighbours.cosine!.k = 10_000_000; writeManifest(f, m); }, 'BUNDLE_MANIFEST_INVALID'],
  ['neighbour offsets out of order', (f) => replaceVerified(f, 'transitions', (b) => setInt32(b, 4, 9)), 'BUNDLE_SHAPE_MISMATCH'],
  ['items that are not JSON', (f) => replaceVerified(f, 'items', () => new TextEncoder().encode('[')), 'BUNDLE_SHAPE_MISMATCH'],
  ['fewer ids than items', (f) => replaceVerified(f, 'items', () => encode({ ids: ['a'], attributes: [{}] })), 'BUNDLE_SHAPE_MISMATCH'],
  ['a coupon without a discount', (f) => replaceVerified(f, 'coupons', () => encode({ coupons: [{ id: 'c1', shops: [], categories: [], minSpend: 0, validFrom: 0, validUntil: 1 }] })), 'BUNDLE_SHAPE_MISMATCH'],
  ['a config that is not an object', (f) => replaceVerified(f, 'config', () => encode([1, 2])), 'BUNDLE_SHAPE_MISMATCH'],
  ['NaN in an int8 scale', (f) => replaceVerified(f, 'cf', (b) => setFloat32(b, 4, Number.NaN)), 'BUNDLE_NON_FINITE'],
  ['Infinity in an int8 scale', (f) => replaceVerified(f, 'prototypes', (b) => setFloat32(b, 0, Infinity)), 'BUNDLE_NON_FINITE'],
  ['Infinity in a float32 table', (f) => replaceVerified(f, 'content', (b) => setFloat32(b, 12, Infinity)), 'BUNDLE_NON_FINITE', 'float32'],
  ['NaN in a neighbour weight', (f) => replaceVerified(f, 'neighbours.learned', (b) => setFloat32(b, b.byteLength - 4, Number.NaN)), 'BUNDLE_NON_FINITE'],
  ['NaN in a popularity count', (f) => replaceVerified(f, 'popularity', (b) => setFloat32(b, N * 8 + 4, Number.NaN)), 'BUNDLE_NON_FINITE'],
  ['Infinity as a first-seen time', (f) => replaceVerified(f, 'popularity', (b) => { new DataView(b.buffer).setFloat64(0, Infinity, true); return b; }), 'BUNDLE_NON_FINITE'],
  ['a negative scale', (f) => replaceVerified(f, 'content', (b) => setFloat32(b, 0, -1)), 'BUNDLE_VALUE_OUT_OF_RANGE'],
  ['a negative popularity count', (f) => replaceVerified(f, 'popularity', (b) => setFloat32(b, N * 8, -3)), 'BUNDLE_VALUE_OUT_OF_RANGE'],
  ['a neighbour index outside the catalog', (f) => replaceVerified(f, 'neighbours.pearson', (b) => setInt32(b, 4 * (N + 1), N)), 'BUNDLE_VALUE_OUT_OF_RANGE'],
  ['a negative neighbour index', (f) => replaceVerified(f, 'transitions', (b) => setInt32(b, 4 * (N + 1), -1)), 'BUNDLE_VALUE_OUT_OF_RANGE'],
  ['a duplicate id', (f) => replaceVerified(f, 'items', () => encode({ ids: ['a', 'b', 'a', 'd', 'e'], attributes: [{}, {}, {}, {}, {}] })), 'BUNDLE_DUPLICATE_ID'],
  ['a __proto__ id', (f) => replaceVerified(f, 'items', () => encode({ ids: ['a', '__proto__', 'c', 'd', 'e'], attributes: [{}, {}, {}, {}, {}] })), 'BUNDLE_INVALID_ID'],
  ['an empty id', (f) => replaceVerified(f, 'items', () => encode({ ids: ['a', '', 'c', 'd', 'e'], attributes: [{}, {}, {}, {}, {}] })), 'BUNDLE_INVALID_ID'],
  ['a numeric id', (f) => replaceVerified(f, 'items', () => encode({ ids: ['a', 7, 'c', 'd', 'e'], attributes: [{}, {}, {}, {}, {}] })), 'BUNDLE_INVALID_ID'],
];
