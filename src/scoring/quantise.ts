import type { VectorTable } from './types.js';

/**
 * Symmetric per-row int8 quantisation: scale_i = max|row_i| / 127, code = round(value / scale_i).
 * The catalog's int8 tables use this layout (value = code * scale); the bench uses it to derive the int8
 * twin of a float32 table.
 */
export function quantiseTable(table: Extract<VectorTable, { dtype: 'float32' }>): Extract<VectorTable, { dtype: 'int8' }> {
  const { count, dim, values } = table;
  const codes = new Int8Array(count * dim);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(values[i * dim + j]!));
    const scale = max / 127;
    scales[i] = scale;
    if (scale === 0) continue;
    for (let j = 0; j < dim; j++) codes[i * dim + j] = Math.round(values[i * dim + j]! / scale);
  }
  return { dtype: 'int8', count, dim, codes, scales };
}
