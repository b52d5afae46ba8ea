import type { CatalogModel } from '../../catalog/catalogModel.js';
import type { EvalCase } from '../../datasets/split.js';
import type { ShopperHistory } from '../../signals/history.js';
import type { SignalName } from '../../signals/registry.js';
import type { FusionConfig } from '../fusionConfig.js';
import { computeSignals, exclusionMask, rankCatalog } from '../rankCatalog.js';
import { DEFAULT_ONLINE_LEARNER, currentMultipliers, initialLearnerState, learnFromClick, type OnlineLearnerOptions } from './onlineLearner.js';
import { scaleFusionWeights, signalContributions } from './signalContributions.js';

/**
 * Offline replay of on-device online learning over logged sequences (`reshelf online-replay`): does adapting the
 * fusion weights to a shopper's own choices hurt or help their next item?
 *
 * For each shopper, their training sequence is replayed in order as if reshelf had been running: before each
 * item, a widget of the top `widget` items is ranked with the weights learned so far (on-policy, like the
 * worker); if the item the shopper really chose next is in it, that counts as a click at its position and the
 * learner takes the step the worker would take. After the whole history, the held-out target (leave-one-out,
 * the protocol of `reshelf eval`) is ranked over ALL items with the shipped weights and with the learned ones.
 * Logged data has no real impressions, so "in the widget" stands in for "was shown": a conservative proxy
 * (a choice outside the widget teaches nothing). The model must not have been trained on the replayed
 * shoppers (`reshelf online-replay` leaves them out), or every replayed impression would be in sample.
 */
export interface ReplayOptions {
  config: FusionConfig;
  /** Widget length of the replayed impressions. */
  widget: number;
  learner: OnlineLearnerOptions;
  onProgress?: (done: number, total: number) => void;
}

export interface ReplayResult {
  users: number;
  /** Replayed impressions, and those whose next item was in the widget (the lessons). */
  impressions: number;
  lessons: number;
  /** Shoppers with at least `minClicks` lessons, whose learned multipliers therefore applied. */
  adaptedUsers: number;
  shipped: { 'HR@10': number; 'NDCG@10': number };
  adapted: { 'HR@10': number; 'NDCG@10': number };
  /** The same two metrics over the adapted users only (the rest rank identically by construction). */
  adaptedUsersOnly: { shipped: { 'NDCG@10': number }; adapted: { 'NDCG@10': number } };
  /** Geometric mean of each signal's multiplier over the adapted users. */
  meanMultipliers: Partial<Record<SignalName, number>>;
}

const DEFAULTS: ReplayOptions = { config: undefined as unknown as FusionConfig, widget: 20, learner: DEFAULT_ONLINE_LEARNER };

/** 0-based rank of `target` in the top 10 of a full ranking, or -1. */
function rankInTop10(model: CatalogModel, history: ShopperHistory, config: FusionConfig, target: number): number {
  const ranking = rankCatalog(model, history, config, { limit: 10, explain: false });
  return ranking.indices.indexOf(target);
}

export function replayOnlineLearning(model: CatalogModel, cases: readonly EvalCase[], options: Partial<ReplayOptions> & { config: FusionConfig }): ReplayResult {
  const { config, widget, learner, onProgress } = { ...DEFAULTS, ...options };
  let impressions = 0;
  let lessons = 0;
  let adaptedUsers = 0;
  const sums = { shippedHr: 0, shippedNdcg: 0, adaptedHr: 0, adaptedNdcg: 0, onlyShipped: 0, onlyAdapted: 0 };
  const logMultipliers = new Map<SignalName, number>();
  const gain = (rank: number) => (rank >= 0 ? 1 / Math.log2(rank + 2) : 0);

  cases.forEach((c, index) => {
    const items = c.history.items;
    let state = initialLearnerState();
    for (let t = 1; t < items.length; t++) {
      const shopper: ShopperHistory = { events: Array.from(items.subarray(0, t), (item) => ({ item })) };
      const active = state.clicks >= learner.minClicks;
      const used = active ? scaleFusionWeights(config, t, currentMultipliers(state, learner)) : config;
      const signals = computeSignals(model, shopper, used);
      const ranking = rankCatalog(model, shopper, used, { limit: widget, explain: false, signals });
      impressions++;
      const position = ranking.indices.indexOf(items[t]!);
      if (position < 0) continue;
      lessons++;
      const mask = exclusionMask(model, shopper, config);
      state = learnFromClick(state, signalContributions(signals, config, t, mask, ranking.indices), position, new Set(), learner);
    }
    const history: ShopperHistory = { events: Array.from(items, (item) => ({ item })) };
    const shippedRank = rankInTop10(model, history, config, c.target);
    const active = state.clicks >= learner.minClicks;
    const adaptedRank = active ? rankInTop10(model, history, scaleFusionWeights(config, items.length, currentMultipliers(state, learner)), c.target) : shippedRank;
    sums.shippedHr += shippedRank >= 0 ? 1 : 0;
    sums.shippedNdcg += gain(shippedRank);
    sums.adaptedHr += adaptedRank >= 0 ? 1 : 0;
    sums.adaptedNdcg += gain(adaptedRank);
    if (active) {
      adaptedUsers++;
      sums.onlyShipped += gain(shippedRank);
      sums.onlyAdapted += gain(adaptedRank);
      for (const [name, m] of Object.entries(currentMultipliers(state, learner)) as [SignalName, number][]) logMultipliers.set(name, (logMultipliers.get(name) ?? 0) + Math.log(m));
    }
    onProgress?.(index + 1, cases.length);
  });

  const users = cases.length;
  const mean = (x: number, n: number) => (n > 0 ? Math.round((x / n) * 1e4) / 1e4 : 0);
  const meanMultipliers: Partial<Record<SignalName, number>> = {};
  for (const [name, sum] of logMultipliers) meanMultipliers[name] = Math.round(Math.exp(sum / adaptedUsers) * 1000) / 1000;
  return {
    users,
    impressions,
    lessons,
    adaptedUsers,
    shipped: { 'HR@10': mean(sums.shippedHr, users), 'NDCG@10': mean(sums.shippedNdcg, users) },
    adapted: { 'HR@10': mean(sums.adaptedHr, users), 'NDCG@10': mean(sums.adaptedNdcg, users) },
    adaptedUsersOnly: { shipped: { 'NDCG@10': mean(sums.onlyShipped, adaptedUsers) }, adapted: { 'NDCG@10': mean(sums.onlyAdapted, adaptedUsers) } },
    meanMultipliers,
  };
}
