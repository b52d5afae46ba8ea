import { bytesOf, concatBytes, readFloat32, readFloat64 } from './binaryArrays.js';
import { BundleError } from './bundleError.js';
import type { PopularitySectionEntry } from './bundleManifest.js';
import type { PopularitySection } from './catalogModel.js';
import { firstNonFinite } from './vectorFile.js';

export function popularityFileBytes(rows: number): number {
  return rows * 16;
}

export function encodePopularity(popularity: PopularitySection): Uint8Array {
  return concatBytes([bytesOf(popularity.firstSeen), bytesOf(popularity.counts), bytesOf(popularity.decayed)]);
}

/** Reads the popularity file (layout in PopularitySectionEntry): counts finite and >= 0, first-seen finite or NaN. */
export function decodePopularity(bytes: Uint8Array, entry: PopularitySectionEntry, itemCount: number): PopularitySection {
  if (entry.rows !== itemCount || bytes.byteLength !== popularityFileBytes(itemCount)) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `popularity: ${itemCount} items need ${popularityFileBytes(itemCount)} bytes (${entry.rows} rows declared), the file has ${bytes.byteLength}`);
  }
  const firstSeen = readFloat64(bytes, 0, itemCount);
  const counts = readFloat32(bytes, itemCount * 8, itemCount);
  const decayed = readFloat32(bytes, itemCount * 12, itemCount);
  for (const [name, values] of [['counts', counts], ['decayed', decayed]] as const) {
    const bad = firstNonFinite(values);
    if (bad >= 0) throw new BundleError('BUNDLE_NON_FINITE', `popularity ${name}: item ${bad} is ${values[bad]}`);
    const negative = values.findIndex((v) => v < 0);
    if (negative >= 0) throw new BundleError('BUNDLE_VALUE_OUT_OF_RANGE', `popularity ${name}: item ${negative} is negative`);
  }
  const infinite = firstSeen.findIndex((t) => t === Infinity || t === -Infinity);
  if (infinite >= 0) throw new BundleError('BUNDLE_NON_FINITE', `popularity first-seen: item ${infinite} is ${firstSeen[infinite]}`);
  return { counts, decayed, firstSeen };
}
