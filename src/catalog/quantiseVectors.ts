import type { VectorTable } from './catalogModel.js';

/**
 * The bundle's int8 encoding of a vector table: symmetric per-row quantisation, scale_i = max|row_i| / 127,
 * code = round(value / scale_i), so |value - code * scale_i| <= scale_i / 2 for every component. A zero row
 * gets scale 0. An int8 table is returned unchanged. Throws on a non-finite value: the build must never ship one.
 */
export function quantiseVectors(table: VectorTable): Extract<VectorTable, { dtype: 'int8' }> {
  if (table.dtype === 'int8') return table;
  const { count, dim, values } = table;
  const codes = new Int8Array(count * dim);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const row = values.subarray(i * dim, (i + 1) * dim);
    let max = 0;
    for (let d = 0; d < dim; d++) {
      const v = row[d]!;
      if (!Number.isFinite(v)) throw new Error(`quantiseVectors: row ${i} holds ${v}`);
      max = Math.max(max, Math.abs(v));
    }
    // Round the scale to float32 first, so the codes are computed against the scale the reader will use.
    const scale = Math.fround(max / 127);
    scales[i] = scale;
    if (scale === 0) continue;
    for (let d = 0; d < dim; d++) codes[i * dim + d] = Math.max(-127, Math.min(127, Math.round(row[d]! / scale)));
  }
  return { dtype: 'int8', count, dim, codes, scales };
}
