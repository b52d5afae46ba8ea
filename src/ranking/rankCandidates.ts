import { isInterest, type StoredEvent } from '../api/events.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_FUSION_CONFIG } from '../fusion/defaultConfig.js';
import { FUSION_METHODS, type FusionConfig } from '../fusion/fusionConfig.js';
import { mergeFusionConfig } from '../fusion/loadConfig.js';
import { computeSignals, rankCatalog, type Ranking } from '../fusion/rankCatalog.js';
import type { SignalScores } from '../fusion/combine.js';
import type { ShopperHistory } from '../signals/history.js';
import { computeSignalsBatched, type BatchVectorScorer } from './batchedVectorScores.js';
import { catalogIndex, toShopperHistory } from './shopperHistory.js';

export interface RankInput {
  /** The item ids to order (a widget's items). Unknown ids keep their relative order at the end. */
  candidates: string[];
  /** Items the page is about (e.g. the product on a product page): the current, strongest interest. */
  context?: string[];
  /** Most recent history to consider. */
  historyLimit?: number;
  /**
   * A partial fusion configuration (method, weights, diversity, rules...) merged over the bundle's default,
   * e.g. from a settings panel. See src/fusion/fusionConfig.ts for the fields.
   */
  config?: Record<string, unknown>;
}

export interface RankOutput {
  items: string[];
  scores: number[];
  /** Why each item is where it is, aligned with `items` (plain text; absent for items the ranking left alone). */
  explanations: (string | undefined)[];
  /** True when the shopper's history (or the page context) shaped the order, false for a popularity-only order. */
  personalised: boolean;
}

/** Extension points of one ranking, used by on-device online learning (src/worker/onlineFusion.ts). */
export interface RankHooks {
  /** Replaces the merged configuration just before ranking (e.g. weights adapted to this shopper). */
  adaptConfig?(config: FusionConfig, shopper: ShopperHistory): FusionConfig;
  /** Sees the ranking with the per-signal scores it was fused from; `config` is the one before adaptConfig. */
  observe?(ranked: { shopper: ShopperHistory; config: FusionConfig; signals: SignalScores; ranking: Ranking }): void;
}

const configCache = new WeakMap<CatalogModel, FusionConfig>();

/** The bundle's shipped configuration over the library defaults (computed once per catalog). */
export function catalogConfig(model: CatalogModel): FusionConfig {
  let config = configCache.get(model);
  if (!config) configCache.set(model, (config = model.defaultConfig ? mergeFusionConfig(model.defaultConfig) : DEFAULT_FUSION_CONFIG));
  return config;
}

/** Checks a page-supplied configuration after merging, so a typo fails loudly instead of ranking oddly. */
function checkConfig(config: FusionConfig): FusionConfig {
  if (!FUSION_METHODS.includes(config.method)) throw new TypeError(`fusion method ${JSON.stringify(config.method)} is not one of ${FUSION_METHODS.join(', ')}`);
  for (const [signal, weight] of Object.entries(config.weights)) {
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw new TypeError(`weight of signal ${signal} must be a finite number`);
  }
  const { lambda, depth } = config.diversity;
  if (!(lambda >= 0 && lambda <= 1) || !Number.isInteger(depth) || depth < 1) throw new TypeError('diversity needs 0 <= lambda <= 1 and an integer depth >= 1');
  return config;
}

/**
 * Orders a widget's candidates for this shopper with the fused ranking (src/fusion): every signal, the
 * bundle's tuned weights, diversity and rules, restricted to the items the widget shows. Items the rules
 * keep out (e.g. already bought) and ids the catalog does not know follow, in page order.
 */
export function rankCandidates(model: CatalogModel, history: StoredEvent[], input: RankInput, hooks?: RankHooks): RankOutput {
  const plan = planRanking(model, history, input, hooks);
  const signals = plan.known.length > 0 ? computeSignals(model, plan.shopper, plan.config) : undefined;
  return completeRanking(model, input, plan, signals, hooks);
}

/**
 * The same ranking, with the vector signals' products (content, CF, prototypes, model) scored by `scoreBatch`
 * (the worker's scoring engine), all queries against one table in one pass; see batchedVectorScores.ts.
 * Same result as rankCandidates up to the backend's float32 rounding; anything scoreBatch cannot serve is
 * scored by the plain loop.
 */
export async function rankCandidatesBatched(model: CatalogModel, history: StoredEvent[], input: RankInput, scoreBatch: BatchVectorScorer, hooks?: RankHooks): Promise<RankOutput> {
  const plan = planRanking(model, history, input, hooks);
  const signals = plan.known.length > 0 ? await computeSignalsBatched(model, plan.shopper, plan.config, scoreBatch) : undefined;
  return completeRanking(model, input, plan, signals, hooks);
}

/** Everything a ranking decides before signals are scored. */
interface RankingPlan {
  /** Dense indices of the known candidates, in page order, without duplicates. */
  known: number[];
  shopper: ShopperHistory;
  /** The merged configuration (what observe() sees) and the one ranking uses (after adaptConfig). */
  baseConfig: FusionConfig;
  config: FusionConfig;
}

function planRanking(model: CatalogModel, history: StoredEvent[], input: RankInput, hooks: RankHooks | undefined): RankingPlan {
  const index = catalogIndex(model);
  const known: number[] = [];
  const seen = new Set<number>();
  for (const id of input.candidates) {
    const i = index.get(id);
    if (i !== undefined && !seen.has(i)) {
      seen.add(i);
      known.push(i);
    }
  }
  // Impressions are no interest: left out before the window is cut, so a long scroll cannot push real history out.
  const shopper = toShopperHistory(model, history.filter(isInterest).slice(-(input.historyLimit ?? 200)), input.context);
  const baseConfig = input.config ? checkConfig(mergeFusionConfig(input.config, catalogConfig(model))) : catalogConfig(model);
  const config = hooks?.adaptConfig ? hooks.adaptConfig(baseConfig, shopper) : baseConfig;
  return { known, shopper, baseConfig, config };
}

function completeRanking(model: CatalogModel, input: RankInput, plan: RankingPlan, signals: SignalScores | undefined, hooks: RankHooks | undefined): RankOutput {
  const { known, shopper } = plan;
  const ranking = signals ? rankCatalog(model, shopper, plan.config, { candidates: known, limit: known.length, signals }) : undefined;
  if (signals && ranking) hooks?.observe?.({ shopper, config: plan.baseConfig, signals, ranking });

  const items = ranking ? [...ranking.items] : [];
  const scores = ranking ? Array.from(ranking.scores) : [];
  const explanations: (string | undefined)[] = ranking ? ranking.explanations.map((e) => e.text) : [];
  const placed = new Set(items);
  for (const id of input.candidates) {
    if (placed.has(id)) continue;
    placed.add(id);
    items.push(id);
    scores.push(Number.NEGATIVE_INFINITY);
    explanations.push(undefined);
  }
  return { items, scores, explanations, personalised: shopper.events.length > 0 || shopper.context !== undefined };
}
