import type { CatalogModel, Coupon, ItemAttributes, NeighbourTable, PopularitySection, VectorTable } from './catalogModel.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleFileEntry,
  type BundleManifest,
  type BundleSections,
  type CleaningReport,
  type ItemsSection,
  type ModelSectionEntry,
  type NeighbourSectionEntry,
  type VectorSectionEntry,
} from './bundleManifest.js';
import { checkItemIds } from './itemIds.js';
import { encodeCouponSection } from '../applications/couponSection.js';
import { encodeNeighbourTable } from './neighbourFile.js';
import { encodePopularity } from './popularityFile.js';
import { quantiseVectors } from './quantiseVectors.js';
import { sha256Hex } from './sha256.js';
import { encodeVectorTable, firstNonFinite } from './vectorFile.js';
import type { BundleModelInput } from '../models/modelBundleSection.js';

/** Everything a bundle can hold: the sections of a CatalogModel plus what the manifest reports about the build. */
export interface BundleInput {
  ids: string[];
  attributes: ItemAttributes[];
  content?: VectorTable;
  cf?: CatalogModel['cf'];
  neighbours?: CatalogModel['neighbours'];
  transitions?: NeighbourTable;
  /** `halfLifeDays` and `decayedTo` (ms, null without timestamps) say how `decayed` was computed. */
  popularity?: PopularitySection & { halfLifeDays: number; decayedTo: number | null };
  prototypes?: CatalogModel['prototypes'];
  /** The shop's coupons (validated on write and on load). */
  coupons?: readonly Coupon[];
  /** Default ranking configuration (a JSON object), shipped as its own verified file. */
  config?: Record<string, unknown>;
  /**
   * A trained sequence model aligned to `ids` (alignModelToCatalog); its int8 table is written as is. Several:
   * an ensemble (`sections.model` = the first, `sections.modelMembers` = the rest), which must share maxLen.
   */
  sequenceModelFiles?: BundleModelInput | readonly BundleModelInput[];
  cleaning?: CleaningReport;
  build?: Record<string, unknown>;
  /** Storage of every vector table: `int8` (default, 4 + dim bytes per row) or `float32` (4 dim bytes per row). */
  vectorDtype?: 'int8' | 'float32';
}

/**
 * Serialises a bundle into named files (manifest.json included). Pure and deterministic, so the demo
 * server, the CLI and the tests all produce byte-identical bundles from the same input.
 *
 * File names carry the first 12 hex digits of their SHA-256 (`cf.3f2a9c01d4e5.i8`): a file's URL changes
 * exactly when its bytes do, so servers may cache everything but manifest.json forever.
 * Refuses (throws) anything the browser would reject: bad or duplicate ids, non-finite values, mismatched shapes.
 */
