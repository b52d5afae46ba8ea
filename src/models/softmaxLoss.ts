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

/**
 * Residual training (`reshelf train --prior-config`, classicalPrior.ts): a fixed classical score per (row,
 * candidate), added to the logits as alpha * prior with alpha trained, so the loss only rewards what that score
 * misses. `target` [P] is each row's target cell; `candidates` is [P x K] for the shared sampled negatives, or
 * [P x itemCount] (tokens 1..itemCount) for the full softmax; `hard` [P x H] for per-row hard negatives.
 */
export interface PriorLogits {
  alpha: tf.Scalar;
  target: Float32Array;
  candidates: Float32Array;
  hard?: Float32Array;
}

const scaledPrior = (prior: PriorLogits, values: Float32Array, rows: number, columns: number): tf.Tensor2D => {
  if (values.length !== rows * columns) throw new Error(`prior logits: ${values.length} values for ${rows} rows x ${columns}.`);
  return tf.mul(prior.alpha, tf.tensor2d(values, [rows, columns])) as tf.Tensor2D;
};

export function fullSoftmaxLoss(states: tf.Tensor2D, itemTable: tf.Tensor2D, targets: tf.Tensor1D, prior?: PriorLogits): tf.Scalar {
  const items = tf.slice(itemTable, [1, 0], [-1, -1]); // drop the padding row
  let logits = matMul(states, tf.transpose(items)) as tf.Tensor2D;
  let positive = tf.sum(tf.mul(states, tf.gather(itemTable, targets)), 1) as tf.Tensor1D;
  if (prior) {
    const [rows, columns] = logits.shape;
    logits = tf.add(logits, scaledPrior(prior, prior.candidates, rows, columns));
    positive = tf.add(positive, tf.reshape(scaledPrior(prior, prior.target, rows, 1), [rows]));
  }
  return tf.mean(tf.sub(logSumExpRows(logits), positive)) as tf.Scalar;
}

/**
 * `logQ` (optional) holds log(K * q(token)) for the proposal q the negatives were drawn from: subtracting it from
 * every candidate's logit (target and negatives, as TensorFlow's sampled_softmax_loss does) makes the sampled
 * softmax approximate the full one for a non-uniform proposal.
 */
export function sampledSoftmaxLoss(states: tf.Tensor2D, itemTable: tf.Tensor2D, targets: Int32Array, negatives: Int32Array, logQ?: Float32Array, hard?: HardNegatives, prior?: PriorLogits): tf.Scalar {
  const positions = targets.length;
  const k = negatives.length;
  const hits = new Float32Array(positions * k);
  const negativeRow = new Map<number, number[]>();
  negatives.forEach((token, j) => negativeRow.set(token, [...(negativeRow.get(token) ?? []), j]));
  for (let p = 0; p < positions; p++) for (const j of negativeRow.get(targets[p]!) ?? []) hits[p * k + j] = NEG;
  let positive = tf.sum(tf.mul(states, tf.gather(itemTable, tf.tensor1d(targets, 'int32'))), 1, true); // [P, 1]
  let negative = tf.add(matMul(states, tf.transpose(tf.gather(itemTable, tf.tensor1d(negatives, 'int32')))), tf.tensor2d(hits, [positions, k]));
  if (logQ) {
    positive = tf.sub(positive, tf.reshape(tf.tensor1d(Float32Array.from(targets, (t) => logQ[t]!)), [positions, 1]));
    negative = tf.sub(negative, tf.tensor1d(Float32Array.from(negatives, (t) => logQ[t]!)));
  }
  if (prior) {
    positive = tf.add(positive, scaledPrior(prior, prior.target, positions, 1));
    negative = tf.add(negative, scaledPrior(prior, prior.candidates, positions, k));
  }
  const parts = [positive, negative];
  if (hard && hard.perPosition > 0) {
    let hardLogits = hardNegativeLogits(states, itemTable, targets, hard);
    if (prior) {
      if (!prior.hard) throw new Error('prior logits: hard negatives need their prior values too.');
      hardLogits = tf.add(hardLogits, scaledPrior(prior, prior.hard, positions, hard.perPosition));
    }
    parts.push(hardLogits);
  }
  const logits = tf.concat(parts, 1);
  return tf.mean(tf.sub(logSumExpRows(logits as tf.Tensor2D), tf.reshape(positive, [positions]))) as tf.Scalar;
}

/**
 * Re-ranking loss (`reshelf train --prior-loss top`, priorTable.ts priorTopCandidates): softmax over each row's own
 * candidates, the classical prior's top items, of logit + alpha * prior; the target is one of them
 * (`targetColumn`). Unlike the full or sampled loss it never asks the model to lift a target the prior ranks far
 * down: all its gradient goes to reordering the prior's own top, which is what a top-10 metric sees.
 * `states` [P, D] are the kept rows; `tokens`/`values`/`mask` [P x k], scaled prior values.
 */
