import { bytesOf, concatBytes, readFloat32, readInt32, readUint32 } from './binaryArrays.js';
import { BundleError } from './bundleError.js';
import type { NeighbourSectionEntry } from './bundleManifest.js';
import type { NeighbourTable } from './catalogModel.js';
import { firstNonFinite } from './vectorFile.js';

/** 2^25 cells = 256 MiB of indices and weights: far above a real bundle (Beauty at k = 50: 0.6 M cells). */
export const MAX_NEIGHBOUR_CELLS = 2 ** 25;

export function neighbourFileBytes(entry: Pick<NeighbourSectionEntry, 'rows' | 'entries'>): number {
  return 4 * (entry.rows + 1) + 8 * entry.entries;
}

/**
 * Compresses a fixed-width table (-1 padded) into the CSR file of NeighbourSectionEntry: padding is dropped,
 * the order within a row is kept.
 */
export function encodeNeighbourTable(table: NeighbourTable): { bytes: Uint8Array; rows: number; entries: number } {
  const rows = table.k === 0 ? 0 : table.items.length / table.k;
  const offsets = new Uint32Array(rows + 1);
  const items: number[] = [];
  const weights: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let p = r * table.k; p < (r + 1) * table.k; p++) {
      const item = table.items[p]!;
      if (item < 0) continue;
      items.push(item);
      weights.push(table.weights[p]!);
    }
    offsets[r + 1] = items.length;
  }
  const bytes = concatBytes([bytesOf(offsets), bytesOf(Int32Array.from(items)), bytesOf(Float32Array.from(weights))]);
  return { bytes, rows, entries: items.length };
}

/** Reads a CSR neighbour file back into the fixed-width table the signals use, checking every index and weight. */
export function decodeNeighbourTable(bytes: Uint8Array, entry: NeighbourSectionEntry, itemCount: number, what: string): NeighbourTable {
  const expected = neighbourFileBytes(entry);
  if (bytes.byteLength !== expected) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: ${entry.rows} rows with ${entry.entries} entries need ${expected} bytes, the file has ${bytes.byteLength}`);
  }
  if (entry.rows !== itemCount) throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: ${entry.rows} rows for ${itemCount} items`);
  const offsets = readUint32(bytes, 0, entry.rows + 1);
  const items = readInt32(bytes, 4 * (entry.rows + 1), entry.entries);
  const weights = readFloat32(bytes, 4 * (entry.rows + 1) + 4 * entry.entries, entry.entries);
  if (offsets[0] !== 0 || offsets[entry.rows] !== entry.entries) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: row offsets must run from 0 to ${entry.entries}`);
  }
  const bad = firstNonFinite(weights);
  if (bad >= 0) throw new BundleError('BUNDLE_NON_FINITE', `${what}: weight ${bad} is ${weights[bad]}`);
  let longest = 0;
  for (let r = 0; r < entry.rows; r++) {
    const from = offsets[r]!;
    const to = offsets[r + 1]!;
    if (to < from || to - from > entry.k) throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: row ${r} has ${to - from} entries (k = ${entry.k})`);
    longest = Math.max(longest, to - from);
  }
  // The in-memory table is as wide as the longest row, not the declared k: a manifest cannot make the decoder
  // allocate more than the file's content justifies, and a cap bounds what a huge catalog may ask for.
  const k = Math.max(1, longest);
  if (entry.rows * k > MAX_NEIGHBOUR_CELLS) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `${what}: ${entry.rows} rows of up to ${k} neighbours exceed ${MAX_NEIGHBOUR_CELLS} table cells`);
  }
  const table: NeighbourTable = { k, items: new Int32Array(entry.rows * k).fill(-1), weights: new Float32Array(entry.rows * k) };
  for (let r = 0; r < entry.rows; r++) {
    const from = offsets[r]!;
    const to = offsets[r + 1]!;
    for (let p = from; p < to; p++) {
      const item = items[p]!;
      if (item < 0 || item >= itemCount) throw new BundleError('BUNDLE_VALUE_OUT_OF_RANGE', `${what}: row ${r} refers to item ${item}, outside 0..${itemCount - 1}`);
      table.items[r * k + p - from] = item;
      table.weights[r * k + p - from] = weights[p]!;
    }
  }
  return table;
}
