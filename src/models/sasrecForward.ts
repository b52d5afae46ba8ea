import type { VectorTable } from '../catalog/catalogModel.js';
import { denseRows, lastKnownItems, needWeight, transposed } from './forwardMath.js';
import type { SequenceModelConfig } from './modelSpec.js';

/**
 * SASRec inference for ONE history in plain TypeScript loops: the same function as sasrecEncoder.ts with
 * training off (pre-norm causal self-attention blocks, final layer norm; parity-tested against the tfjs
 * encoder), computing only what the user vector needs. Why: one encoding is ~160 small tfjs ops, and per-op
 * overhead, not arithmetic, set its time (15-28 ms on tfjs wasm, 50 ms on tfjs cpu, measured at length 50);
 * the arithmetic is ~2M multiply-adds at D = 64, a few ms in a JS loop on any device, no backend needed.
 * Savings that are exact, not approximations: no padding (a single history has none), and in the last block
 * only the last position's query, attention row and feed-forward (earlier positions feed it only through
 * their keys and values).
 */
export interface SasrecWeights {
  config: SequenceModelConfig;
  /** Item table the encoder embeds with: row i = item i (token i + 1), int8 codes x scale. */
  items: Extract<VectorTable, { dtype: 'int8' }>;
  /** Every other weight as a flat float32 array, by the encoder's parameter names. */
  weights: Record<string, Float32Array>;
}

export interface SasrecForward {
  /** The user vector [D] of the last `maxLen` of these item indices (unknown indices skipped); zeros when empty. */
  encode(itemIndices: ArrayLike<number>): Float32Array;
}

function layerNorm(x: Float64Array, gamma: Float32Array, beta: Float32Array, d: number, from: number, to: number, out: Float64Array): void {
  for (let r = from; r < to; r++) {
    const o = r * d;
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[o + j]!;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (x[o + j]! - mean) ** 2;
    const inv = 1 / Math.sqrt(variance / d + 1e-6);
    for (let j = 0; j < d; j++) out[o + j] = (x[o + j]! - mean) * inv * gamma[j]! + beta[j]!;
  }
}

