import { SIGNAL_NAMES, SPARSE_SIGNALS, type SignalName } from '../../signals/registry.js';
import type { SignalScores } from '../combine.js';
import type { FusionConfig } from '../fusionConfig.js';
import { normalizeScores } from '../normalize.js';
import { stackedSignalWeights } from '../stacked.js';
import { topKIndices } from '../topK.js';

/**
 * The bridge between fusion (combine.ts) and the online learner: what each signal adds to an item's fused score
 * per unit of its weight, so that fused(i) = sum_s weight_s * contribution_s(i) (plus the voting methods'
 * 1e-6 popularity tie-break, which the learner ignores). Kept next to combine.ts's rules and checked against
 * fuseScores by a test, so the learner always models the ranking that is actually applied.
 */

/** The per-signal weights a configuration ranks with for this history length (stacked: what its model reduces to). */
export function fusionWeights(config: FusionConfig, historyLength: number): Map<SignalName, number> {
  if (config.method === 'stacked' && config.stacked) return stackedSignalWeights(config.stacked, historyLength);
  return new Map(Object.entries(config.weights) as [SignalName, number][]);
}

/**
 * The configuration with every weight multiplied by its signal's multiplier (missing = 1). A stacked model
 * becomes the weighted average it reduces to for this history length (the same ranking: combine.ts applies
 * stacked weights exactly like `weighted` ones), so its weights can be scaled the same way.
 */
export function scaleFusionWeights(config: FusionConfig, historyLength: number, multipliers: Partial<Record<SignalName, number>>): FusionConfig {
  const weights: Partial<Record<SignalName, number>> = {};
  for (const [name, weight] of fusionWeights(config, historyLength)) weights[name] = weight * (multipliers[name] ?? 1);
  const method = config.method === 'stacked' && config.stacked ? 'weighted' : config.method;
  return { ...config, method, weights };
}

/**
 * contributions[k][s]: signal `signals[s]`'s contribution per unit weight to item `items[k]`, computed exactly as
 * fuseScores does (normalised over the items `mask` leaves in for `weighted`/`stacked`; vote points within
 * each signal's top `voteDepth` for `borda`/`rrf`). Signals with weight 0 or that abstained are left out.
 */
export function signalContributions(
  signals: SignalScores,
  config: FusionConfig,
  historyLength: number,
  mask: Uint8Array | undefined,
  items: ArrayLike<number>,
): { signals: SignalName[]; weights: number[]; contributions: number[][] } {
  const weights = fusionWeights(config, historyLength);
  const names: SignalName[] = [];
  const columns: Float64Array[] = [];
  for (const name of SIGNAL_NAMES) {
    const scores = signals.get(name);
    const weight = weights.get(name) ?? 0;
    if (!scores || weight === 0) continue;
    names.push(name);
    columns.push(contributionColumn(name, scores, config, mask, items));
  }
  const contributions = Array.from({ length: items.length }, (_, k) => columns.map((column) => column[k]!));
  return { signals: names, weights: names.map((name) => weights.get(name)!), contributions };
}

function contributionColumn(name: SignalName, scores: Float32Array, config: FusionConfig, mask: Uint8Array | undefined, items: ArrayLike<number>): Float64Array {
  const out = new Float64Array(items.length);
  if (config.method === 'weighted' || config.method === 'stacked') {
    const normalised = new Float32Array(scores.length);
    normalizeScores(scores, mask, config.normalization, normalised);
    for (let k = 0; k < items.length; k++) out[k] = normalised[items[k]!]!;
    return out;
  }
  const top = topKIndices(scores, config.voteDepth, mask);
  const points = new Map<number, number>();
  for (let r = 0; r < top.length; r++) {
    const item = top[r]!;
    if (SPARSE_SIGNALS.has(name) && !(scores[item]! > 0)) break;
    points.set(item, config.method === 'borda' ? config.voteDepth - r : 1 / (config.rrfK + r + 1));
  }
  for (let k = 0; k < items.length; k++) out[k] = points.get(items[k]!) ?? 0;
  return out;
}
