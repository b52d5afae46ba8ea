import type { Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';
import { addPriorRow, type PriorTable } from './priorTable.js';
import { RankingAccumulator, protocolRank, type RankingSummary } from './rankingMetrics.js';
import { forEachUserScores, type SequenceCase } from './scoreUsers.js';

/**
 * Validation of residual training: the model was trained as logits + weight * prior, so early stopping must judge
 * that sum (the model alone is not what the loss optimised). One encoding pass gives both figures: `withPrior`
 * (what early stopping uses) and `model` (the logits alone, the signal `reshelf eval --model` will fuse).
 * `prior` has one row per case, in the order of `cases`; `weight` = alpha * the prior's scale.
 */
export async function evaluateCasesWithPrior(
  params: Params,
  config: SequenceModelConfig,
  cases: readonly SequenceCase[],
  prior: PriorTable,
  weight: number,
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
      withPrior.add(protocolRank(scratch, config.itemCount, c.history, c.target));
    },
  );
  return { withPrior: withPrior.summary(), model: model.summary() };
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
