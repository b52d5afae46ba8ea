import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import { scoreColdStart, DEFAULT_COLD_START } from '../signals/coldStartSignal.js';
import type { ShopperHistory } from '../signals/history.js';
import { SIGNAL_NAMES, computeSignal, type SignalName } from '../signals/registry.js';
import { fuseScores, type SignalScores } from './combine.js';
import { DEFAULT_FUSION_CONFIG } from './defaultConfig.js';
import { capExposure, mmrRerank } from './diversity.js';
import { explain, type Explanation } from './explain.js';
import type { FusionConfig } from './fusionConfig.js';
import { normalizeScores } from './normalize.js';
import { stackedSignalWeights } from './stacked.js';
import { topKIndices } from './topK.js';

export interface RankOptions {
  /** Length of the returned list. */
  limit?: number;
  /** Explanations cost one pass per signal; `reshelf eval` turns them off. */
  explain?: boolean;
  /** Precomputed signal scores (eval computes them once for the single-signal methods too). */
  signals?: SignalScores;
  /**
   * Rank only these items (dense indices): a widget orders the products the page already shows. Everything
   * else is masked like an excluded item, so diversity, exposure and pins act within the widget.
   */
  candidates?: ArrayLike<number>;
}

export interface Ranking {
  /** Shop item ids, best first. */
  items: string[];
  /** The same as dense catalog indices. */
  indices: Int32Array;
  /** Fused score of each returned item (pinned items keep theirs). */
  scores: Float32Array;
  /** One per returned item, empty when `explain: false`. */
  explanations: Explanation[];
}

/** Signals a config needs: those with a non-zero weight (or a stacked feature). */
export function activeSignals(config: FusionConfig, historyLength: number): SignalName[] {
  const weights = config.method === 'stacked' && config.stacked ? stackedSignalWeights(config.stacked, historyLength) : new Map(Object.entries(config.weights) as [SignalName, number][]);
  return SIGNAL_NAMES.filter((name) => (weights.get(name) ?? 0) !== 0);
}

/** Scores every active signal for this shopper. A shopper with no history gets the cold-start prior as `pop`. */
export function computeSignals(model: CatalogModel, history: ShopperHistory, config: FusionConfig, names = activeSignals(config, history.events.length)): SignalScores {
  const n = model.ids.length;
  const signals: SignalScores = new Map();
  for (const name of names) {
    const out = new Float32Array(n);
    const answered = name === 'pop' && history.events.length === 0 ? scoreColdStart(model, history, DEFAULT_COLD_START, out) : computeSignal(name, model, history, config.signals, out);
    signals.set(name, answered ? out : null);
  }
  return signals;
}

/** Items the shopper may not be shown: their history (per the rule) and the excluded ids. */
export function exclusionMask(model: CatalogModel, history: ShopperHistory, config: FusionConfig): Uint8Array {
  const mask = new Uint8Array(model.ids.length);
  if (config.rules.excludeHistory !== 'none') {
    for (const event of history.events) {
      if (config.rules.excludeHistory === 'all' || event.type === 'purchase') mask[event.item] = 1;
    }
  }
  if (config.rules.exclude?.length) {
    const index = cachedIndex(model);
    for (const id of config.rules.exclude) {
      const i = index.get(id);
      if (i !== undefined) mask[i] = 1;
    }
  }
  return mask;
}

const indexCache = new WeakMap<CatalogModel, Map<string, number>>();
function cachedIndex(model: CatalogModel): Map<string, number> {
  let index = indexCache.get(model);
  if (!index) indexCache.set(model, (index = indexById(model)));
  return index;
}

/**
 * Ranks the whole catalog for one shopper: signals -> normalise and fuse -> boosts -> top candidates ->
 * MMR diversity -> exposure cap -> pins -> explanations. Pure and synchronous; the worker calls it, and so
 * does `reshelf eval`, which is how offline figures describe what the browser does.
 */
