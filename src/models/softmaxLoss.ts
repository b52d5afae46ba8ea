import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './layers.js';

/**
 * Cross-entropy of the next item over many candidates (never one-negative BCE):
 * - full: softmax over every item;
 * - sampled: softmax over the target plus K uniformly drawn negatives shared by the whole batch. Uniform draws
 *   need no log-Q correction (every item has the same proposal probability). A negative that happens to be a
 *   row's own target is masked out of that row.
 * `states` [P, D] are the encoder outputs at the P positions that have a target; `targets` [P] are tokens.
 */
const NEG = -1e9;

/**
 * Row-wise log-sum-exp [P, C] -> [P] with the gradient written as softmax(x) * dy. tfjs's own logSumExp
 * differentiates through its max shift with a broadcast `equal`, which the wasm backend runs ~10x slower than
 * everything else in a training step (profiled); the shift has no effect on the value's gradient anyway.
 */
const logSumExpRows = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  save([x]);
  const shift = tf.max(x, 1, true);
  const value = tf.reshape(tf.add(tf.log(tf.sum(tf.exp(tf.sub(x, shift)), 1, true)), shift), [x.shape[0]]);
  return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(tf.softmax(saved[0]!), tf.expandDims(dy, 1))] };
}) as (x: tf.Tensor2D) => tf.Tensor1D;

export function fullSoftmaxLoss(states: tf.Tensor2D, itemTable: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const items = tf.slice(itemTable, [1, 0], [-1, -1]); // drop the padding row
  const logits = matMul(states, tf.transpose(items));
  const positive = tf.sum(tf.mul(states, tf.gather(itemTable, targets)), 1);
  return tf.mean(tf.sub(logSumExpRows(logits as tf.Tensor2D), positive)) as tf.Scalar;
}

export function sampledSoftmaxLoss(states: tf.Tensor2D, itemTable: tf.Tensor2D, targets: Int32Array, negatives: Int32Array): tf.Scalar {
  const positions = targets.length;
  const k = negatives.length;
  const hits = new Float32Array(positions * k);
  const negativeRow = new Map<number, number[]>();
  negatives.forEach((token, j) => negativeRow.set(token, [...(negativeRow.get(token) ?? []), j]));
  for (let p = 0; p < positions; p++) for (const j of negativeRow.get(targets[p]!) ?? []) hits[p * k + j] = NEG;
  const positive = tf.sum(tf.mul(states, tf.gather(itemTable, tf.tensor1d(targets, 'int32'))), 1, true); // [P, 1]
  const negative = tf.add(matMul(states, tf.transpose(tf.gather(itemTable, tf.tensor1d(negatives, 'int32')))), tf.tensor2d(hits, [positions, k]));
  const logits = tf.concat([positive, negative], 1);
  return tf.mean(tf.sub(logSumExpRows(logits as tf.Tensor2D), tf.reshape(positive, [positions]))) as tf.Scalar;
}

/** K distinct-ish uniform negative tokens in 1..itemCount (duplicates are harmless and rare). */
export function drawNegatives(k: number, itemCount: number, random: () => number): Int32Array {
  const out = new Int32Array(k);
  for (let j = 0; j < k; j++) out[j] = 1 + Math.floor(random() * itemCount);
  return out;
}
