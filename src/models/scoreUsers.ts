import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';
import { RankingAccumulator, protocolRank, type RankingSummary } from './rankingMetrics.js';
import { encodingBatches } from './sequenceBatches.js';
import { encodeLast } from './sequenceEncoder.js';

/** One ranking case: the model reads `history` (dataset indices) and should rank `target` high. */
export interface SequenceCase {
  history: Int32Array;
  target: number;
}

/**
 * Encodes every history (batched by length) and hands each user's scores over all items (dataset index order)
 * to `visit`. Scores are the dot product of the user vector with rows 1..itemCount of `item_embedding`.
 */
export async function forEachUserScores(
  params: Params,
  config: SequenceModelConfig,
  histories: readonly Int32Array[],
  visit: (user: number, scores: Float32Array) => void,
  batchSize = 256,
): Promise<void> {
  // Transposed once: a plain matMul is the fast path on wasm (see layers.ts).
  const items = tf.tidy(() => tf.transpose(tf.slice(params.item_embedding!, [1, 0], [-1, -1])));
  try {
    for (const batch of encodingBatches(histories, batchSize, config.maxLen)) {
      const scores = tf.tidy(() => {
        const tokens = tf.tensor2d(batch.tokens, [batch.rows, batch.length], 'int32');
        return tf.matMul(encodeLast(params, config, tokens), items as tf.Tensor2D);
      });
      const values = (await scores.data()) as Float32Array;
      scores.dispose();
      const n = config.itemCount;
      for (let row = 0; row < batch.rows; row++) visit(batch.sources[row]!, values.subarray(row * n, (row + 1) * n));
    }
  } finally {
    items.dispose();
  }
}

/** The encoder's user vector for every history: [histories.length * D], row i = history i. */
export async function encodeUsers(params: Params, config: SequenceModelConfig, histories: readonly Int32Array[], batchSize = 256): Promise<Float32Array> {
  const out = new Float32Array(histories.length * config.dim);
  for (const batch of encodingBatches(histories, batchSize, config.maxLen)) {
    const vectors = tf.tidy(() => encodeLast(params, config, tf.tensor2d(batch.tokens, [batch.rows, batch.length], 'int32')));
    const values = (await vectors.data()) as Float32Array;
    vectors.dispose();
    for (let row = 0; row < batch.rows; row++) out.set(values.subarray(row * config.dim, (row + 1) * config.dim), batch.sources[row]! * config.dim);
  }
  return out;
}

/** Full-ranking HR/NDCG@5,10,20 of the protocol (rankingMetrics.ts) over the given cases. */
export async function evaluateCases(params: Params, config: SequenceModelConfig, cases: readonly SequenceCase[]): Promise<RankingSummary> {
  const metrics = new RankingAccumulator();
  await forEachUserScores(
    params,
    config,
    cases.map((c) => c.history),
    (user, scores) => metrics.add(protocolRank(scores, config.itemCount, cases[user]!.history, cases[user]!.target)),
  );
  return metrics.summary();
}
