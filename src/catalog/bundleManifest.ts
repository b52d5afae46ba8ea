import type { ItemAttributes } from './catalogModel.js';

export const BUNDLE_FORMAT = 'reshelf-bundle';
export const BUNDLE_VERSION = 1;

/** One file of a bundle; the browser checks size and SHA-256 before using a byte of it. */
export interface BundleFileEntry {
  name: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
}

/**
 * A table of `rows` vectors of `dim` numbers in one binary file (all numbers little-endian):
 * - `int8`: `rows` float32 scales, then `rows * dim` int8 codes, row-major; value = code * scale.
 *   4 + dim bytes per row (68 at dim 64).
 * - `float32`: `rows * dim` float32 values, row-major.
 */
export interface VectorSectionEntry {
  file: string;
  dtype: 'int8' | 'float32';
  rows: number;
  dim: number;
}

/**
 * Top-k lists per item in compressed sparse rows (little-endian): `rows + 1` uint32 offsets, then `entries`
 * int32 item indices, then `entries` float32 weights. Row i is entries offsets[i]..offsets[i+1], at most `k`
 * of them, best first. 4 (rows + 1) + 8 entries bytes: items with few neighbours cost nothing for padding.
 */
export interface NeighbourSectionEntry {
  file: string;
  rows: number;
  k: number;
  entries: number;
}

/**
 * Popularity in one binary file (little-endian): `rows` float64 first-seen times (ms since the epoch; NaN =
 * unknown, the only place a NaN is allowed), then `rows` float32 counts, then `rows` float32 decayed counts.
 */
export interface PopularitySectionEntry {
  file: string;
  rows: number;
  /** Half-life of the decayed counts. */
  halfLifeDays: number;
  /** The time the decayed counts are decayed to (ms since the epoch), null without timestamps. */
  decayedTo: number | null;
}

/** What one data-cleaning rule did; every rule is listed, also when it removed nothing. */
export interface CleaningRuleReport {
  /** Stable rule name, e.g. `exact-duplicate`. */
  rule: string;
  /** What the rule removes, in words. */
  description: string;
  /** What `removed` counts: input rows of the events file, of the items file, or rows of either (`invalid-row`). */
  unit: 'events' | 'items' | 'rows';
  removed: number;
  /** For rules that remove whole users (`bot-user`): how many users. */
  users?: number;
  /** The thresholds the rule ran with, when it has any. */
  thresholds?: Record<string, number | string>;
}

export interface CleaningReport {
  input: { events: number; items: number };
  kept: { events: number; items: number; users: number };
  rules: CleaningRuleReport[];
}

/**
 * `manifest.json`: the only file fetched by a fixed name. Everything else is listed in `files` and
 * referenced by name from a section, so a changed manifest is the one signal that the bundle changed.
 * Sections other than `items` are optional: a signal whose section is absent abstains on the device.
 */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  items: number;
  files: BundleFileEntry[];
  sections: BundleSections;
  /** What data cleaning removed (builds from a shop's event export). */
  cleaning?: CleaningReport;
  /** Free-form description of how the bundle was built (options, input sizes, timings). */
  build?: Record<string, unknown>;
}

export interface BundleSections {
  /** UTF-8 JSON `{ "ids": string[], "attributes": ItemAttributes[] }`. */
  items: { file: string };
  content?: VectorSectionEntry;
  /** `regularization` (lambda) and `confidence` (alpha) are what the on-device fold-in solves with. */
  cf?: VectorSectionEntry & { regularization: number; confidence?: number };
  /** `content`: exact TF-IDF cosine neighbours (optional; `reshelf build` with training content.neighbours > 0). */
  neighbours?: { cosine?: NeighbourSectionEntry; pearson?: NeighbourSectionEntry; learned?: NeighbourSectionEntry; content?: NeighbourSectionEntry };
  transitions?: NeighbourSectionEntry;
  popularity?: PopularitySectionEntry;
  /** Centroids in CF space; each was built from at least `minUsers` shoppers. */
  prototypes?: VectorSectionEntry & { minUsers: number };
  /** UTF-8 JSON `{ "coupons": Coupon[] }` (src/applications/couponSection.ts), each coupon validated on load. */
  coupons?: { file: string };
  /** UTF-8 JSON object: the default ranking configuration (`reshelf build --config`). */
  config?: { file: string };
  /**
   * A trained sequence model (`reshelf build --model`; src/models/modelBundleSection.ts): model.json, its tfjs
   * weights, and its int8 item table in bundle order (`rows` = items).
   */
  model?: ModelSectionEntry;
  /**
   * Further sequence models (`reshelf build --model a,b`): with `model` (the first member) they form an ensemble,
   * one `model` signal scoring the sum of the members' logits (src/models/ensembleSections.ts). Each entry has the
   * shape of `model`, the same `maxLen` and `rows` = items. A separate array, so that `model` stays exactly what a
   * one-model bundle holds and a reader that does not know ensembles still loads the first member alone.
   */
  modelMembers?: ModelSectionEntry[];
}

/** One sequence model of a bundle: model.json, its tfjs weights, its int8 item table in bundle order. */
export interface ModelSectionEntry {
  kind: string;
  maxLen: number;
  json: { file: string };
  weights: { file: string };
  items: VectorSectionEntry;
}

/** The JSON document behind `sections.items`. */
export interface ItemsSection {
  ids: string[];
  attributes: ItemAttributes[];
}
