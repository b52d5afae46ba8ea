/**
 * Seeded corruptions of catalog bundles, shared by the node fuzz test (src/catalog/bundle.fuzz.test.ts) and the
 * browser failure-injection specs. Written against the public behaviour only: bundles come from
 * writeBundleFiles, sections are discovered by walking the manifest (anything with a `file`), and each section
 * kind documented in bundleManifest.ts (vector tables, neighbour lists, popularity, JSON) gets the corruptions
 * its layout allows. A section added later, of a kind not known here, still gets every transport-level
 * corruption (truncation, changed bytes, wrong hash, missing file).
 */
import type { BundleErrorCode } from '../../src/catalog/bundleError.js';
import { sha256Hex } from '../../src/catalog/sha256.js';

export type Files = Map<string, Uint8Array>;

/** How the server answers for one file in a case (default: serve the bytes). */
export type Delivery = { file: string; failure: 'missing' | 'server-error' | 'network-error' | 'hang' };

export interface Mutation {
  name: string;
  /** Codes that are a correct rejection; 'load' for bundles that are valid and must load. */
  expect: BundleErrorCode[] | 'load';
  files: Files;
  delivery?: Delivery;
}

/** The builders' mulberry32: small, fast, and the same sequence on every machine. */
export { seededRandom } from '../../src/training/random.js';

export class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)] as T;
  }
  hex(length: number): string {
    return Array.from({ length }, () => '0123456789abcdef'[this.int(0, 15)]).join('');
  }
}

type Json = Record<string, unknown>;
type Section = { path: string; entry: Json; kind: 'vector' | 'neighbours' | 'popularity' | 'items' | 'json' | 'opaque' };

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

export function readManifest(files: Files): Json {
  return JSON.parse(decode(files.get('manifest.json') as Uint8Array)) as Json;
}

function writeManifest(files: Files, manifest: unknown): void {
  files.set('manifest.json', encode(manifest));
}

/** Every section that names a file, with its kind guessed from the fields bundleManifest.ts documents. */
export function sectionsOf(manifest: Json): Section[] {
  const out: Section[] = [];
  const walk = (value: Json, path: string) => {
    if (typeof value.file === 'string') {
      const kind: Section['kind'] =
        path === 'items' ? 'items' : 'dtype' in value ? 'vector' : 'entries' in value && 'k' in value ? 'neighbours' : 'halfLifeDays' in value ? 'popularity' : value.file.endsWith('.json') ? 'json' : 'opaque';
      out.push({ path, entry: value, kind });
      return;
    }
    for (const [key, child] of Object.entries(value)) if (child && typeof child === 'object') walk(child as Json, path ? `${path}.${key}` : key);
  };
  walk(manifest.sections as Json, '');
  return out;
}

function entryAt(manifest: Json, path: string): Json {
  return path.split('.').reduce((node, key) => (node as Json)[key] as Json, manifest.sections as Json);
}

function clone(files: Files): Files {
  return new Map([...files].map(([name, bytes]) => [name, bytes.slice()]));
}

