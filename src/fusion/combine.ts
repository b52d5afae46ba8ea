import { SPARSE_SIGNALS, type SignalName } from '../signals/registry.js';
import type { FusionConfig } from './fusionConfig.js';
import { addNormalized, normalizeScores } from './normalize.js';
import { stackedSignalWeights } from './stacked.js';
import { topKIndices } from './topK.js';

/** Per-signal raw scores of one shopper; null = the signal abstained. */
export type SignalScores = Map<SignalName, Float32Array | null>;

/**
 * Combines per-signal scores into one fused score per item (higher = better); masked items get -Infinity.
 * - weighted: sum_s w_s * normalise(s) (see normalize.ts);
 * - stacked: the same sum with weights given by the learned model for this history length;
 * - borda: each signal's top `voteDepth` items get w_s * (voteDepth - rank) points;
 * - rrf: each signal's top `voteDepth` items get w_s / (rrfK + rank + 1).
 * Voting methods add 1e-6 x normalised popularity (when the pop signal is present) so items nobody voted for
 * fall back to popularity order instead of id order.
 */
export function fuseScores(signals: SignalScores, config: FusionConfig, historyLength: number, mask: Uint8Array | undefined, n: number): Float32Array {
  const fused = new Float32Array(n);
  const weights = config.method === 'stacked' && config.stacked ? stackedSignalWeights(config.stacked, historyLength) : new Map(Object.entries(config.weights) as [SignalName, number][]);
  for (const [name, scores] of signals) {
    const w = weights.get(name) ?? 0;
    if (!scores || w === 0) continue;
    if (config.method === 'weighted' || config.method === 'stacked') {
      addNormalized(scores, mask, config.normalization, w, fused);
    } else {
      const top = topKIndices(scores, config.voteDepth, mask);
      for (let r = 0; r < top.length; r++) {
        const item = top[r]!;
        if (SPARSE_SIGNALS.has(name) && !(scores[item]! > 0)) break;
        fused[item]! += config.method === 'borda' ? w * (config.voteDepth - r) : w / (config.rrfK + r + 1);
      }
    }
  }
  if (config.method === 'borda' || config.method === 'rrf') {
    const pop = signals.get('pop');
    if (pop) {
      const scratch = new Float32Array(n);
      normalizeScores(pop, mask, 'minmax', scratch);
      for (let i = 0; i < n; i++) fused[i]! += 1e-6 * scratch[i]!;
    }
  }
  if (mask) for (let i = 0; i < n; i++) if (mask[i]) fused[i] = -Infinity;
  return fused;
}
