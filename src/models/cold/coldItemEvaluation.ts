import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../datasets/dataset.js';
import { seededRandom } from '../../training/random.js';
import { buildContentVectors } from '../../training/contentVectors.js';
import type { Params } from '../layers.js';
import type { SequenceModelConfig } from '../modelSpec.js';
import { RankingAccumulator, type RankingSummary } from '../rankingMetrics.js';
import { encodeUsers } from '../scoreUsers.js';
import { DEFAULT_GAN_OPTIONS, generate, trainEmbeddingGan, type Generator } from './embeddingGan.js';
import { applyMapper, fitRidgeMapper } from './ridgeMapper.js';

/**
 * Cold-item split (issue 8): a random `fraction` of items loses every interaction from training; the sequence
 * model is trained without them. Evaluated users are those whose test target is a cold item. Three ways to give
 * a cold item a score, compared on the same users:
 * - content: cosine of the item's content vector with the user's decayed content profile (no model);
 * - linear: model user vector . (ridge regression content -> model item embedding, fitted on warm items);
 * - gan: model user vector . G(content), the conditional GAN's generator (embeddingGan.ts).
 * Two rankings, both with quality-protocol.md's masking and tie rules: among the cold items only (which new
 * item will this user pick: isolates the quality of generated embeddings) and among all items (warm items keep
 * their learnt embeddings; for `content`, every item is scored by content).
 */
export function chooseColdItems(itemCount: number, fraction: number, seed: number): number[] {
  const random = seededRandom(seed);
  const keyed = Array.from({ length: itemCount }, (_, i) => ({ i, key: random() })).sort((a, b) => a.key - b.key);
  return keyed.slice(0, Math.round(itemCount * fraction)).map(({ i }) => i).sort((a, b) => a - b);
}

export interface ColdItemReport {
  coldItems: number;
  users: number;
  amongColdItems: Record<'content' | 'linear' | 'gan', RankingSummary>;
  amongAllItems: Record<'content' | 'linear' | 'gan', RankingSummary>;
}

const CONTENT_DECAY = 0.8;

function rankOf(scores: Float32Array, candidates: readonly number[], masked: ReadonlySet<number>, target: number): number {
  if (masked.has(target)) return -1;
  const own = scores[target]!;
  let rank = 0;
  for (const j of candidates) {
    if (masked.has(j)) continue;
    const s = scores[j]!;
    if (s > own || (s === own && j < target)) rank++;
  }
  return rank;
}

export async function evaluateColdItems(
  dataset: Dataset,
  params: Params,
  config: SequenceModelConfig,
  coldItems: readonly number[],
  trainedSequences: readonly Int32Array[],
  log: (line: string) => void,
): Promise<{ report: ColdItemReport; generator: Generator }> {
  const n = dataset.items.length;
  const d = config.dim;
  const cold = new Set(coldItems);
  const contentTable = buildContentVectors(dataset.items);
  if (contentTable.dtype !== 'float32') throw new Error('content vectors are expected as float32');
  const content = contentTable.values;
  const p = contentTable.dim;
  const table = (await tf.slice(params.item_embedding!, [1, 0], [-1, -1]).data()) as Float32Array;
  const seen = new Set<number>();
  for (const seq of trainedSequences) for (const item of seq) seen.add(item);
  const warm = [...seen].filter((i) => !cold.has(i)).sort((a, b) => a - b);

  const mapper = fitRidgeMapper(content, table, warm, p, d, 1);
  const linear = new Float32Array(table);
  for (const item of coldItems) linear.set(applyMapper(mapper, content, item), item * d);
  log(`cold items: ${coldItems.length}; ridge mapper fitted on ${warm.length} warm items; training the GAN`);
  const generator = await trainEmbeddingGan(content, table, warm, p, d, DEFAULT_GAN_OPTIONS, log);
  const generated = tf.tidy(() => generate(generator, tf.tensor2d(Float32Array.from(coldItems.flatMap((i) => Array.from(content.subarray(i * p, (i + 1) * p)))), [coldItems.length, p])));
  const ganValues = (await generated.data()) as Float32Array;
  generated.dispose();
  const gan = new Float32Array(table);
  coldItems.forEach((item, k) => gan.set(ganValues.subarray(k * d, (k + 1) * d), item * d));

  // Users whose test target is cold; the encoder reads their history without cold items (unknown to it).
  const cases = dataset.users
    .filter((u) => u.items.length >= 2 && cold.has(u.items[u.items.length - 1]!))
    .map((u) => ({ history: u.items.subarray(0, u.items.length - 1), target: u.items[u.items.length - 1]! }));
  const userVectors = await encodeUsers(params, config, cases.map((c) => c.history.filter((i) => !cold.has(i))));
  const all = Array.from({ length: n }, (_, i) => i);
  const methods = { content: new RankingAccumulator(), linear: new RankingAccumulator(), gan: new RankingAccumulator() };
  const methodsAll = { content: new RankingAccumulator(), linear: new RankingAccumulator(), gan: new RankingAccumulator() };
  const scores = new Float32Array(n);
  const profile = new Float32Array(p);
  cases.forEach((c, u) => {
    const masked = new Set(c.history);
    profile.fill(0);
    let weight = 1;
    for (let t = c.history.length - 1; t >= 0; t--, weight *= CONTENT_DECAY) {
      const item = c.history[t]!;
      for (let j = 0; j < p; j++) profile[j]! += weight * content[item * p + j]!;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += profile[j]! * content[i * p + j]!;
      scores[i] = s;
    }
    methods.content.add(rankOf(scores, coldItems, masked, c.target));
    methodsAll.content.add(rankOf(scores, all, masked, c.target));
    for (const [name, items] of [['linear', linear], ['gan', gan]] as const) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += userVectors[u * d + j]! * items[i * d + j]!;
        scores[i] = s;
      }
      methods[name].add(rankOf(scores, coldItems, masked, c.target));
      methodsAll[name].add(rankOf(scores, all, masked, c.target));
    }
  });
  const summary = (m: typeof methods) => ({ content: m.content.summary(), linear: m.linear.summary(), gan: m.gan.summary() });
  return { report: { coldItems: coldItems.length, users: cases.length, amongColdItems: summary(methods), amongAllItems: summary(methodsAll) }, generator };
}
