import * as tf from '@tensorflow/tfjs-core';
import type { LoadedSequenceModel } from './modelArtifacts.js';
import { encodeLast } from './sequenceEncoder.js';

/**
 * The worker's entry point: the shopper's recent items (dataset/bundle item indices, oldest first) to the model's
 * user vector [D], to be scored by dot product against the model's item table (rows in the same index order).
 * Runs on whatever tfjs backend is active; every intermediate tensor is released (tf.tidy), so
 * tf.memory().numTensors is unchanged afterwards.
 * Contract: indices outside 0..itemCount-1 are ignored; only the last maxLen items count; an empty history gives
 * the zero vector (every item scores 0: the signal has nothing to say and should abstain).
 * Synchronous (reads the result with dataSync): on GPU backends prefer `encodeSequenceAsync`.
 */
function tokensOf(model: LoadedSequenceModel, itemIndices: ArrayLike<number>): Int32Array {
  const { itemCount, maxLen } = model.config;
  const tokens: number[] = [];
  for (let i = 0; i < itemIndices.length; i++) {
    const item = itemIndices[i]!;
    if (Number.isInteger(item) && item >= 0 && item < itemCount) tokens.push(item + 1);
  }
  return Int32Array.from(tokens.slice(-maxLen));
}

function encodeTensor(model: LoadedSequenceModel, tokens: Int32Array): tf.Tensor2D {
  return tf.tidy(() => encodeLast(model.params, model.config, tf.tensor2d(tokens, [1, tokens.length], 'int32')));
}

export function encodeSequence(model: LoadedSequenceModel, itemIndices: ArrayLike<number>): Float32Array {
  const tokens = tokensOf(model, itemIndices);
  if (tokens.length === 0) return new Float32Array(model.config.dim);
  const vector = encodeTensor(model, tokens);
  try {
    return Float32Array.from(vector.dataSync());
  } finally {
    vector.dispose();
  }
}

export async function encodeSequenceAsync(model: LoadedSequenceModel, itemIndices: ArrayLike<number>): Promise<Float32Array> {
  const tokens = tokensOf(model, itemIndices);
  if (tokens.length === 0) return new Float32Array(model.config.dim);
  const vector = encodeTensor(model, tokens);
  try {
    return Float32Array.from(await vector.data());
  } finally {
    vector.dispose();
  }
}

/**
 * The model as a ranking signal: out[i] = user vector . item i's row of the int8 item table (dequantised), for
 * every item in index order. Returns false (and leaves `out` untouched) when the history holds no known item,
 * so fusion treats the signal as abstaining. This is what `reshelf eval --model` and the worker plug into fusion.
 */
export function scoreWithSequenceModel(model: LoadedSequenceModel, itemIndices: ArrayLike<number>, out: Float32Array): boolean {
  const user = encodeSequence(model, itemIndices);
  if (user.every((v) => v === 0)) return false;
  const { codes, scales, dim, count } = model.itemTable;
  for (let i = 0; i < count; i++) {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += user[j]! * codes[i * dim + j]!;
    out[i] = dot * scales[i]!;
  }
  return true;
}
