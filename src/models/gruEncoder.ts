import * as tf from '@tensorflow/tfjs-core';
import { dense, embed, matMul, maybeDropout, param, type Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';

/**
 * GRU4Rec-style encoder (Hidasi et al. 2016): one GRU layer over the item embeddings, unrolled over the batch's
 * length, and a linear output projection. Left padding leaves the state untouched (masked update), so a short
 * sequence ends in the same state however much padding precedes it. Returns the state at every position.
 */
export function gruParamShapes(config: SequenceModelConfig): Record<string, number[]> {
  const d = config.dim;
  return { 'gru/wx': [d, 3 * d], 'gru/bx': [3 * d], 'gru/wh': [d, 3 * d], 'gru/bh': [3 * d], 'gru/out/w': [d, d], 'gru/out/b': [d] };
}

export function gruEncode(params: Params, config: SequenceModelConfig, tokens: tf.Tensor2D, training: boolean): tf.Tensor3D {
  const [batch, length] = tokens.shape;
  const d = config.dim;
  const inputs = maybeDropout(embed(param(params, 'item_embedding'), tokens), config.dropout, training);
  const projected = tf.unstack(dense(inputs, param(params, 'gru/wx'), param(params, 'gru/bx')), 1); // L x [B, 3D]
  const masks = tf.unstack(tf.cast(tf.notEqual(tokens, 0), 'float32'), 1).map((m) => tf.reshape(m, [batch, 1]));
  const wh = param(params, 'gru/wh');
  const bh = param(params, 'gru/bh');
  let state: tf.Tensor = tf.zeros([batch, d]);
  const states: tf.Tensor[] = [];
  for (let t = 0; t < length; t++) {
    const [xz, xr, xn] = tf.split(projected[t]!, 3, 1);
    const [hz, hr, hn] = tf.split(tf.add(matMul(state, wh), bh), 3, 1);
    const update = tf.sigmoid(tf.add(xz!, hz!));
    const reset = tf.sigmoid(tf.add(xr!, hr!));
    const candidate = tf.tanh(tf.add(xn!, tf.mul(reset, hn!)));
    const next = tf.add(tf.mul(tf.sub(1, update), candidate), tf.mul(update, state));
    const m = masks[t]!;
    state = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), state));
    states.push(state);
  }
  const sequence = maybeDropout(tf.stack(states, 1), config.dropout, training);
  return dense(sequence, param(params, 'gru/out/w'), param(params, 'gru/out/b')) as tf.Tensor3D;
}
