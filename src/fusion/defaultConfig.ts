import type { SignalName } from '../signals/registry.js';
import type { FusionConfig } from './fusionConfig.js';
import { TUNED_FUSION_CONFIG } from './tunedDefaults.js';

/**
 * The shipped default fusion: what `rankCatalog` uses without a bundle config, and what `reshelf eval`
 * reports as `fused` without --config. The values are generated (src/fusion/tunedDefaults.ts, written by
 * `reshelf eval --emit-defaults` from a configuration tuned on the Beauty validation split; see
 * docs/reports/amazon-beauty). They are re-exported as named constants so an integrator can read and
 * override each one. A shop with its own data tunes its own with `reshelf eval --tune` and ships it in
 * its bundle (`reshelf build --config`).
 */
export const DEFAULT_FUSION_CONFIG: FusionConfig = TUNED_FUSION_CONFIG;

/** Per-signal weights of the weighted average (signals with weight 0 are not computed). */
export const DEFAULT_FUSION_WEIGHTS: Readonly<Partial<Record<SignalName, number>>> = DEFAULT_FUSION_CONFIG.weights;
/** Per-shopper score normalisation before weighting (see normalize.ts). */
export const DEFAULT_NORMALIZATION = DEFAULT_FUSION_CONFIG.normalization;
/** Borda and RRF vote with each signal's top DEFAULT_VOTE_DEPTH items. */
export const DEFAULT_VOTE_DEPTH = DEFAULT_FUSION_CONFIG.voteDepth;
export const DEFAULT_RRF_K = DEFAULT_FUSION_CONFIG.rrfK;
/** MMR off by default (lambda 1): on the benchmark sets diversity costs accuracy; shops turn it on per widget. */
export const DEFAULT_DIVERSITY = DEFAULT_FUSION_CONFIG.diversity;
/** Exposure cap off by default (maxShare 1). */
export const DEFAULT_EXPOSURE = DEFAULT_FUSION_CONFIG.exposure;
