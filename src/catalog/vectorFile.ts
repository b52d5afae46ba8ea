import { bytesOf, concatBytes, readFloat32, readInt8 } from './binaryArrays.js';
import { BundleError } from './bundleError.js';
import type { VectorSectionEntry } from './bundleManifest.js';
import type { VectorTable } from './catalogModel.js';

/** Size of a vector file as its section entry declares it (layout in VectorSectionEntry). */
export function vectorFileBytes(entry: Pick<VectorSectionEntry, 'dtype' | 'rows' | 'dim'>): number {
  return entry.dtype === 'int8' ? entry.rows * (4 + entry.dim) : entry.rows * entry.dim * 4;
}

export function encodeVectorTable(table: VectorTable): Uint8Array {
  if (table.dtype === 'int8') return concatBytes([bytesOf(table.scales), bytesOf(table.codes)]);
  return bytesOf(table.values).slice();
}

/**
 * Reads a vector file and checks it against its section: exact length, finite numbers, non-negative scales.
 * `what` names the section in error messages (e.g. `cf`).
 */
export function decodeVectorTable(bytes: Uint8Array, entry: VectorSectionEntry, what: string): VectorTable {
  const expected = vectorFileBytes(entry);
  if (bytes.byteLength !== expected) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: ${entry.rows} rows of ${entry.dim} ${entry.dtype} need ${expected} bytes, the file has ${bytes.byteLength}`);
  }
  if (entry.dtype === 'float32') {
    const values = readFloat32(bytes, 0, entry.rows * entry.dim);
    const bad = firstNonFinite(values);
    if (bad >= 0) throw new BundleError('BUNDLE_NON_FINITE', `${what}: value ${bad} (row ${Math.floor(bad / entry.dim)}) is ${values[bad]}`);
    return { dtype: 'float32', count: entry.rows, dim: entry.dim, values };
  }
  const scales = readFloat32(bytes, 0, entry.rows);
  const bad = firstNonFinite(scales);
  if (bad >= 0) throw new BundleError('BUNDLE_NON_FINITE', `${what}: the scale of row ${bad} is ${scales[bad]}`);
  const negative = scales.findIndex((s) => s < 0);
  if (negative >= 0) throw new BundleError('BUNDLE_VALUE_OUT_OF_RANGE', `${what}: the scale of row ${negative} is negative (${scales[negative]})`);
  const codes = readInt8(bytes, entry.rows * 4, entry.rows * entry.dim);
  return { dtype: 'int8', count: entry.rows, dim: entry.dim, codes, scales };
}

export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}
