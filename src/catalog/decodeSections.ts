import { BundleError } from './bundleError.js';
import type { BundleManifest, ItemsSection } from './bundleManifest.js';
import type { CatalogModel, ItemAttributes } from './catalogModel.js';
import { checkItemIds } from './itemIds.js';
import { decodeCouponSection } from '../applications/couponSection.js';
import { decodeNeighbourTable } from './neighbourFile.js';
import { decodePopularity } from './popularityFile.js';
import { decodeVectorTable } from './vectorFile.js';
import { combineModelMembers, decodeModelSection } from '../models/modelBundleSection.js';

/** Largest default ranking configuration accepted (it is a handful of weights and options). */
const MAX_CONFIG_BYTES = 256 * 1024;

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what} is not valid UTF-8 JSON (${(error as Error).message})`);
  }
}

function decodeItems(bytes: Uint8Array, expected: number): ItemsSection {
  const section = parseJson(bytes, 'items section') as Partial<ItemsSection> | null;
  if (!Array.isArray(section?.ids) || !Array.isArray(section.attributes)) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', 'items section needs "ids" and "attributes" arrays');
  }
  if (section.ids.length !== expected || section.attributes.length !== expected) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `manifest says ${expected} items, items section has ${section.ids.length} ids and ${section.attributes.length} attribute rows`);
  }
  checkItemIds(section.ids);
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

function decodeConfig(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.byteLength > MAX_CONFIG_BYTES) throw new BundleError('BUNDLE_SHAPE_MISMATCH', `config is ${bytes.byteLength} bytes, more than ${MAX_CONFIG_BYTES}`);
  const config = parseJson(bytes, 'config');
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new BundleError('BUNDLE_SHAPE_MISMATCH', 'config must be a JSON object');
  return config as Record<string, unknown>;
}

/**
 * Turns verified file bytes (sizes and SHA-256 already checked) into the in-memory catalog every signal reads,
 * checking each section's content against its declared shape. Never returns a partly valid catalog.
 */
export function decodeSections(manifest: BundleManifest, files: Map<string, Uint8Array>, version: string): CatalogModel {
  const get = (name: string): Uint8Array => {
    const bytes = files.get(name);
    if (!bytes) throw new BundleError('BUNDLE_FILE_MISSING', `${name} was not loaded`);
    return bytes;
  };
  const n = manifest.items;
  const s = manifest.sections;
  const items = decodeItems(get(s.items.file), n);
  const model: CatalogModel = { version, ids: items.ids, attributes: items.attributes };
  if (s.content) model.content = decodeVectorTable(get(s.content.file), s.content, 'content');
  if (s.cf) {
    const table = decodeVectorTable(get(s.cf.file), s.cf, 'cf');
    model.cf = { ...table, regularization: s.cf.regularization, ...(s.cf.confidence !== undefined ? { confidence: s.cf.confidence } : {}) };
  }
  if (s.neighbours) {
    model.neighbours = {};
    for (const kind of ['cosine', 'pearson', 'learned', 'content'] as const) {
      const entry = s.neighbours[kind];
      if (entry) model.neighbours[kind] = decodeNeighbourTable(get(entry.file), entry, n, `neighbours.${kind}`);
    }
  }
  if (s.transitions) model.transitions = decodeNeighbourTable(get(s.transitions.file), s.transitions, n, 'transitions');
  if (s.popularity) model.popularity = decodePopularity(get(s.popularity.file), s.popularity, n);
  if (s.prototypes) model.prototypes = { centroids: decodeVectorTable(get(s.prototypes.file), s.prototypes, 'prototypes'), minUsers: s.prototypes.minUsers };
  if (s.coupons) {
    try {
      model.coupons = decodeCouponSection(get(s.coupons.file));
    } catch (error) {
      throw new BundleError('BUNDLE_SHAPE_MISMATCH', `coupons: ${(error as Error).message}`);
    }
  }
  if (s.config) model.defaultConfig = decodeConfig(get(s.config.file));
  if (s.model) {
    const members = [s.model, ...(s.modelMembers ?? [])].map((entry) => decodeModelSection(entry, get(entry.json.file), get(entry.weights.file), get(entry.items.file), n));
    model.sequenceModel = combineModelMembers(members);
  }
  return model;
}