/** Rewrites a file and fixes its size and hash in the manifest, so only the content checks can catch the change. */
async function replaceVerified(files: Files, name: string, bytes: Uint8Array): Promise<void> {
  const manifest = readManifest(files);
  const entry = (manifest.files as Json[]).find((f) => f.name === name) as Json;
  entry.bytes = bytes.byteLength;
  entry.sha256 = await sha256Hex(bytes);
  files.set(name, bytes);
  writeManifest(files, manifest);
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
export const HOSTILE_IDS: readonly unknown[] = ['__proto__', 'constructor', 'prototype', '', 'x'.repeat(257), 7, null, {}, ['a'], true];
const HOSTILE_FILE_NAMES = ['../secret', '/etc/passwd', 'a/b.bin', '', ' items.json', '.hidden', '__proto__', 'https://evil.example/x', '%2e%2e%2fx', 'x'.repeat(200)];

type Make = (files: Files, rng: Rng) => Promise<Omit<Mutation, 'files'> | undefined>;

/** Corruptions of any file, whatever its section: what a broken download, cache or server does. */
const TRANSPORT: Record<string, Make> = {
  'truncated file': async (f, rng) => {
    const name = rng.pick(dataFiles(f));
    const bytes = f.get(name) as Uint8Array;
    f.set(name, bytes.slice(0, rng.int(0, bytes.byteLength - 1)));
    return { name: `truncated ${name}`, expect: ['BUNDLE_SIZE_MISMATCH'] };
  },
  'bytes appended': async (f, rng) => {
    const name = rng.pick(dataFiles(f));
    const extra = Uint8Array.from({ length: rng.int(1, 64) }, () => rng.int(0, 255));
    f.set(name, new Uint8Array([...(f.get(name) as Uint8Array), ...extra]));
    return { name: `bytes appended to ${name}`, expect: ['BUNDLE_SIZE_MISMATCH'] };
  },
  'changed byte': async (f, rng) => {
    const name = rng.pick(dataFiles(f).filter((n) => (f.get(n) as Uint8Array).byteLength > 0));
    const bytes = f.get(name) as Uint8Array;
    const at = rng.int(0, bytes.byteLength - 1);
    bytes[at] = (bytes[at] as number) ^ rng.int(1, 255);
    return { name: `byte ${at} of ${name} changed`, expect: ['BUNDLE_HASH_MISMATCH'] };
  },
  'wrong sha256': async (f, rng) => {
    const m = readManifest(f);
    const entry = rng.pick(m.files as Json[]);
    entry.sha256 = rng.hex(64);
    writeManifest(f, m);
    return { name: `wrong SHA-256 for ${String(entry.name)}`, expect: ['BUNDLE_HASH_MISMATCH'] };
  },
  'file missing (404)': async (f, rng) => ({ name: '404', expect: ['BUNDLE_FETCH_FAILED'], delivery: { file: rng.pick([...f.keys()]), failure: 'missing' } }),
  'server error (500)': async (f, rng) => ({ name: '500', expect: ['BUNDLE_FETCH_FAILED'], delivery: { file: rng.pick([...f.keys()]), failure: 'server-error' } }),
  'network error': async (f, rng) => ({ name: 'network error', expect: ['BUNDLE_FETCH_FAILED'], delivery: { file: rng.pick([...f.keys()]), failure: 'network-error' } }),
  'download aborted (timeout)': async (f, rng) => ({ name: 'aborted', expect: ['BUNDLE_FETCH_FAILED'], delivery: { file: rng.pick([...f.keys()]), failure: 'hang' } }),
};

/** Corruptions of manifest.json itself. */
const MANIFEST: Record<string, Make> = {
  'truncated manifest': async (f, rng) => {
    const bytes = f.get('manifest.json') as Uint8Array;
    f.set('manifest.json', bytes.slice(0, rng.int(0, bytes.byteLength - 1)));
    return { name: 'truncated manifest', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'huge manifest': async (f, rng) => {
    const m = readManifest(f);
    m.build = { padding: 'x'.repeat(rng.int(1 << 20, 3 << 20)) };
    writeManifest(f, m);
    return { name: 'manifest over 1 MiB', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'garbage manifest': async (f, rng) => {
    f.set('manifest.json', Uint8Array.from({ length: rng.int(0, 512) }, () => rng.int(0, 255)));
    return { name: 'random bytes as manifest', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'manifest not an object': async (f, rng) => {
    writeManifest(f, rng.pick([[], 42, null, 'reshelf', true, [readManifest(f)]]));
    return { name: 'manifest not an object', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'wrong format': async (f, rng) => {
    const m = readManifest(f);
    m.format = rng.pick(['reshelf', 'RESHELF-BUNDLE', '', null, 1]);
    writeManifest(f, m);
    return { name: 'wrong format', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'unsupported version': async (f, rng) => {
    const m = readManifest(f);
    m.version = rng.pick([0, 2, 99, '1', null, 1.5, -1]);
    writeManifest(f, m);
    return { name: `version ${JSON.stringify(m.version)}`, expect: ['BUNDLE_UNSUPPORTED_VERSION'] };
  },
  'hostile file name': async (f, rng) => {
    const m = readManifest(f);
    const entry = rng.pick(m.files as Json[]);
    entry.name = rng.pick(HOSTILE_FILE_NAMES);
    writeManifest(f, m);
    return { name: `file name ${JSON.stringify(entry.name).slice(0, 40)}`, expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'file listed twice': async (f, rng) => {
    const m = readManifest(f);
    (m.files as Json[]).push({ ...rng.pick(m.files as Json[]) });
    writeManifest(f, m);
    return { name: 'file listed twice', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'bad byte count': async (f, rng) => {
    const m = readManifest(f);
    rng.pick(m.files as Json[]).bytes = rng.pick([-1, 1.5, '12', null, Number.MAX_SAFE_INTEGER + 2]);
    writeManifest(f, m);
    return { name: 'bad byte count', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'malformed sha256': async (f, rng) => {
    const m = readManifest(f);
    const entry = rng.pick(m.files as Json[]);
    entry.sha256 = rng.pick([String(entry.sha256).toUpperCase(), String(entry.sha256).slice(1), `${rng.hex(63)}g`, '', null]);
    writeManifest(f, m);
    return { name: 'malformed sha256', expect: ['BUNDLE_MANIFEST_INVALID'] };
  },
  'section names an unlisted file': async (f, rng) => {
    const m = readManifest(f);
    const section = rng.pick(sectionsOf(m));
    entryAt(m, section.path).file = `${section.path.replace(/\W/g, '')}.${rng.hex(12)}.bin`;
    writeManifest(f, m);
    return { name: `${section.path} names an unlisted file`, expect: ['BUNDLE_FILE_MISSING'] };
  },
  'wrong item count': async (f, rng) => {
    const m = readManifest(f);
    const n = m.items as number;
    m.items = rng.pick([n + 1, Math.max(0, n - 1), n + rng.int(2, 1000), 2 ** 40]);
    writeManifest(f, m);
    // The manifest now contradicts itself and its files: either reading is a correct rejection.
    return { name: `items ${n} -> ${String(m.items)}`, expect: ['BUNDLE_SHAPE_MISMATCH', 'BUNDLE_MANIFEST_INVALID'] };
  },
};

function dataFiles(files: Files): string[] {
  return [...files.keys()].filter((n) => n !== 'manifest.json');
}

/** Content corruptions per section kind, with sizes and hashes fixed so only the decoder can catch them. */
const CONTENT: Record<Section['kind'], Record<string, (f: Files, s: Section, rng: Rng) => Promise<Omit<Mutation, 'files'> | undefined>>> = {
  vector: {
    'non-finite vector value': async (f, s, rng) => {
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      const rows = s.entry.rows as number;
      // float32 tables: any value; int8 tables: the per-row float32 scales that come first.
      const floats = s.entry.dtype === 'float32' ? bytes.byteLength / 4 : rows;
      if (floats < 1) return undefined;
      const value = rng.pick(NON_FINITE);
      view(bytes).setFloat32(4 * rng.int(0, floats - 1), value, true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: `${value} in ${s.path}`, expect: ['BUNDLE_NON_FINITE'] };
    },
    'negative scale': async (f, s, rng) => {
      if (s.entry.dtype !== 'int8' || (s.entry.rows as number) < 1) return undefined;
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      view(bytes).setFloat32(4 * rng.int(0, (s.entry.rows as number) - 1), -(rng.next() + 0.01), true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: `negative scale in ${s.path}`, expect: ['BUNDLE_VALUE_OUT_OF_RANGE'] };
    },
    'wrong dimension': async (f, s, rng) => {
      const m = readManifest(f);
      const entry = entryAt(m, s.path);
      entry.dim = (entry.dim as number) + rng.pick([-1, 1, 3]);
      if ((entry.dim as number) < 1) entry.dim = (entry.dim as number) + 4;
      writeManifest(f, m);
      return { name: `${s.path} dim ${String(entry.dim)}`, expect: ['BUNDLE_SHAPE_MISMATCH'] };
    },
    'non-positive dimension': async (f, s, rng) => {
      const m = readManifest(f);
      entryAt(m, s.path).dim = rng.pick([0, -8, 1.5, '8']);
      writeManifest(f, m);
      return { name: `${s.path} dim invalid`, expect: ['BUNDLE_MANIFEST_INVALID'] };
    },
    'truncated table (hash fixed)': async (f, s, rng) => {
      const bytes = f.get(s.entry.file as string) as Uint8Array;
      if (bytes.byteLength < 1) return undefined;
      await replaceVerified(f, s.entry.file as string, bytes.slice(0, rng.int(0, bytes.byteLength - 1)));
      return { name: `${s.path} truncated`, expect: ['BUNDLE_SHAPE_MISMATCH'] };
    },
  },
  neighbours: {
    'non-finite neighbour weight': async (f, s, rng) => {
      const entries = s.entry.entries as number;
      if (entries < 1) return undefined;
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      const weights = 4 * ((s.entry.rows as number) + 1) + 4 * entries;
      view(bytes).setFloat32(weights + 4 * rng.int(0, entries - 1), rng.pick(NON_FINITE), true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: `non-finite weight in ${s.path}`, expect: ['BUNDLE_NON_FINITE'] };
    },
    'neighbour outside the catalog': async (f, s, rng) => {
      const entries = s.entry.entries as number;
      if (entries < 1) return undefined;
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      const items = 4 * ((s.entry.rows as number) + 1);
      const rows = s.entry.rows as number;
      view(bytes).setInt32(items + 4 * rng.int(0, entries - 1), rng.pick([rows, rows + rng.int(1, 1000), -1, -rng.int(2, 1000), 2 ** 31 - 1]), true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: `index outside the catalog in ${s.path}`, expect: ['BUNDLE_VALUE_OUT_OF_RANGE'] };
    },
    'truncated neighbour list (hash fixed)': async (f, s, rng) => {
      const bytes = f.get(s.entry.file as string) as Uint8Array;
      await replaceVerified(f, s.entry.file as string, bytes.slice(0, rng.int(0, bytes.byteLength - 1)));
      return { name: `${s.path} truncated`, expect: ['BUNDLE_SHAPE_MISMATCH'] };
    },
  },
  popularity: {
    'non-finite count': async (f, s, rng) => {
      const rows = s.entry.rows as number;
      if (rows < 1) return undefined;
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      // rows float64 first-seen (NaN allowed there), then rows float32 counts, then rows float32 decayed counts.
      view(bytes).setFloat32(8 * rows + 4 * rng.int(0, 2 * rows - 1), rng.pick(NON_FINITE), true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: 'non-finite popularity count', expect: ['BUNDLE_NON_FINITE'] };
    },
    'infinite first-seen time': async (f, s, rng) => {
      const rows = s.entry.rows as number;
      if (rows < 1) return undefined;
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      view(bytes).setFloat64(8 * rng.int(0, rows - 1), rng.pick([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]), true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: 'infinite first-seen time', expect: ['BUNDLE_NON_FINITE'] };
    },
    'negative count': async (f, s, rng) => {
      const rows = s.entry.rows as number;
      if (rows < 1) return undefined;
      const bytes = (f.get(s.entry.file as string) as Uint8Array).slice();
      view(bytes).setFloat32(8 * rows + 4 * rng.int(0, 2 * rows - 1), -rng.int(1, 1000), true);
      await replaceVerified(f, s.entry.file as string, bytes);
      return { name: 'negative popularity count', expect: ['BUNDLE_VALUE_OUT_OF_RANGE'] };
    },
  },
  items: {
    'duplicate id': async (f, s, rng) => {
      const items = JSON.parse(decode(f.get(s.entry.file as string) as Uint8Array)) as { ids: unknown[] };
      if (items.ids.length < 2) return undefined;
      const from = rng.int(0, items.ids.length - 1);
      let to = rng.int(0, items.ids.length - 2);
      if (to >= from) to++;
      items.ids[to] = items.ids[from];
      await replaceVerified(f, s.entry.file as string, encode(items));
      return { name: `id ${JSON.stringify(items.ids[from])} twice`, expect: ['BUNDLE_DUPLICATE_ID'] };
    },
    'hostile id': async (f, s, rng) => {
      const items = JSON.parse(decode(f.get(s.entry.file as string) as Uint8Array)) as { ids: unknown[] };
      const id = rng.pick(HOSTILE_IDS);
      items.ids[rng.int(0, items.ids.length - 1)] = id;
      await replaceVerified(f, s.entry.file as string, encode(items));
      return { name: `id ${JSON.stringify(id)?.slice(0, 20)}`, expect: ['BUNDLE_INVALID_ID'] };
    },
    'items not JSON (hash fixed)': async (f, s, rng) => {
      const bytes = f.get(s.entry.file as string) as Uint8Array;
      const broken = rng.pick([bytes.slice(0, rng.int(0, bytes.byteLength - 1)), Uint8Array.from([0xff, 0xfe, 0x7b]), encode('{"ids": [')]);
      await replaceVerified(f, s.entry.file as string, broken);
      return { name: 'items not JSON', expect: ['BUNDLE_SHAPE_MISMATCH'] };
    },
  },
  json: {
    'JSON section not JSON (hash fixed)': async (f, s, rng) => {
      const bytes = f.get(s.entry.file as string) as Uint8Array;
      await replaceVerified(f, s.entry.file as string, bytes.slice(0, rng.int(0, bytes.byteLength - 1)));
      return { name: `${s.path} not JSON`, expect: ['BUNDLE_SHAPE_MISMATCH'] };
    },
  },
  opaque: {},
};

/** One corruption of a copy of `base`, chosen by `rng`; `classIndex` walks the classes so each run covers all. */
export async function mutate(base: Files, rng: Rng, classIndex: number): Promise<Mutation & { kind: string }> {
  const sections = sectionsOf(readManifest(base));
  const classes: [string, (f: Files) => Promise<Omit<Mutation, 'files'> | undefined>][] = [
    ...Object.entries(TRANSPORT).map(([k, make]) => [k, (f: Files) => make(f, rng)] as [string, (f: Files) => Promise<Omit<Mutation, 'files'> | undefined>]),
    ...Object.entries(MANIFEST).map(([k, make]) => [k, (f: Files) => make(f, rng)] as [string, (f: Files) => Promise<Omit<Mutation, 'files'> | undefined>]),
    ...Object.keys(CONTENT).flatMap((kind) =>
      Object.entries(CONTENT[kind as Section['kind']]).map(
        ([k, make]) =>
          [k, (f: Files) => {
            const candidates = sections.filter((s) => s.kind === kind);
            return candidates.length ? make(f, rng.pick(candidates), rng) : Promise.resolve(undefined);
          }] as [string, (f: Files) => Promise<Omit<Mutation, 'files'> | undefined>],
      ),
    ),
  ];
  for (let offset = 0; offset < classes.length; offset++) {
    const [kind, make] = classes[(classIndex + offset) % classes.length] as [string, (f: Files) => Promise<Omit<Mutation, 'files'> | undefined>];
    const files = clone(base);
    const made = await make(files);
    if (made) return { ...made, files, kind };
  }
  throw new Error('no corruption applies to this bundle');
}

/** Number of corruption classes `mutate` cycles through (for reports). */
export const CORRUPTION_CLASSES = [...Object.keys(TRANSPORT), ...Object.keys(MANIFEST), ...Object.values(CONTENT).flatMap((c) => Object.keys(c))];

/** A fetch that serves `files` by last path segment, failing one file the way `delivery` says. */
export function serve(files: Files, delivery?: Delivery): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const name = new URL(input instanceof Request ? input.url : String(input)).pathname.split('/').pop() as string;
    if (delivery?.file === name) {
      if (delivery.failure === 'missing') return new Response('not found', { status: 404 });
      if (delivery.failure === 'server-error') return new Response('boom', { status: 500 });
      if (delivery.failure === 'network-error') throw new TypeError('Failed to fetch');
      return new Promise<Response>((_, reject) => {
        const abort = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
        if (init?.signal?.aborted) abort();
        init?.signal?.addEventListener('abort', abort);
      });
    }
    const bytes = files.get(name);
    return bytes ? new Response(bytes.slice() as Uint8Array<ArrayBuffer>) : new Response('not found', { status: 404 });
  }) as typeof fetch;
}