export async function writeBundleFiles(input: BundleInput): Promise<Map<string, Uint8Array>> {
  const n = input.ids.length;
  if (input.attributes.length !== n) throw new Error(`writeBundleFiles: ${n} ids but ${input.attributes.length} attribute rows`);
  checkItemIds(input.ids);
  const files = new Map<string, Uint8Array>();
  const add = async (base: string, extension: string, bytes: Uint8Array): Promise<string> => {
    const name = `${base}.${(await sha256Hex(bytes)).slice(0, 12)}.${extension}`;
    files.set(name, bytes);
    return name;
  };
  const encoder = new TextEncoder();
  const dtype = input.vectorDtype ?? 'int8';

  const vectors = async (base: string, table: VectorTable, rows: number | undefined): Promise<VectorSectionEntry> => {
    if (rows !== undefined && table.count !== rows) throw new Error(`writeBundleFiles: ${base} has ${table.count} rows for ${rows} items`);
    if (table.dtype === 'float32' && firstNonFinite(table.values) >= 0) throw new Error(`writeBundleFiles: ${base} holds a non-finite value`);
    const stored: VectorTable = dtype === 'int8' ? quantiseVectors(table) : toFloat32(table);
    const file = await add(base, dtype === 'int8' ? 'i8' : 'f32', encodeVectorTable(stored));
    return { file, dtype, rows: table.count, dim: table.dim };
  };
  const neighbours = async (base: string, table: NeighbourTable): Promise<NeighbourSectionEntry> => {
    if (firstNonFinite(table.weights) >= 0) throw new Error(`writeBundleFiles: ${base} holds a non-finite weight`);
    const encoded = encodeNeighbourTable(table);
    if (encoded.rows !== n) throw new Error(`writeBundleFiles: ${base} has ${encoded.rows} rows for ${n} items`);
    return { file: await add(base, 'csr', encoded.bytes), rows: n, k: table.k, entries: encoded.entries };
  };

  const items: ItemsSection = { ids: input.ids, attributes: input.attributes };
  const sections: BundleSections = { items: { file: await add('items', 'json', encoder.encode(JSON.stringify(items))) } };
  if (input.content) sections.content = await vectors('content', input.content, n);
  if (input.cf) {
    const { regularization, confidence } = input.cf;
    sections.cf = { ...(await vectors('cf', input.cf, n)), regularization, ...(confidence !== undefined ? { confidence } : {}) };
  }
  if (input.neighbours) {
    const out: NonNullable<BundleSections['neighbours']> = {};
    for (const kind of ['cosine', 'pearson', 'learned', 'content'] as const) {
      const table = input.neighbours[kind];
      if (table) out[kind] = await neighbours(`neighbours-${kind}`, table);
    }
    sections.neighbours = out;
  }
  if (input.transitions) sections.transitions = await neighbours('transitions', input.transitions);
  if (input.popularity) {
    const { counts, decayed, firstSeen, halfLifeDays, decayedTo } = input.popularity;
    if (counts.length !== n || decayed.length !== n || firstSeen.length !== n) throw new Error('writeBundleFiles: popularity arrays differ in length from the items');
    if (firstNonFinite(counts) >= 0 || firstNonFinite(decayed) >= 0) throw new Error('writeBundleFiles: popularity holds a non-finite count');
    const file = await add('popularity', 'bin', encodePopularity({ counts, decayed, firstSeen }));
    sections.popularity = { file, rows: n, halfLifeDays, decayedTo };
  }
  if (input.prototypes) {
    if (input.cf && input.prototypes.centroids.dim !== input.cf.dim) throw new Error('writeBundleFiles: prototypes and cf differ in dimension');
    sections.prototypes = { ...(await vectors('prototypes', input.prototypes.centroids, undefined)), minUsers: input.prototypes.minUsers };
  }
  if (input.coupons) sections.coupons = { file: await add('coupons', 'json', encodeCouponSection(input.coupons)) };
  if (input.config) sections.config = { file: await add('config', 'json', encoder.encode(JSON.stringify(input.config))) };
  const models = input.sequenceModelFiles === undefined ? [] : Array.isArray(input.sequenceModelFiles) ? (input.sequenceModelFiles as readonly BundleModelInput[]) : [input.sequenceModelFiles as BundleModelInput];
  // `model`, `model-weights`, `model-items` for the first (a one-model bundle is unchanged), `model2...` and on for the others.
  const modelEntry = async ({ json, weights, itemTable }: BundleModelInput, base: string): Promise<ModelSectionEntry> => {
    if (itemTable.count !== n) throw new Error(`writeBundleFiles: the ${base} item table has ${itemTable.count} rows for ${n} items`);
    if (firstNonFinite(itemTable.scales) >= 0) throw new Error(`writeBundleFiles: the ${base} item table holds a non-finite scale`);
    const config = json.modelTopology.reshelf;
    const firstMaxLen = models[0]!.json.modelTopology.reshelf.maxLen;
    if (config.maxLen !== firstMaxLen) throw new Error(`writeBundleFiles: ensemble members must share the max length (${base}: ${config.maxLen}, model: ${firstMaxLen})`);
    return {
      kind: config.kind,
      maxLen: config.maxLen,
      json: { file: await add(base, 'json', encoder.encode(JSON.stringify(json))) },
      weights: { file: await add(`${base}-weights`, 'bin', weights) },
      items: { file: await add(`${base}-items`, 'i8', encodeVectorTable(itemTable)), dtype: 'int8', rows: n, dim: itemTable.dim },
    };
  };
  if (models.length > 0) sections.model = await modelEntry(models[0]!, 'model');
  if (models.length > 1) {
    const members: ModelSectionEntry[] = [];
    for (let i = 1; i < models.length; i++) members.push(await modelEntry(models[i]!, `model${i + 1}`));
    sections.modelMembers = members;
  }

  const entries: BundleFileEntry[] = [];
  for (const [name, bytes] of files) entries.push({ name, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    items: n,
    files: entries,
    sections,
    ...(input.cleaning ? { cleaning: input.cleaning } : {}),
    ...(input.build ? { build: input.build } : {}),
  };
  files.set('manifest.json', encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return files;
}

function toFloat32(table: VectorTable): Extract<VectorTable, { dtype: 'float32' }> {
  if (table.dtype === 'float32') return table;
  const values = new Float32Array(table.count * table.dim);
  for (let i = 0; i < values.length; i++) values[i] = table.codes[i]! * table.scales[Math.floor(i / table.dim)]!;
  return { dtype: 'float32', count: table.count, dim: table.dim, values };
}
