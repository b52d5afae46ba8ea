import * as tf from '@tensorflow/tfjs-core';
import { dense, embed, maybeDropout, param, type Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';

/**
 * Caser-style CNN (Tang & Wang 2018) over the matrix of the last W item embeddings, evaluated at every position
 * (causally: the window of position t is items t-W+1..t, zero rows before the sequence starts).
 * - horizontal filters of every height h = 1..W slide over the window; ReLU, then max over the window;
 * - vertical filters are W-weights mixing the window's rows (one D-vector per filter);
 * - a linear layer maps both to the D-dim user state. No user-id embedding: the browser knows no user id.
 * Convolutions are written as shifted slices + matMul, so training needs no Conv2D gradient kernels.
 */
export function caserParamShapes(config: SequenceModelConfig): Record<string, number[]> {
  const { dim: d, caserWindow: w, caserHorizontal: nh, caserVertical: nv } = config;
  const shapes: Record<string, number[]> = { 'caser/vertical': [w, nv], 'caser/fc/w': [w * nh + nv * d, d], 'caser/fc/b': [d] };
  for (let h = 1; h <= w; h++) {
    shapes[`caser/h${h}/w`] = [h * d, nh];
    shapes[`caser/h${h}/b`] = [nh];
  }
  return shapes;
}

export function caserEncode(params: Params, config: SequenceModelConfig, tokens: tf.Tensor2D, training: boolean): tf.Tensor3D {
  const [batch, length] = tokens.shape;
  const { dim: d, caserWindow: w, caserVertical: nv } = config;
  const embedded = maybeDropout(embed(param(params, 'item_embedding'), tokens), config.dropout, training);
  const padded = tf.pad(embedded, [[0, 0], [w - 1, 0], [0, 0]]); // [B, L + W - 1, D]
  const rows = (offset: number, count: number) => tf.slice(padded, [0, offset, 0], [batch, count, d]);

  const features: tf.Tensor[] = [];
  for (let h = 1; h <= w; h++) {
    // h-grams ending at every padded row q >= h-1: [B, L + W - h, nh].
    const count = length + w - h;
    const grams = tf.concat(Array.from({ length: h }, (_, o) => rows(o, count)), 2);
    const activations = tf.relu(dense(grams, param(params, `caser/h${h}/w`), param(params, `caser/h${h}/b`)));
    // Position t's window holds the h-grams t .. t + W - h (in h-gram index): max over those W - h + 1 slices.
    let pooled = tf.slice(activations, [0, 0, 0], [batch, length, -1]);
    for (let s = 1; s <= w - h; s++) pooled = tf.maximum(pooled, tf.slice(activations, [0, s, 0], [batch, length, -1]));
    features.push(pooled);
  }
  // Vertical: window rows stacked on a new axis [B, L, W, D] -> [B, L, D, W] @ [W, nv] -> [B, L, D * nv].
  const window = tf.stack(Array.from({ length: w }, (_, o) => rows(o, length)), 3); // [B, L, D, W]
  const vertical = tf.reshape(dense(window, param(params, 'caser/vertical')), [batch, length, d * nv]);
  features.push(vertical);
  const combined = maybeDropout(tf.concat(features, 2), config.dropout, training);
  return dense(combined, param(params, 'caser/fc/w'), param(params, 'caser/fc/b')) as tf.Tensor3D;
}
