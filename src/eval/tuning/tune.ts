import type { CatalogModel } from '../../catalog/catalogModel.js';
import type { Dataset } from '../../datasets/dataset.js';
import { leaveOneOut, type EvalCase } from '../../datasets/split.js';
import type { FusionConfig } from '../../fusion/fusionConfig.js';
import type { Normalization } from '../../fusion/normalize.js';
import { fitLogistic, historyFeature, type StackedFeature, type StackedModel } from '../../fusion/stacked.js';
import { SIGNAL_NAMES, type SignalName } from '../../signals/registry.js';
import { signalAvailable } from '../../signals/signalAvailable.js';
import { DEFAULT_TRAINING_OPTIONS, buildCatalogModel, type TrainingOptions } from '../../training/buildCatalogModel.js';
import { seededRandom } from '../../training/random.js';
import { buildCandidateCache, scoreCache, type CandidateCache, type CachedUser } from './candidateCache.js';
import { searchSignalParameters, type SignalSearchEntry } from './signalSearch.js';
import { createStrategy, type Observation, type StrategyName } from './strategies.js';

export interface TuningOptions {
  strategy: StrategyName;
  budget: number;
  /** > 1: the objective is the mean over K user folds, and a cross-validated estimate is reported. */
  folds: number;
  /** At most this many validation users (a seeded sample) take part; the search is over them only. */
  maxUsers: number;
  /** Candidates kept per signal in the cache. */
  depth: number;
  seed: number;
  training?: TrainingOptions;
  /**
   * Upper end of the weight range, relative to the reference signal (default `WEIGHT_MAX`). A strong trained
   * model sits at the default bound (Beauty's SASRec: 9.58 and 9.56 of 10 in two runs); the result's `atBound`
   * says when that happens.
   */
  weightMax?: number;
  /**
   * The signal held at weight 1 while the others are searched relative to it (default `sequence`). Why it can
   * matter: the range is a box around the reference, so a signal far stronger than it (a trained model, which
   * sits at the top of the range) is cut off; making the strongest signal the reference moves the box to where
   * the others are corrections to it, without widening it (a wider range spreads the same trials thinner).
   */
  reference?: SignalName;
  /** Called on the validation catalog before anything is scored (`reshelf eval --model` adds the sequence model). */
  extendModel?: (model: CatalogModel) => void;
  log?: (line: string) => void;
}

export interface TuningTrial {
  weights: Record<string, number>;
  normalization: Normalization;
  score: number;
  bestSoFar: number;
}

export interface TuningResult {
  strategy: StrategyName;
  budget: number;
  folds: number;
  users: number;
  signalSearch: SignalSearchEntry[];
  trials: TuningTrial[];
  bestScore: number;
  /** Mean over folds of the held-out fold's score of the trial chosen on the other folds. */
  crossValidated?: number;
  /** The searched weight range, relative to the reference signal (weight 1). */
  weightRange: [number, number];
  /** The signal held at weight 1. */
  reference: SignalName;
  /**
   * Signals whose chosen weight lies within a factor 1.25 of either end of `weightRange`: the search was probably
   * cut short there, and a wider range (`reshelf eval --weight-max`) may find better (judge it on validation).
   */
  atBound: string[];
  /** Validation NDCG@10 (2-fold over users) of the stacked model against the best weighted trial. */
  stacked?: { heldOut: number; weightedHeldOut: number; chosen: boolean };
}

/** Weights are searched on a log scale in [WEIGHT_MIN, WEIGHT_MAX]; the reference signal stays at 1. */
const WEIGHT_MIN = 0.01;
export const WEIGHT_MAX = 10;
/** A chosen weight this close (as a factor) to an end of the range counts as at the bound. */
const BOUND_FACTOR = 1.25;
const DEFAULT_REFERENCE: SignalName = 'sequence';

/**
 * `reshelf eval --tune`: everything is chosen on the VALIDATION split (model built from each sequence minus
 * its last two items, target = second-to-last); test data is never read here.
 * 1. each signal's own parameters by a small grid (signalSearch.ts);
 * 2. fusion weights by the chosen strategy (grid, random, or TPE Bayesian optimisation) over a candidate
 *    cache (candidateCache.ts), objective = mean validation NDCG@10 (over K user folds when folds > 1);
 * 3. a stacked logistic model over the same normalised scores, kept only if it beats the weighted average
 *    on held-out validation users (2-fold).
 */