export function candidateSoftmaxLoss(states: tf.Tensor2D, itemTable: tf.Tensor2D, candidates: { tokens: Int32Array; values: Float32Array; mask: Float32Array; targetColumn: Int32Array }, alpha: tf.Scalar): tf.Scalar {
  const rows = candidates.targetColumn.length;
  const k = candidates.tokens.length / rows;
  if (!Number.isInteger(k) || candidates.values.length !== rows * k || candidates.mask.length !== rows * k) throw new Error(`candidate softmax: ${candidates.tokens.length} tokens for ${rows} rows.`);
  const logits = tf.add(tf.add(rowCandidateDots(states, itemTable, candidates.tokens, k), tf.mul(alpha, tf.tensor2d(candidates.values, [rows, k]))), tf.tensor2d(candidates.mask, [rows, k])) as tf.Tensor2D;
  const target = tf.sum(tf.mul(logits, tf.oneHot(tf.tensor1d(candidates.targetColumn, 'int32'), k)), 1) as tf.Tensor1D;
  return tf.mean(tf.sub(logSumExpRows(logits), target)) as tf.Scalar;
}

/**
 * Per-position negatives (`reshelf train --hard-negatives`, see trainHardNegatives.ts): `tokens` [P x perPosition],
 * row p for the position with target `targets[p]`. They join that row's softmax without logQ correction: they are
 * not an estimate of the full softmax but extra weight on the candidates the classical signals confuse with the
 * target. Token 0 (an empty pool slot) and a draw equal to the row's own target are masked out.
 */
export interface HardNegatives {
  tokens: Int32Array;
  perPosition: number;
}

function hardNegativeLogits(states: tf.Tensor2D, itemTable: tf.Tensor2D, targets: Int32Array, hard: HardNegatives): tf.Tensor2D {
  const positions = targets.length;
  const h = hard.perPosition;
  if (hard.tokens.length !== positions * h) throw new Error(`hard negatives: ${hard.tokens.length} tokens for ${positions} positions x ${h}.`);
  const mask = new Float32Array(positions * h);
  for (let p = 0; p < positions; p++) {
    for (let j = 0; j < h; j++) {
      const token = hard.tokens[p * h + j]!;
      if (token === 0 || token === targets[p]) mask[p * h + j] = NEG;
    }
  }
  return tf.add(rowCandidateDots(states, itemTable, hard.tokens, h), tf.tensor2d(mask, [positions, h])) as tf.Tensor2D;
}

/**
 * Negative sampler. `uniform`: every item equally likely. `mixed`: half of the draws follow training popularity
 * (a random training target), half are uniform, i.e. q(j) = popularityShare * count_j / total + (1 - share) / N.
 * Uniform negatives alone teach the model to beat random items, which are mostly rare; in full ranking it must
 * beat the popular ones (measured on Beauty: uniform 256 negatives stayed at popularity-level validation NDCG).
 */
export class NegativeSampler {
  /** log(K * q(token)) per token (index 0 unused), for the logQ correction. */
  readonly logQ: Float32Array;
  private readonly targets: Int32Array;

  constructor(
    private readonly itemCount: number,
    sequences: readonly Int32Array[],
    private readonly k: number,
    private readonly popularityShare: number,
  ) {
    const all: number[] = [];
    for (const seq of sequences) for (let t = 1; t < seq.length; t++) all.push(seq[t]! + 1);
    this.targets = Int32Array.from(all);
    const counts = new Float64Array(itemCount + 1);
    for (const token of all) counts[token]! += 1;
    const share = all.length > 0 ? popularityShare : 0;
    this.logQ = new Float32Array(itemCount + 1);
    for (let token = 1; token <= itemCount; token++) {
      const q = (share * counts[token]!) / Math.max(1, all.length) + (1 - share) / itemCount;
      this.logQ[token] = Math.log(k * q);
    }
  }

  draw(random: () => number): Int32Array {
    const out = new Int32Array(this.k);
    const share = this.targets.length > 0 ? this.popularityShare : 0;
    for (let j = 0; j < this.k; j++) {
      out[j] = random() < share ? this.targets[Math.floor(random() * this.targets.length)]! : 1 + Math.floor(random() * this.itemCount);
    }
    return out;
  }
}

/** Row p's state against row p's own `perRow` candidate tokens ([P x perRow], row-major): [P, perRow] dot products. */
function rowCandidateDots(states: tf.Tensor2D, itemTable: tf.Tensor2D, tokens: Int32Array, perRow: number): tf.Tensor2D {
  const embedded = tf.reshape(tf.gather(itemTable, tf.tensor1d(tokens, 'int32')), [states.shape[0], perRow, -1]); // [P, perRow, D]
  return tf.sum(tf.mul(embedded, tf.expandDims(states, 1)), 2) as tf.Tensor2D;
}