export function createSasrecForward({ config, items, weights }: SasrecWeights): SasrecForward {
  const { dim: d, maxLen, blocks, heads } = config;
  if (config.kind !== 'sasrec') throw new Error(`MODEL_BAD_ARTIFACT: createSasrecForward needs a sasrec model, got ${config.kind}.`);
  const position = needWeight(weights, 'position_embedding', maxLen * d);
  const layer = Array.from({ length: blocks }, (_, b) => {
    const p = (name: string, n: number) => needWeight(weights, `block${b}/${name}`, n);
    const w = (name: string) => transposed(p(name, d * d), d, d);
    return {
      q: [w('attn/q/w'), p('attn/q/b', d)] as const,
      k: [w('attn/k/w'), p('attn/k/b', d)] as const,
      v: [w('attn/v/w'), p('attn/v/b', d)] as const,
      o: [w('attn/o/w'), p('attn/o/b', d)] as const,
      f1: [w('ffn/w1'), p('ffn/b1', d)] as const,
      f2: [w('ffn/w2'), p('ffn/b2', d)] as const,
      ln1: [p('ln1/gamma', d), p('ln1/beta', d)] as const,
      ln2: [p('ln2/gamma', d), p('ln2/beta', d)] as const,
    };
  });
  const finalLn = [needWeight(weights, 'final_ln/gamma', d), needWeight(weights, 'final_ln/beta', d)] as const;
  // Buffers sized once for the longest history: no allocation per encoding except the returned vector.
  // Float64 activations and weights: V8 reads them without a float32 -> double conversion per element.
  const x = new Float64Array(maxLen * d);
  const normed = new Float64Array(maxLen * d);
  const q = new Float64Array(maxLen * d);
  const k = new Float64Array(maxLen * d);
  const v = new Float64Array(maxLen * d);
  const context = new Float64Array(maxLen * d);
  const projected = new Float64Array(maxLen * d);
  const hidden = new Float64Array(maxLen * d);
  const attention = new Float64Array(maxLen);
  const headDim = d / heads;
  const scale = 1 / Math.sqrt(headDim);
  const embedScale = Math.sqrt(d);

  return {
    encode(itemIndices) {
      const seq = lastKnownItems(itemIndices, config.itemCount, maxLen);
      const length = seq.length;
      const out = new Float32Array(d);
      if (length === 0) return out;
      for (let t = 0; t < length; t++) {
        const item = seq[t]!;
        const s = items.scales[item]! * embedScale;
        const pos = (maxLen - length + t) * d;
        for (let j = 0; j < d; j++) x[t * d + j] = items.codes[item * d + j]! * s + position[pos + j]!;
      }
      const last = length - 1;
      for (let b = 0; b < blocks; b++) {
        const L = layer[b]!;
        // In the last block only the last row's output is read: keys and values still need every row.
        const from = b === blocks - 1 ? last : 0;
        layerNorm(x, L.ln1[0], L.ln1[1], d, 0, length, normed);
        denseRows(normed, L.q[0], L.q[1], d, d, from, length, q);
        denseRows(normed, L.k[0], L.k[1], d, d, 0, length, k);
        denseRows(normed, L.v[0], L.v[1], d, d, 0, length, v);
        for (let i = from; i < length; i++) {
          for (let h = 0; h < heads; h++) {
            const off = h * headDim;
            let max = -Infinity;
            for (let j = 0; j <= i; j++) {
              let dot = 0;
              for (let c = 0; c < headDim; c++) dot += q[i * d + off + c]! * k[j * d + off + c]!;
              attention[j] = dot * scale;
              if (attention[j]! > max) max = attention[j]!;
            }
            let sum = 0;
            for (let j = 0; j <= i; j++) sum += attention[j] = Math.exp(attention[j]! - max);
            for (let c = 0; c < headDim; c++) {
              let acc = 0;
              for (let j = 0; j <= i; j++) acc += attention[j]! * v[j * d + off + c]!;
              context[i * d + off + c] = acc / sum;
            }
          }
        }
        denseRows(context, L.o[0], L.o[1], d, d, from, length, projected);
        for (let i = from * d; i < length * d; i++) x[i] += projected[i]!;
        layerNorm(x, L.ln2[0], L.ln2[1], d, from, length, normed);
        denseRows(normed, L.f1[0], L.f1[1], d, d, from, length, hidden);
        for (let i = from * d; i < length * d; i++) if (hidden[i]! < 0) hidden[i] = 0;
        denseRows(hidden, L.f2[0], L.f2[1], d, d, from, length, projected);
        for (let i = from * d; i < length * d; i++) x[i] += projected[i]!;
      }
      layerNorm(x, finalLn[0], finalLn[1], d, last, length, normed);
      out.set(normed.subarray(last * d, length * d));
      return out;
    },
  };
}

/**
 * The weights of model.json + weights.bin as flat float32 arrays, without tfjs: tfjs's weight encoding of
 * float32 tensors is their values back to back in manifest order (the only dtype reshelf writes).
 */
export function decodeFloat32Weights(manifest: readonly { name: string; shape: number[]; dtype: string }[], bytes: Uint8Array): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  let offset = 0;
  for (const spec of manifest) {
    if (spec.dtype !== 'float32') throw new Error(`MODEL_BAD_ARTIFACT: weight "${spec.name}" is ${spec.dtype}; only float32 weights are read.`);
    const count = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + count * 4 > bytes.byteLength) throw new Error(`MODEL_BAD_ARTIFACT: the weights file ends inside weight "${spec.name}".`);
    // Copied out: the source bytes need not be 4-byte aligned, and the model must not alias the bundle's buffer.
    out[spec.name] = new Float32Array(bytes.slice(offset, offset + count * 4).buffer);
    offset += count * 4;
  }
  return out;
}
