import type { SasrecForward, SasrecWeights } from './sasrecForward.js';

/**
 * GRU inference for ONE history in plain TypeScript loops: the same function as gruEncoder.ts with training off
 * (one GRU layer over the dequantised item rows, then the linear output projection of the last state;
 * parity-tested against the tfjs encoder in gruForward.test.ts). Why: the tfjs encoder runs ~12 small ops per
 * step, 50 steps one after the other, and per-op overhead, not arithmetic, set its time (14.9 ms p50 on tfjs
 * wasm at length 50, docs/bench); the arithmetic is ~1.2M multiply-adds at D = 64, about a millisecond in a JS
 * loop, no backend needed. Exact savings: no padding steps (a single history has none, and padding leaves the
 * tfjs state untouched anyway) and the output projection for the last state only.
 *
 * Same inputs and contract as sasrecForward.ts: the bundle's int8 item table, the other weights by the
 * encoder's parameter names; unknown indices skipped, the last maxLen count, zeros for an empty history.
 */
export type GruWeights = SasrecWeights;
export type GruForward = SasrecForward;

function need(weights: Record<string, Float32Array>, name: string, length: number): Float32Array {
  const w = weights[name];
  if (!w || w.length !== length) throw new Error(`MODEL_BAD_ARTIFACT: weight "${name}" is missing or has ${w?.length ?? 0} values, expected ${length}.`);
  return w;
}

/** w [rows, cols] row-major -> [cols, rows] as float64: each output becomes one contiguous dot product. */
function transposed(w: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = w[i * cols + j]!;
  return out;
}

/**
 * out[j] = b[j] + x . wT[j] for j < outputs: x [d], wT [outputs, d]. Local accumulators unrolled by four
 * (V8 keeps them in registers; a read-modify-write per term on a typed array is several times slower).
 */
function affine(x: Float64Array, wT: Float64Array, b: Float32Array, d: number, outputs: number, out: Float64Array): void {
  const tail = d & 3;
  for (let j = 0; j < outputs; j++) {
    const w = j * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i < d - tail; i += 4) {
      s0 += x[i]! * wT[w + i]!;
      s1 += x[i + 1]! * wT[w + i + 1]!;
      s2 += x[i + 2]! * wT[w + i + 2]!;
      s3 += x[i + 3]! * wT[w + i + 3]!;
    }
    for (; i < d; i++) s0 += x[i]! * wT[w + i]!;
    out[j] = b[j]! + s0 + s1 + s2 + s3;
  }
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function createGruForward({ config, items, weights }: GruWeights): GruForward {
  const { dim: d, maxLen } = config;
  if (config.kind !== 'gru') throw new Error(`MODEL_BAD_ARTIFACT: createGruForward needs a gru model, got ${config.kind}.`);
  if (items.dim !== d || items.count !== config.itemCount) throw new Error(`MODEL_BAD_ARTIFACT: item table is ${items.count} x ${items.dim}, the model expects ${config.itemCount} x ${d}.`);
  // Gate order in the 3D columns, as gruEncoder.ts splits them: update z, reset r, candidate n.
  const wxT = transposed(need(weights, 'gru/wx', d * 3 * d), d, 3 * d);
  const bx = need(weights, 'gru/bx', 3 * d);
  const whT = transposed(need(weights, 'gru/wh', d * 3 * d), d, 3 * d);
  const bh = need(weights, 'gru/bh', 3 * d);
  const outT = transposed(need(weights, 'gru/out/w', d * d), d, d);
  const outB = need(weights, 'gru/out/b', d);
  // Buffers sized once: no allocation per encoding except the token list and the returned vector.
  const x = new Float64Array(d);
  const h = new Float64Array(d);
  const gx = new Float64Array(3 * d);
  const gh = new Float64Array(3 * d);
  const projected = new Float64Array(d);

  return {
    encode(itemIndices) {
      const tokens: number[] = [];
      for (let i = 0; i < itemIndices.length; i++) {
        const item = itemIndices[i]!;
        if (Number.isInteger(item) && item >= 0 && item < config.itemCount) tokens.push(item);
      }
      const seq = tokens.slice(-maxLen);
      const out = new Float32Array(d);
      if (seq.length === 0) return out;
      h.fill(0);
      for (const item of seq) {
        const s = items.scales[item]!;
        for (let j = 0; j < d; j++) x[j] = items.codes[item * d + j]! * s;
        affine(x, wxT, bx, d, 3 * d, gx);
        affine(h, whT, bh, d, 3 * d, gh);
        for (let j = 0; j < d; j++) {
          const z = sigmoid(gx[j]! + gh[j]!);
          const r = sigmoid(gx[d + j]! + gh[d + j]!);
          const n = Math.tanh(gx[2 * d + j]! + r * gh[2 * d + j]!);
          h[j] = (1 - z) * n + z * h[j]!;
        }
      }
      affine(h, outT, outB, d, d, projected);
      for (let j = 0; j < d; j++) out[j] = projected[j]!;
      return out;
    },
  };
}
