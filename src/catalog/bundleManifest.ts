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
 * `manifest.json`: the only file fetched by a fixed name. Everything else is listed in `files` and
 * referenced by name from a section, so a changed manifest is the one signal that the bundle changed.
 */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  items: number;
  files: BundleFileEntry[];
  sections: {
    /** JSON `{ "ids": string[], "attributes": ItemAttributes[] }`. */
    items: { file: string };
    /** Float32 little-endian, one event-weighted interaction count per item. */
    popularity?: { file: string; dtype: 'float32' };
  };
  /** Free-form description of how the bundle was built (options, input sizes). */
  build?: Record<string, unknown>;
}

/** The JSON document behind `sections.items`. */
export interface ItemsSection {
  ids: string[];
  attributes: ItemAttributes[];
}
