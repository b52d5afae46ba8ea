import { BundleError } from './bundleError.js';
import type { BundleManifest, ItemsSection } from './bundleManifest.js';
import type { CatalogModel, ItemAttributes } from './catalogModel.js';

/** Ids become Map keys and DOM attribute values; these would be dangerous as object keys anywhere downstream. */
const HOSTILE_IDS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ID_LENGTH = 256;

function decodeItems(bytes: Uint8Array, expected: number): ItemsSection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new BundleError('BUNDLE_MANIFEST_INVALID', `items section is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  const section = parsed as Partial<ItemsSection>;
  if (!Array.isArray(section.ids) || !Array.isArray(section.attributes)) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', 'items section needs "ids" and "attributes" arrays');
  }
  if (section.ids.length !== expected || section.attributes.length !== expected) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `manifest says ${expected} items, items section has ${section.ids.length} ids and ${section.attributes.length} attribute rows`);
  }
  const seen = new Set<string>();
  for (const id of section.ids) {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || HOSTILE_IDS.has(id)) {
      throw new BundleError('BUNDLE_INVALID_ID', `item id ${JSON.stringify(id).slice(0, 80)} is not allowed`);
    }
    if (seen.has(id)) throw new BundleError('BUNDLE_DUPLICATE_ID', `item id ${JSON.stringify(id)} appears twice`);
    seen.add(id);
  }
  return { ids: section.ids, attributes: section.attributes.map(sanitiseAttributes) };
}

/** Keeps only the known attribute fields with the right types; anything else in the JSON is ignored. */
function sanitiseAttributes(raw: unknown): ItemAttributes {
  const a = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: ItemAttributes = {};
  if (typeof a.title === 'string') out.title = a.title;
  if (typeof a.brand === 'string') out.brand = a.brand;
  if (Array.isArray(a.category)) out.category = a.category.filter((c): c is string => typeof c === 'string');
  if (typeof a.price === 'number' && Number.isFinite(a.price)) out.price = a.price;
  if (typeof a.extra === 'object' && a.extra !== null) {
    const extra = new Map<string, string>();
    for (const [k, v] of Object.entries(a.extra)) if (typeof v === 'string') extra.set(k, v);
    out.extra = Object.fromEntries(extra);
  }
  return out;
}

function decodeFloat32(bytes: Uint8Array, expected: number, what: string): Float32Array {
  if (bytes.byteLength !== expected * 4) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: expected ${expected} float32 values, got ${bytes.byteLength} bytes`);
  }
  const values = new Float32Array(bytes.slice().buffer);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number)) throw new BundleError('BUNDLE_NON_FINITE', `${what}: value ${i} is ${values[i]}`);
  }
  return values;
}

/** Turns verified file bytes into the in-memory catalog every signal reads. */
export function decodeSections(manifest: BundleManifest, files: Map<string, Uint8Array>, version: string): CatalogModel {
  const get = (name: string): Uint8Array => {
    const bytes = files.get(name);
    if (!bytes) throw new BundleError('BUNDLE_FILE_MISSING', `${name} was not loaded`);
    return bytes;
  };
  const items = decodeItems(get(manifest.sections.items.file), manifest.items);
  const model: CatalogModel = { version, ids: items.ids, attributes: items.attributes };
  if (manifest.sections.popularity) {
    const counts = decodeFloat32(get(manifest.sections.popularity.file), manifest.items, 'popularity');
    model.popularity = { counts, decayed: counts, firstSeen: new Float64Array(manifest.items).fill(Number.NaN) };
  }
  return model;
}
