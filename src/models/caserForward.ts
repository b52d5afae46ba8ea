import { lastKnownItems, needWeight, transposed } from './forwardMath.js';
import type { SasrecForward, SasrecWeights } from './sasrecForward.js';

/**
 * Caser inference for ONE history in plain TypeScript loops: the same function as caserEncoder.ts with training
 * off, evaluated at the last position only (the user vector reads nothing else): the window of the last W item
 * rows (zero rows before the history starts, as the encoder's padding), horizontal filters of every height
 * h = 1..W with ReLU and max over the window, vertical filters mixing the window's rows, then the linear layer.
 * Parity-tested against the tfjs encoder in caserForward.test.ts. Why: the tfjs encoder is ~60 small ops over
 * the whole history; here the arithmetic is ~60K multiply-adds at D = 64, W = 5 (well under a millisecond),
 * and no tfjs backend has to start (tfjs wasm took 3.2-5.4 ms p50 at length 50 on this machine, docs/bench).
 *
 * Same inputs and contract as sasrecForward.ts: the bundle's int8 item table, the other weights by the
 * encoder's parameter names; unknown indices skipped, the last maxLen count, zeros for an empty history.
 */
export type CaserWeights = SasrecWeights;
export type CaserForward = SasrecForward;

/** a[aOff .. aOff + n) . b[bOff .. bOff + n), two accumulators. */
function dot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[aOff + i]! * b[bOff + i]!;
    s1 += a[aOff + i + 1]! * b[bOff + i + 1]!;
  }
  if (i < n) s0 += a[aOff + i]! * b[bOff + i]!;
  return s0 + s1;
}

export function createCaserForward({ config, items, weights }: CaserWeights): CaserForward {
  const { dim: d, maxLen, caserWindow: w, caserHorizontal: nh, caserVertical: nv } = config;
  if (config.kind !== 'caser') throw new Error(`MODEL_BAD_ARTIFACT: createCaserForward needs a caser model, got ${config.kind}.`);
  if (items.dim !== d || items.count !== config.itemCount) throw new Error(`MODEL_BAD_ARTIFACT: item table is ${items.count} x ${items.dim}, the model expects ${config.itemCount} x ${d}.`);
  // Horizontal filters of height h: [h * D, nh] -> [nh, h * D], so a filter is one dot product with a gram.
  const horizontal = Array.from({ length: w }, (_, i) => {
    const h = i + 1;
    return { h, wT: transposed(needWeight(weights, `caser/h${h}/w`, h * d * nh), h * d, nh), b: needWeight(weights, `caser/h${h}/b`, nh) };
  });
  const vertical = needWeight(weights, 'caser/vertical', w * nv); // [W, nv]
  const features = w * nh + nv * d;
  const fcT = transposed(needWeight(weights, 'caser/fc/w', features * d), features, d);
  const fcB = needWeight(weights, 'caser/fc/b', d);
  // Buffers sized once: no allocation per encoding except the token list and the returned vector.
  const window = new Float64Array(w * d); // row o = item L - W + o (zeros before the history)
  const feature = new Float64Array(features);

  return {
    encode(itemIndices) {
      // Only the last W of the last maxLen items reach the last position's window.
      const seq = lastKnownItems(itemIndices, config.itemCount, Math.min(maxLen, w));
      const out = new Float32Array(d);
      if (seq.length === 0) return out;
      window.fill(0);
      for (let t = 0; t < seq.length; t++) {
        const item = seq[t]!;
        const s = items.scales[item]!;
        const row = (w - seq.length + t) * d;
        for (let j = 0; j < d; j++) window[row + j] = items.codes[item * d + j]! * s;
      }
      // Horizontal: filter f of height h, max over the window's h-grams (rows s .. s + h - 1) of ReLU(gram . w + b).
      for (const { h, wT, b } of horizontal) {
        for (let f = 0; f < nh; f++) {
          let best = 0; // ReLU outputs are >= 0, so 0 is a neutral start for the max
          for (let s = 0; s + h <= w; s++) {
            const v = b[f]! + dot(window, s * d, wT, f * h * d, h * d);
            if (v > best) best = v;
          }
          feature[(h - 1) * nh + f] = best;
        }
      }
      // Vertical: feature (j, f) = sum over window rows o of row_o[j] * vertical[o, f], laid out j * nv + f.
      const base = w * nh;
      for (let j = 0; j < d; j++) {
        for (let f = 0; f < nv; f++) {
          let sum = 0;
          for (let o = 0; o < w; o++) sum += window[o * d + j]! * vertical[o * nv + f]!;
          feature[base + j * nv + f] = sum;
        }
      }
      for (let j = 0; j < d; j++) out[j] = fcB[j]! + dot(feature, 0, fcT, j * features, features);
      return out;
    },
  };
}
