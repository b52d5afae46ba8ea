import { DEFAULT_SIGNAL_OPTIONS, type SignalName } from '../signals/registry.js';
import type { FusionConfig } from './fusionConfig.js';

/**
 * The shipped default fusion: what `rankCatalog` uses without a bundle config, and what `reshelf eval`
 * reports as `fused`. The values come from `reshelf eval --tune` on validation data (see docs/reports);
 * they are exported as named constants so an integrator can read and override each one.
 */
export const DEFAULT_FUSION_WEIGHTS: Readonly<Record<SignalName, number>> = {
  pop: 0.1,
  content: 0.3,
  cf: 0.3,
  knn: 1,
  pearson: 0,
  ease: 1,
  sequence: 1,
  prototypes: 0,
};

export const DEFAULT_NORMALIZATION = 'zscore' as const;
export const DEFAULT_VOTE_DEPTH = 100;
export const DEFAULT_RRF_K = 60;
/** MMR off by default: on the benchmark sets diversity costs accuracy; shops turn it on per widget. */
export const DEFAULT_DIVERSITY = { lambda: 1, depth: 50 } as const;
export const DEFAULT_EXPOSURE = { headFraction: 0.1, maxShare: 1 } as const;

export const DEFAULT_FUSION_CONFIG: FusionConfig = {
  method: 'weighted',
  signals: DEFAULT_SIGNAL_OPTIONS,
  weights: DEFAULT_FUSION_WEIGHTS,
  normalization: DEFAULT_NORMALIZATION,
  voteDepth: DEFAULT_VOTE_DEPTH,
  rrfK: DEFAULT_RRF_K,
  diversity: DEFAULT_DIVERSITY,
  exposure: DEFAULT_EXPOSURE,
  rules: { excludeHistory: 'all' },
};