export function tune(dataset: Dataset, base: FusionConfig, options: TuningOptions): { config: FusionConfig; result: TuningResult; model: CatalogModel } {
  const log = options.log ?? (() => {});
  const split = leaveOneOut(dataset, 'valid');
  log(`tune: building the validation model from ${split.train.length} training sequences`);
  const model = buildCatalogModel(dataset.items, split.train, options.training ?? DEFAULT_TRAINING_OPTIONS);
  options.extendModel?.(model);
  const cases = sampleCases(split.cases, options.maxUsers, options.seed);
  const signals = SIGNAL_NAMES.filter((s) => signalAvailable(model, s));

  log(`tune: stage 1, signal parameters on ${cases.length} validation users`);
  // A stride over the (index-sorted) sample, never a prefix: dataset files are ordered (Beauty's first users
  // score half as well as its last), so a prefix would tune on a biased slice.
  const stride = Math.max(1, Math.ceil(cases.length / 4000));
  const stage1Cases = cases.filter((_, i) => i % stride === 0);
  const searched = searchSignalParameters(model, stage1Cases, base, signals, (line) => log(`  ${line}`));
  let config: FusionConfig = { ...base, signals: searched.signals };

  log(`tune: stage 2, caching candidates for ${cases.length} users`);
  const reference = options.reference ?? DEFAULT_REFERENCE;
  // The default reference may be absent (a catalog without transitions): then every signal is searched, as before.
  if (options.reference !== undefined && !signals.includes(reference)) throw new RangeError(`the reference signal ${reference} is not among the tuned signals (${signals.join(', ')})`);
  const free = signals.filter((s) => s !== reference);
  const weightMax = options.weightMax ?? WEIGHT_MAX;
  if (!(weightMax > 1)) throw new RangeError(`the largest fusion weight must be above the reference signal's 1, got ${weightMax}`);
  // Normalisation is searched too (one extra dimension, < 0.5 = z-score): one candidate cache per choice.
  const caches: Record<Normalization, CandidateCache> = {
    zscore: buildCandidateCache(model, cases, { ...config, normalization: 'zscore' }, signals, options.depth),
    minmax: buildCandidateCache(model, cases, { ...config, normalization: 'minmax' }, signals, options.depth),
  };
  const normalizationOf = (point: number[]): Normalization => (point[free.length]! < 0.5 ? 'zscore' : 'minmax');
  const toWeights = (point: number[]): Float64Array => {
    const w = new Float64Array(signals.length);
    signals.forEach((s, j) => {
      const f = free.indexOf(s);
      w[j] = f < 0 ? 1 : WEIGHT_MIN * (weightMax / WEIGHT_MIN) ** point[f]!;
    });
    return w;
  };
  const foldOf = Int32Array.from(caches.zscore.users, (_, u) => u % Math.max(options.folds, 1));
  const strategy = createStrategy(options.strategy, free.length + 1, options.budget, options.seed);
  const history: Observation[] = [];
  const trials: TuningTrial[] = [];
  const perUser: Float64Array[] = [];
  let best = -Infinity;
  let bestPoint: number[] = [];
  for (let t = 0; t < options.budget; t++) {
    const point = strategy.next(history);
    const w = toWeights(point);
    const scores = scoreCache(caches[normalizationOf(point)], () => w);
    perUser.push(scores);
    const score = foldMean(scores, foldOf, options.folds);
    history.push({ point, score });
    if (score > best) {
      best = score;
      bestPoint = point;
    }
    trials.push({ weights: Object.fromEntries(signals.map((s, j) => [s, round4(w[j]!)])), normalization: normalizationOf(point), score: round6(score), bestSoFar: round6(best) });
    log(`  trial ${t + 1}/${options.budget}: ${score.toFixed(4)} (best ${best.toFixed(4)})`);
  }
  const bestWeights = toWeights(bestPoint);
  const bestNormalization = normalizationOf(bestPoint);
  config = { ...config, method: 'weighted', normalization: bestNormalization, weights: Object.fromEntries(signals.map((s, j) => [s, round4(bestWeights[j]!)])) };
  const atBound = free.filter((s) => {
    const w = bestWeights[signals.indexOf(s)]!;
    return w * BOUND_FACTOR >= weightMax || w <= WEIGHT_MIN * BOUND_FACTOR;
  });
  if (atBound.length > 0) log(`  at the bound of [${WEIGHT_MIN}, ${weightMax}]: ${atBound.map((s) => `${s} ${round4(bestWeights[signals.indexOf(s)]!)}`).join(', ')}`);
  const result: TuningResult = { strategy: options.strategy, budget: options.budget, folds: options.folds, users: caches.zscore.users.length, weightRange: [WEIGHT_MIN, weightMax], reference, atBound, signalSearch: searched.log, trials, bestScore: round6(best) };
  if (options.folds > 1) result.crossValidated = round6(crossValidate(perUser, foldOf, options.folds));

  log('tune: stage 3, stacked logistic model (2-fold over validation users)');
  const stackedResult = evaluateStacked(caches[bestNormalization], bestWeights, options.seed);
  result.stacked = { heldOut: round6(stackedResult.heldOut), weightedHeldOut: round6(stackedResult.weightedHeldOut), chosen: stackedResult.heldOut > stackedResult.weightedHeldOut };
  config = { ...config, stacked: stackedResult.model };
  if (result.stacked.chosen) config = { ...config, method: 'stacked' };
  log(`  stacked ${stackedResult.heldOut.toFixed(4)} vs weighted ${stackedResult.weightedHeldOut.toFixed(4)} on held-out halves`);
  return { config, result, model };
}