export function rankCatalog(model: CatalogModel, history: ShopperHistory, config: FusionConfig = DEFAULT_FUSION_CONFIG, options: RankOptions = {}): Ranking {
  const n = model.ids.length;
  const mask = exclusionMask(model, history, config);
  let limit = Math.min(options.limit ?? 50, n);
  // Scores are normalised over the whole catalog (as `reshelf eval` measures them); candidates only narrow
  // what may be returned, so a widget's order agrees with the full ranking.
  let selectable = mask;
  if (options.candidates) {
    selectable = new Uint8Array(n).fill(1);
    let open = 0;
    for (let c = 0; c < options.candidates.length; c++) {
      const item = options.candidates[c]!;
      if (!mask[item] && selectable[item]) open++;
      selectable[item] = mask[item]!;
    }
    limit = Math.min(limit, open);
  }
  const signals = options.signals ?? computeSignals(model, history, config);
  const fused = fuseScores(signals, config, history.events.length, mask, n);

  if (config.rules.boost?.length) {
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (mask[i]) continue;
      sum += fused[i]!;
      sumSq += fused[i]! ** 2;
      count++;
    }
    const std = Math.sqrt(Math.max(sumSq / (count || 1) - (sum / (count || 1)) ** 2, 0)) || 1;
    const index = cachedIndex(model);
    for (const { id, amount } of config.rules.boost) {
      const i = index.get(id);
      if (i !== undefined && !mask[i]) fused[i]! += amount * std;
    }
  }

  // Diversity and the exposure cap need candidates beyond the list to promote.
  const depth = Math.max(limit, config.diversity.lambda < 1 ? config.diversity.depth : 0, config.exposure.maxShare < 1 ? 4 * limit : 0);
  let ranked = topKIndices(fused, depth, selectable);
  ranked = mmrRerank(ranked, fused, model.content, config.diversity.lambda);
  if (config.exposure.maxShare < 1 && model.popularity) {
    const head = popularityHead(model, config.exposure.headFraction);
    ranked = capExposure(ranked, (item) => head[item] === 1, config.exposure.maxShare, limit);
  }
  let list = Array.from(ranked.subarray(0, limit));
  const pinned = new Set<number>();
  if (config.rules.pin?.length) {
    const index = cachedIndex(model);
    const pins = config.rules.pin.map(({ id, position }) => ({ item: index.get(id), position })).filter((p): p is { item: number; position: number } => p.item !== undefined && !selectable[p.item]);
    const pinnedItems = new Set(pins.map((p) => p.item));
    list = list.filter((item) => !pinnedItems.has(item));
    for (const { item, position } of [...pins].sort((a, b) => a.position - b.position)) {
      list.splice(Math.min(Math.max(position, 0), list.length), 0, item);
      pinned.add(item);
    }
    list = list.slice(0, limit);
  }
  const indices = Int32Array.from(list);
  const explanations = options.explain === false ? [] : explainAll(model, history, config, signals, mask, indices, pinned);
  return {
    items: list.map((i) => model.ids[i]!),
    indices,
    scores: Float32Array.from(list, (i) => fused[i]!),
    explanations,
  };
}

function explainAll(model: CatalogModel, history: ShopperHistory, config: FusionConfig, signals: SignalScores, mask: Uint8Array, items: Int32Array, pinned: Set<number>): Explanation[] {
  const weights = config.method === 'stacked' && config.stacked ? stackedSignalWeights(config.stacked, history.events.length) : new Map(Object.entries(config.weights) as [SignalName, number][]);
  const normalized = new Map<SignalName, Float32Array>();
  for (const [name, scores] of signals) {
    if (!scores) continue;
    const out = new Float32Array(scores.length);
    normalizeScores(scores, mask, config.normalization, out);
    normalized.set(name, out);
  }
  return Array.from(items, (item) => {
    if (pinned.has(item)) return { signal: 'rule' as const, text: 'Featured by the shop' };
    let best: SignalName = 'pop';
    let bestContribution = -Infinity;
    for (const [name, values] of normalized) {
      const contribution = (weights.get(name) ?? 0) * values[item]!;
      if (contribution > bestContribution) {
        bestContribution = contribution;
        best = name;
      }
    }
    return explain(model, history, item, best);
  });
}

const headCache = new WeakMap<CatalogModel, Map<number, Uint8Array>>();
/** 1 for the most popular `fraction` of items (by training count). */
export function popularityHead(model: CatalogModel, fraction: number): Uint8Array {
  let byFraction = headCache.get(model);
  if (!byFraction) headCache.set(model, (byFraction = new Map()));
  let head = byFraction.get(fraction);
  if (!head) {
    const counts = model.popularity!.counts;
    const order = Array.from(counts.keys()).sort((a, b) => counts[b]! - counts[a]! || a - b);
    head = new Uint8Array(counts.length);
    for (const item of order.slice(0, Math.ceil(fraction * counts.length))) head[item] = 1;
    byFraction.set(fraction, head);
  }
  return head;
}
