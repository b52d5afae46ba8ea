import type { ItemAttributes } from './catalogModel.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleFileEntry, type BundleManifest, type ItemsSection } from './bundleManifest.js';
import { sha256Hex } from './sha256.js';

export interface BundleInput {
  ids: string[];
  attributes: ItemAttributes[];
  /** Event-weighted interaction count per item (same order as ids). */
  popularity?: Float32Array;
  build?: Record<string, unknown>;
}

/**
 * Serialises a bundle into named files (manifest.json included). Pure and deterministic, so the demo
 * server, the CLI and the tests all produce byte-identical bundles from the same input.
 */
export async function writeBundleFiles(input: BundleInput): Promise<Map<string, Uint8Array>> {
  if (input.ids.length !== input.attributes.length) throw new Error('writeBundleFiles: ids and attributes differ in length');
  const files = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  const items: ItemsSection = { ids: input.ids, attributes: input.attributes };
  files.set('items.json', encoder.encode(JSON.stringify(items)));
  const sections: BundleManifest['sections'] = { items: { file: 'items.json' } };
  if (input.popularity) {
    if (input.popularity.length !== input.ids.length) throw new Error('writeBundleFiles: popularity length differs from item count');
    files.set('popularity.f32', new Uint8Array(input.popularity.buffer.slice(0)));
    sections.popularity = { file: 'popularity.f32', dtype: 'float32' };
  }
  const entries: BundleFileEntry[] = [];
  for (const [name, bytes] of files) entries.push({ name, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    items: input.ids.length,
    files: entries,
    sections,
    ...(input.build ? { build: input.build } : {}),
  };
  files.set('manifest.json', encoder.encode(JSON.stringify(manifest, null, 2)));
  return files;
}