function sampleCases(cases: EvalCase[], max: number, seed: number): EvalCase[] {
  if (cases.length <= max) return cases;
  const random = seededRandom(seed);
  const order = cases.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, max).sort((a, b) => a - b).map((i) => cases[i]!);
}

function foldMean(scores: Float64Array, foldOf: Int32Array, folds: number, exclude = -1): number {
  const sums = new Float64Array(Math.max(folds, 1));
  const counts = new Float64Array(Math.max(folds, 1));
  scores.forEach((s, u) => {
    sums[foldOf[u]!]! += s;
    counts[foldOf[u]!]!++;
  });
  let total = 0;
  let used = 0;
  for (let f = 0; f < sums.length; f++) {
    if (f === exclude || counts[f] === 0) continue;
    total += sums[f]! / counts[f]!;
    used++;
  }
  return total / (used || 1);
}

function crossValidate(perUser: Float64Array[], foldOf: Int32Array, folds: number): number {
  let total = 0;
  for (let f = 0; f < folds; f++) {
    let bestTrial = 0;
    let bestScore = -Infinity;
    perUser.forEach((scores, t) => {
      const s = foldMean(scores, foldOf, folds, f);
      if (s > bestScore) {
        bestScore = s;
        bestTrial = t;
      }
    });
    const scores = perUser[bestTrial]!;
    let sum = 0;
    let count = 0;
    scores.forEach((s, u) => {
      if (foldOf[u] === f) {
        sum += s;
        count++;
      }
    });
    total += sum / (count || 1);
  }
  return total / folds;
}

/** Features of the stacked model: each signal's normalised score, and the same times historyFeature. */
function stackedFeatures(signals: readonly SignalName[]): StackedFeature[] {
  return [...signals.map((signal) => ({ signal })), ...signals.map((signal) => ({ signal, interaction: 'length' as const }))];
}

function featureRows(cache: CandidateCache, users: readonly CachedUser[], negatives: number, random: () => number): { rows: Float64Array[]; labels: number[] } {
  const s = cache.signals.length;
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  const row = (user: CachedUser, p: number): Float64Array => {
    const h = historyFeature(user.historyLength);
    const out = new Float64Array(2 * s);
    for (let j = 0; j < s; j++) {
      out[j] = user.values[p * s + j]!;
      out[s + j] = user.values[p * s + j]! * h;
    }
    return out;
  };
  for (const user of users) {
    if (user.targetPosition < 0) continue;
    const others = Array.from(user.items, (_, p) => p).filter((p) => p !== user.targetPosition);
    rows.push(row(user, user.targetPosition));
    labels.push(1);
    // Negatives drawn uniformly from the candidates (the union of every signal's top items). Hard negatives
    // alone (the fusion's own top) teach the model to invert the signals: targets usually rank below them.
    for (let r = 0; r < negatives && others.length > 0; r++) {
      const p = others[Math.floor(random() * others.length)]!;
      rows.push(row(user, p));
      labels.push(0);
    }
  }
  return { rows, labels };
}

function evaluateStacked(cache: CandidateCache, weighted: Float64Array, seed: number): { model: StackedModel; heldOut: number; weightedHeldOut: number } {
  const features = stackedFeatures(cache.signals);
  const s = cache.signals.length;
  const random = seededRandom(seed + 1);
  const half = cache.users.map(() => (random() < 0.5 ? 0 : 1));
  const fit = (users: CachedUser[]): StackedModel => {
    const { rows, labels } = featureRows(cache, users, 40, random);
    const { weights, bias } = fitLogistic(rows, labels, { l2: 1, iterations: 20 });
    return { features, weights: weights.map(round6), bias: round6(bias) };
  };
  const weightsFor = (model: StackedModel) => (user: CachedUser) => {
    const h = historyFeature(user.historyLength);
    const w = new Float64Array(s);
    for (let j = 0; j < s; j++) w[j] = model.weights[j]! + model.weights[s + j]! * h;
    return w;
  };
  let heldOut = 0;
  let weightedHeldOut = 0;
  for (const part of [0, 1]) {
    const model = fit(cache.users.filter((_, u) => half[u] !== part));
    const testCache: CandidateCache = { signals: cache.signals, users: cache.users.filter((_, u) => half[u] === part) };
    heldOut += mean(scoreCache(testCache, weightsFor(model))) / 2;
    weightedHeldOut += mean(scoreCache(testCache, () => weighted)) / 2;
  }
  return { model: fit(cache.users), heldOut, weightedHeldOut };
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / (values.length || 1);
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
