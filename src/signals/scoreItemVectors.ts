import type { VectorTable } from '../catalog/catalogModel.js';

/**
 * The one place where a query vector is scored against an item vector table: out[i] = table[i] . query.
 * Every signal that needs "all items against a vector" calls this, so the scoring engine (src/scoring,
 * fast kernels on WebGPU/WebGL/WASM) can replace this plain loop without touching the signals.
 */
export function scoreItemVectors(table: VectorTable, query: ArrayLike<number>, out: Float32Array): void {
  const dim = table.dim;
  const q = Float64Array.from(query as ArrayLike<number>);
  if (table.dtype === 'float32') {
    const values = table.values;
    for (let i = 0, o = 0; i < table.count; i++, o += dim) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += values[o + d]! * q[d]!;
      out[i] = s;
    }
  } else {
    const codes = table.codes;
    for (let i = 0, o = 0; i < table.count; i++, o += dim) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += codes[o + d]! * q[d]!;
      out[i] = s * table.scales[i]!;
    }
  }
}

/** Row `i` of a vector table as float values (dequantised for int8 tables). */
export function vectorRow(table: VectorTable, i: number): Float64Array {
  const out = new Float64Array(table.dim);
  if (table.dtype === 'float32') {
    for (let d = 0; d < table.dim; d++) out[d] = table.values[i * table.dim + d]!;
  } else {
    const scale = table.scales[i]!;
    for (let d = 0; d < table.dim; d++) out[d] = table.codes[i * table.dim + d]! * scale;
  }
  return out;
}
