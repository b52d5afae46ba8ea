import type { Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';
import { addPriorRow, type PriorTable } from './priorTable.js';
import { RankingAccumulator, protocolRank, type RankingSummary } from './rankingMetrics.js';
import { forEachUserScores, type SequenceCase } from './scoreUsers.js';

/**
 * Validation of residual training: the model was trained as logits + weight * prior, so early stopping must judge
 * that sum (the model alone is not what the loss optimised). One encoding pass gives both figures: `withPrior`
 * (what early stopping uses) and `model` (the logits alone, the signal `reshelf eval --model` will fuse).
 * `prior` has one row per case, in the order of `cases`; `weight` = alpha * the prior's scale. `topOnly` (the
 * re-ranking loss, `--prior-loss top`): the model only ever learned to reorder each row's prior top, so the sum
 * ranks those items and every other item comes after them.
 */
export async function evaluateCasesWithPrior(
  params: Params,
  config: SequenceModelConfig,
  cases: readonly SequenceCase[],
  prior: PriorTable,
  weight: number,
  topOnly = false,
): Promise<{ withPrior: RankingSummary; model: RankingSummary }> {
  if (prior.floor.length !== cases.length) throw new Error(`prior validation: ${prior.floor.length} prior rows for ${cases.length} cases.`);
  const withPrior = new RankingAccumulator();
  const model = new RankingAccumulator();
  const scratch = new Float32Array(config.itemCount);
  await forEachUserScores(
    params,
    config,
    cases.map((c) => c.history),
    (user, scores) => {
      const c = cases[user]!;
      model.add(protocolRank(scores, config.itemCount, c.history, c.target));
      scratch.set(scores);
      addPriorRow(prior, user, weight, scratch);
      if (topOnly) keepPriorTop(prior, user, scratch);
      withPrior.add(protocolRank(scratch, config.itemCount, c.history, c.target));
    },
  );
  return { withPrior: withPrior.summary(), model: model.summary() };
}

/** Every item outside the row's prior top gets -Infinity (a row without history keeps its scores). */
function keepPriorTop(prior: PriorTable, row: number, scores: Float32Array): void {
  const offset = row * prior.top;
  if (prior.items[offset]! < 0) return;
  const kept = new Float32Array(prior.top);
  const items: number[] = [];
  for (let r = 0; r < prior.top && prior.items[offset + r]! >= 0; r++) {
    items.push(prior.items[offset + r]!);
    kept[r] = scores[prior.items[offset + r]!]!;
  }
  scores.fill(-Infinity);
  items.forEach((item, r) => (scores[item] = kept[r]!));
}

/**
 * The prior alone on the validation cases (no model): the floor the residual model starts from, and a check that
 * the prior is the classical fusion (it should come close to `reshelf eval`'s `fused` on the validation split,
 * not equal: eval normalises without the history items and ranks the full scores, not the top m + floor).
 */
export function evaluatePriorAlone(cases: readonly SequenceCase[], prior: PriorTable): RankingSummary {
  if (prior.floor.length !== cases.length) throw new Error(`prior validation: ${prior.floor.length} prior rows for ${cases.length} cases.`);
  const metrics = new RankingAccumulator();
  const scores = new Float32Array(prior.itemCount);
  cases.forEach((c, i) => {
    scores.fill(0);
    addPriorRow(prior, i, 1, scores);
    metrics.add(protocolRank(scores, prior.itemCount, c.history, c.target));
  });
  return metrics.summary();
}
