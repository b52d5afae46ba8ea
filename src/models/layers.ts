import * as tf from '@tensorflow/tfjs-core';

/**
 * Small building blocks shared by the three encoders, written with tfjs-core ops only (no tfjs-layers), so the
 * same code trains in Node and encodes in the browser worker with whatever backend is active.
 */
export type Params = Record<string, tf.Tensor>;

export function param(params: Params, name: string): tf.Tensor {
  const value = params[name];
  if (!value) throw new Error(`MODEL_BAD_ARTIFACT: weight "${name}" is missing from the model.`);
  return value;
}

/** Swaps the last two axes. */
export function swapLastAxes(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  perm[perm.length - 2] = perm.length - 1;
  perm[perm.length - 1] = perm.length - 2;
  return tf.transpose(x, perm);
}

/**
 * a @ b (rank 2, or equal batch dims) whose gradient never asks for a transposed matMul. The tfjs wasm backend
 * runs `matMul(a, b, transposeA, transposeB)` on a slow path (measured 5-30x slower than an explicit transpose
 * followed by a plain matMul), and tfjs's own MatMul gradient uses exactly those flags.
 */
export const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(dy, swapLastAxes(saved[1]!)), tf.matMul(swapLastAxes(saved[0]!), dy)],
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** x [..., in] @ w [in, out] + b [out]. */
export function dense(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const inner = x.shape[x.shape.length - 1]!;
  const out = w.shape[1]!;
  const flat = matMul(tf.reshape(x, [-1, inner]), w);
  const biased = b ? tf.add(flat, b) : flat;
  return tf.reshape(biased, [...x.shape.slice(0, -1), out]);
}

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-6))), gamma), beta);
}

export function maybeDropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  return training && rate > 0 ? tf.dropout(x, rate) : x;
}

/** 1 for real items, 0 for padding: [B, L, 1] float. */
export function itemMask(tokens: tf.Tensor2D): tf.Tensor3D {
  return tf.expandDims(tf.cast(tf.notEqual(tokens, 0), 'float32'), -1) as tf.Tensor3D;
}

/** Embedding lookup of a [B, L] token matrix with padding rows zeroed: [B, L, D]. */
export function embed(table: tf.Tensor, tokens: tf.Tensor2D): tf.Tensor3D {
  const [batch, length] = tokens.shape;
  const rows = tf.gather(table, tf.reshape(tokens, [-1]));
  return tf.mul(tf.reshape(rows, [batch, length, table.shape[1]!]), itemMask(tokens)) as tf.Tensor3D;
}
