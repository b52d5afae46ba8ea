/**
 * The arithmetic the plain-loop encoders share (sasrecForward.ts, gruForward.ts, caserForward.ts): weight
 * lookup with a clear error, transposition so each output is one contiguous dot product, a dense layer over
 * rows, and the history's known items.
 */

/** The named weight, which must hold exactly `length` values. */
export function needWeight(weights: Record<string, Float32Array>, name: string, length: number): Float32Array {
  const w = weights[name];
  if (!w || w.length !== length) throw new Error(`MODEL_BAD_ARTIFACT: weight "${name}" is missing or has ${w?.length ?? 0} values, expected ${length}.`);
  return w;
}

/** w [rows, cols] row-major -> [cols, rows] as float64: each output becomes one contiguous dot product. */
export function transposed(w: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = w[i * cols + j]!;
  return out;
}

/**
 * out[r] = x[r] @ w + b for rows r in [from, to): x [rows, inputs], out [rows, outputs], `wT` = w transposed
 * ([outputs, inputs]). Local accumulators unrolled by four: V8 keeps them in registers, while a
 * read-modify-write per term on a typed array is several times slower.
 */
export function denseRows(x: Float64Array, wT: Float64Array, b: Float32Array, inputs: number, outputs: number, from: number, to: number, out: Float64Array): void {
  const tail = inputs & 3;
  for (let r = from; r < to; r++) {
    const xo = r * inputs;
    const oo = r * outputs;
    for (let j = 0; j < outputs; j++) {
      const w = j * inputs;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i < inputs - tail; i += 4) {
        s0 += x[xo + i]! * wT[w + i]!;
        s1 += x[xo + i + 1]! * wT[w + i + 1]!;
        s2 += x[xo + i + 2]! * wT[w + i + 2]!;
        s3 += x[xo + i + 3]! * wT[w + i + 3]!;
      }
      for (; i < inputs; i++) s0 += x[xo + i]! * wT[w + i]!;
      out[oo + j] = b[j]! + s0 + s1 + s2 + s3;
    }
  }
}

/** The last `keep` item indices of a history that are whole numbers in [0, itemCount): unknown ones skipped. */
export function lastKnownItems(itemIndices: ArrayLike<number>, itemCount: number, keep: number): number[] {
  const known: number[] = [];
  for (let i = 0; i < itemIndices.length; i++) {
    const item = itemIndices[i]!;
    if (Number.isInteger(item) && item >= 0 && item < itemCount) known.push(item);
  }
  return known.slice(-keep);
}
