import { denseRows, lastKnownItems, needWeight, transposed } from './forwardMath.js';
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

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function createGruForward({ config, items, weights }: GruWeights): GruForward {
  const { dim: d, maxLen } = config;
  if (config.kind !== 'gru') throw new Error(`MODEL_BAD_ARTIFACT: createGruForward needs a gru model, got ${config.kind}.`);
  if (items.dim !== d || items.count !== config.itemCount) throw new Error(`MODEL_BAD_ARTIFACT: item table is ${items.count} x ${items.dim}, the model expects ${config.itemCount} x ${d}.`);
  // Gate order in the 3D columns, as gruEncoder.ts splits them: update z, reset r, candidate n.
  const wxT = transposed(needWeight(weights, 'gru/wx', d * 3 * d), d, 3 * d);
  const bx = needWeight(weights, 'gru/bx', 3 * d);
  const whT = transposed(needWeight(weights, 'gru/wh', d * 3 * d), d, 3 * d);
  const bh = needWeight(weights, 'gru/bh', 3 * d);
  const outT = transposed(needWeight(weights, 'gru/out/w', d * d), d, d);
  const outB = needWeight(weights, 'gru/out/b', d);
  // Buffers sized once: no allocation per encoding except the token list and the returned vector.
  const x = new Float64Array(d);
  const h = new Float64Array(d);
  const gx = new Float64Array(3 * d);
  const gh = new Float64Array(3 * d);
  const projected = new Float64Array(d);

  return {
    encode(itemIndices) {
      const seq = lastKnownItems(itemIndices, config.itemCount, maxLen);
      const out = new Float32Array(d);
      if (seq.length === 0) return out;
      h.fill(0);
      for (const item of seq) {
        const s = items.scales[item]!;
        for (let j = 0; j < d; j++) x[j] = items.codes[item * d + j]! * s;
        denseRows(x, wxT, bx, d, 3 * d, 0, 1, gx);
        denseRows(h, whT, bh, d, 3 * d, 0, 1, gh);
        for (let j = 0; j < d; j++) {
          const z = sigmoid(gx[j]! + gh[j]!);
          const r = sigmoid(gx[d + j]! + gh[d + j]!);
          const n = Math.tanh(gx[2 * d + j]! + r * gh[2 * d + j]!);
          h[j] = (1 - z) * n + z * h[j]!;
        }
      }
      denseRows(h, outT, outB, d, d, 0, 1, projected);
      for (let j = 0; j < d; j++) out[j] = projected[j]!;
      return out;
    },
  };
}
