/**
 * reshelf fusion: one entry point for the worker (and for `reshelf eval`).
 *
 *   rankCatalog(model: CatalogModel, history: ShopperHistory, config?: FusionConfig, options?: RankOptions): Ranking
 *
 * - `model`: the catalog (CatalogModel, src/catalog/catalogModel.ts) decoded from the bundle.
 * - `history`: the shopper's events oldest first ({ item: dense index, type?, time? }) plus optional page
 *   context ({ item } or { category }) used for a shopper without history (cold start).
 * - `config`: DEFAULT_FUSION_CONFIG unless the bundle ships a tuned one. `method` picks the combination
 *   (weighted average of normalised scores, Borda, reciprocal-rank fusion, stacked logistic model);
 *   `weights` the per-signal weights (a 0 weight skips that signal's computation); `diversity` (MMR),
 *   `exposure` (popularity cap) and `rules` (exclude history / out-of-stock ids, pin, boost) apply last.
 * - `options.limit`: list length (default 50); `options.explain`: per-item reasons (default on).
 * - returns `{ items: string[] (shop ids), indices: Int32Array, scores: Float32Array, explanations }`, best
 *   first. Synchronous and pure: no I/O, no browser API, safe to call from a worker or Node.
 */
export { rankCatalog, computeSignals, exclusionMask, activeSignals, type Ranking, type RankOptions } from './rankCatalog.js';
export { fuseScores, type SignalScores } from './combine.js';
export { normalizeScores, type Normalization } from './normalize.js';
export type { FusionConfig, FusionMethod, BusinessRules } from './fusionConfig.js';
export { FUSION_METHODS } from './fusionConfig.js';
export type { Explanation } from './explain.js';
export type { StackedModel, StackedFeature } from './stacked.js';
export * from './defaultConfig.js';
