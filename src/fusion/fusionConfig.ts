import type { SignalName, SignalOptions } from '../signals/registry.js';
import type { Normalization } from './normalize.js';
import type { StackedModel } from './stacked.js';

/** How per-signal scores become one ranking. */
export type FusionMethod = 'weighted' | 'borda' | 'rrf' | 'stacked';

export const FUSION_METHODS: readonly FusionMethod[] = ['weighted', 'borda', 'rrf', 'stacked'];

/** Business rules, applied after fusion. Item references are the shop's own id strings. */
export interface BusinessRules {
  /** Which of the shopper's own items may not be recommended: all seen items, purchased ones only, or none. */
  excludeHistory: 'all' | 'purchased' | 'none';
  /** Never recommended (out of stock, hidden). */
  exclude?: readonly string[];
  /** Forced positions (0-based) in the returned list, applied last. */
  pin?: readonly { id: string; position: number }[];
  /** Added to the fused score (in units of the fused score's standard deviation). */
  boost?: readonly { id: string; amount: number }[];
}

export interface FusionConfig {
  method: FusionMethod;
  /** Options of each signal (decays, windows, neighbour kinds...). */
  signals: SignalOptions;
  /** Weight per signal for `weighted`, `borda` and `rrf`; a signal with weight 0 is not computed. */
  weights: Partial<Record<SignalName, number>>;
  normalization: Normalization;
  /** Borda and RRF count only the top `voteDepth` items of each signal. */
  voteDepth: number;
  /** RRF's k in 1 / (k + rank). */
  rrfK: number;
  /** The learned combination for `stacked` (trained by `reshelf eval --tune` on validation). */
  stacked?: StackedModel;
  /** MMR re-ranking of the top `depth` by content similarity; lambda 1 = relevance only (off). */
  diversity: { lambda: number; depth: number };
  /**
   * Exposure cap against popularity bias: at most `maxShare` of the returned list may come from the `head`
   * (the most popular `headFraction` of the catalog). maxShare 1 = off.
   */
  exposure: { headFraction: number; maxShare: number };
  rules: BusinessRules;
}
