import { BundleError } from '../catalog/bundleError.js';
import type { ModelSectionEntry, VectorSectionEntry } from '../catalog/bundleManifest.js';
import type { SequenceModelSection, VectorTable } from '../catalog/catalogModel.js';
import { decodeVectorTable } from '../catalog/vectorFile.js';
import { ensembleSections } from './ensembleSections.js';
import { MODEL_FORMAT, type SequenceModelFiles, type SequenceModelJson } from './modelArtifacts.js';
import { ModelError, SEQUENCE_MODEL_KINDS } from './modelSpec.js';

/**
 * A trained sequence model inside a catalog bundle (`reshelf build --model`), browser-safe. An ensemble
 * (`--model a,b`) is the first member in `sections.model` and the others in `sections.modelMembers`, each with
 * the same three files (combineModelMembers joins them after decoding).
 * Three files, each listed in the manifest with its SHA-256 like every other section:
 * - `model.<hash>.json`: model.json of `reshelf train` with `itemCount` = the bundle's item count and no item ids
 *   (rows follow the bundle's item order, so the ids would only repeat the items section);
 * - `model-weights.<hash>.bin`: every weight except the item embedding (tfjs weight encoding);
 * - `model-items.<hash>.i8`: the item embedding in bundle order as a vector file (int8 + a scale per row).
 *   It is both the table the `model` signal scores against and the encoder's input embedding. Bundle items
 *   the model never saw get an all-zero row with scale 0; the encoder skips them.
 */
export type { ModelSectionEntry };

/** What writeBundleFiles needs: the files, already aligned to the bundle's items. */
export interface BundleModelInput {
  json: SequenceModelJson;
  weights: Uint8Array;
  itemTable: Extract<VectorTable, { dtype: 'int8' }>;
}

/**
 * Re-orders a model's item table to the bundle's items (by id) and rewrites model.json to match.
 * Throws MODEL_DATASET_MISMATCH when no bundle item is known to the model.
 */
export function alignModelToCatalog(files: SequenceModelFiles, ids: readonly string[]): { input: BundleModelInput; known: number } {
  const config = files.json.modelTopology.reshelf;
  const dim = config.dim;
  const row = new Map(files.json.userDefinedMetadata.itemIds.map((id, i) => [id, i]));
  const codes = new Int8Array(ids.length * dim);
  const scales = new Float32Array(ids.length);
  let known = 0;
  ids.forEach((id, i) => {
    const r = row.get(id);
    if (r === undefined) return;
    codes.set(files.itemTable.codes.subarray(r * dim, (r + 1) * dim), i * dim);
    scales[i] = files.itemTable.scales[r]!;
    known++;
  });
  if (known === 0) throw new ModelError('MODEL_DATASET_MISMATCH', `none of the bundle's ${ids.length} item ids is in the model; train the model on this shop's items.`);
  const json: SequenceModelJson = {
    ...files.json,
    modelTopology: { reshelf: { ...config, itemCount: ids.length } },
    userDefinedMetadata: { ...files.json.userDefinedMetadata, itemIds: [], itemTable: { ...files.json.userDefinedMetadata.itemTable, count: ids.length } },
  };
  return { input: { json, weights: new Uint8Array(files.weights), itemTable: { dtype: 'int8', count: ids.length, dim, codes, scales } }, known };
}

function fail(message: string): never {
  throw new BundleError('BUNDLE_SHAPE_MISMATCH', `model: ${message}`);
}

const FLOAT32_BYTES = 4;

/**
 * Checks the three verified files against each other and the bundle (format, kind, item count, dimension,
 * weight sizes) and returns the catalog section. The tensors are built later, by the worker, only if used.
 */
export function decodeModelSection(entry: ModelSectionEntry, jsonBytes: Uint8Array, weights: Uint8Array, tableBytes: Uint8Array, items: number): SequenceModelSection {
  let json: SequenceModelJson;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(jsonBytes)) as SequenceModelJson;
  } catch (error) {
    fail(`model.json is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  const config = json?.modelTopology?.reshelf;
  if (json?.format !== MODEL_FORMAT || typeof config !== 'object' || config === null) fail(`model.json is not a ${MODEL_FORMAT}`);
  if (!SEQUENCE_MODEL_KINDS.includes(config.kind) || config.kind !== entry.kind) fail(`kind "${String(config.kind)}" (manifest says "${entry.kind}")`);
  if (config.itemCount !== items || config.maxLen !== entry.maxLen || config.dim !== entry.items.dim) {
    fail(`model.json says ${String(config.itemCount)} items, dim ${String(config.dim)}, max length ${String(config.maxLen)}; the manifest ${items}, ${entry.items.dim}, ${entry.maxLen}`);
  }
  const specs = Array.isArray(json.weightsManifest) ? json.weightsManifest.flatMap((group) => (Array.isArray(group?.weights) ? group.weights : [])) : [];
  let expected = 0;
  for (const spec of specs) {
    if (spec?.dtype !== 'float32' || !Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`weight ${String(spec?.name)} must be float32 with a whole-number shape`);
    expected += spec.shape.reduce((a, b) => a * b, 1) * FLOAT32_BYTES;
  }
  if (specs.length === 0 || expected !== weights.byteLength) fail(`the weights file has ${weights.byteLength} bytes, model.json describes ${expected}`);
  const table = decodeVectorTable(tableBytes, entry.items as VectorSectionEntry, 'model.items');
  if (table.dtype !== 'int8') fail('the item table must be int8');
  return {
    kind: config.kind,
    maxLen: config.maxLen,
    itemTable: table,
    files: { json: json as unknown as Record<string, unknown>, weights },
    queries: new Map(),
  };
}

/**
 * The decoded members of `sections.model` + `sections.modelMembers` as the one section the `model` signal scores:
 * their item rows concatenated (ensembleSections), the members kept for the worker, which encodes a history with
 * each and concatenates the user vectors in the same order. One member is returned as is (a one-model bundle).
 */
export function combineModelMembers(members: readonly SequenceModelSection[]): SequenceModelSection {
  if (members.length === 1) return members[0]!;
  const first = members[0]!;
  members.forEach((m, i) => {
    // One query key (the last maxLen items) must mean the same history to every member.
    if (m.maxLen !== first.maxLen) throw new BundleError('BUNDLE_SHAPE_MISMATCH', `model: ensemble member ${i + 1} (${m.kind}) reads ${m.maxLen} items, member 1 (${first.kind}) ${first.maxLen}; members must share the max length`);
    if (m.itemTable.count !== first.itemTable.count) throw new BundleError('BUNDLE_SHAPE_MISMATCH', `model: ensemble member ${i + 1} has ${m.itemTable.count} item rows, member 1 ${first.itemTable.count}`);
  });
  return { ...ensembleSections(members), members: [...members] };
}
