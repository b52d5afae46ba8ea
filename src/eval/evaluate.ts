import type { CatalogModel } from '../catalog/catalogModel.js';
import type { Dataset } from '../datasets/dataset.js';
import { leaveOneOut, type EvalCase, type SplitName } from '../datasets/split.js';
import { DEFAULT_FUSION_CONFIG } from '../fusion/defaultConfig.js';
import { computeSignals, rankCatalog } from '../fusion/rankCatalog.js';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import type { ShopperHistory } from '../signals/history.js';
import type { SignalName } from '../signals/registry.js';
import { DEFAULT_TRAINING_OPTIONS, buildCatalogModel, type TrainingOptions } from '../training/buildCatalogModel.js';
import { MethodAccumulator, popularityBuckets, popularityPercentile } from './accumulator.js';
import type { MethodSpec } from './methods.js';
import { rankOfTarget, topKLexicographic } from './metrics.js';

export interface MethodResult {
  metrics: Record<string, number>;
  groups: Record<string, { users: number; 'NDCG@10': number }>;
}

export interface EvaluationResult {
  users: number;
  items: number;
  trainInteractions: number;
  methods: Record<string, MethodResult>;
  trainingMs: Record<string, number>;
}

export interface EvaluateOptions {
  split: SplitName;
  methods: MethodSpec[];
  training?: TrainingOptions;
  /** Reuse a model already built from this split's training data (tuning builds it once). */
  model?: CatalogModel;
  /** Called on the catalog before anything is scored (`reshelf eval --model` adds the sequence model). */
  extendModel?: (model: CatalogModel) => void;
  /** Evaluate only these cases (e.g. a user sample or a fold); all cases by default. */
  selectCases?: (cases: EvalCase[]) => EvalCase[];
  onProgress?: (done: number, total: number) => void;
  /** Signal options when no fusion method is evaluated (otherwise the fusion config's are used). */
  signalConfig?: FusionConfig;
}

/** The shopper history the signals see for an evaluation case: its training sequence, untyped events. */
export function caseHistory(c: EvalCase): ShopperHistory {
  return { events: Array.from(c.history.items, (item) => ({ item })) };
}

/**
 * Leave-one-out evaluation, exactly per quality-protocol.md: the model is built from the split's training
 * sequences only; each user's history (everything before the target) is masked; ALL items are ranked;
 * ties break by (popularity, then item index) for single signals and by item index for fused lists.
 * Fusion methods go through `rankCatalog` — the function the worker calls — with history exclusion forced on.
 */
export function evaluate(dataset: Dataset, options: EvaluateOptions): EvaluationResult {
  const split = leaveOneOut(dataset, options.split);
  const trainingMs: Record<string, number> = {};
  const model = options.model ?? buildCatalogModel(dataset.items, split.train, options.training ?? DEFAULT_TRAINING_OPTIONS, trainingMs);
  options.extendModel?.(model);
  const n = dataset.items.length;
  const counts = model.popularity!.counts;
  const leakyCounts = new Float32Array(n);
  for (const user of dataset.users) for (const item of user.items) leakyCounts[item]!++;
  const percentile = popularityPercentile(counts);
  const targetBucket = popularityBuckets(counts);

  const signalMethods = options.methods.filter((m): m is Extract<MethodSpec, { kind: 'signal' }> => m.kind === 'signal');
  const fusionMethods = options.methods.filter((m): m is Extract<MethodSpec, { kind: 'fusion' }> => m.kind === 'fusion');
  const fusionConfigs = fusionMethods.map((m) => ({ ...m.config, rules: { ...m.config.rules, excludeHistory: 'all' as const } }));
  // All methods share one set of signal options (resolveMethods derives every fusion method from one config).
  const signalConfig: FusionConfig = fusionConfigs[0] ?? options.signalConfig ?? DEFAULT_FUSION_CONFIG;
  const needed = new Set<SignalName>(signalMethods.map((m) => m.signal));
  for (const config of fusionConfigs) {
    for (const [name, w] of Object.entries(config.weights)) if (w) needed.add(name as SignalName);
    if (config.stacked) for (const f of config.stacked.features) needed.add(f.signal);
  }

  const accumulators = new Map(options.methods.map((m) => [m.name, new MethodAccumulator(n, counts, percentile, model.content)]));
  const cases = options.selectCases ? options.selectCases(split.cases) : split.cases;
  const mask = new Uint8Array(n);
  cases.forEach((c, index) => {
    const history = caseHistory(c);
    for (const event of history.events) mask[event.item] = 1;
    const facts = { historyLength: history.events.length, targetBucket: targetBucket[c.target]! };
    const signals = computeSignals(model, history, signalConfig, [...needed]);
    for (const method of options.methods) {
      const acc = accumulators.get(method.name)!;
      if (method.kind === 'signal') {
        const scores = signals.get(method.signal);
        if (!scores) {
          acc.add(rankOfTarget(counts, c.target, mask), topKLexicographic(counts, 10, mask), facts);
          continue;
        }
        acc.add(rankOfTarget(scores, c.target, mask, counts), topKLexicographic(scores, 10, mask, counts), facts);
      } else if (method.kind === 'pop-leaky') {
        acc.add(rankOfTarget(leakyCounts, c.target, mask), topKLexicographic(leakyCounts, 10, mask), facts);
      } else {
        const config = fusionConfigs[fusionMethods.indexOf(method)]!;
        const ranking = rankCatalog(model, history, config, { limit: 20, explain: false, signals });
        const position = ranking.indices.indexOf(c.target);
        acc.add(position >= 0 ? position : Infinity, ranking.indices.subarray(0, 10), facts);
      }
    }
    for (const event of history.events) mask[event.item] = 0;
    options.onProgress?.(index + 1, cases.length);
  });

  const methods: Record<string, MethodResult> = {};
  for (const [name, acc] of accumulators) methods[name] = acc.finish();
  let trainInteractions = 0;
  for (const user of split.train) trainInteractions += user.items.length;
  return { users: cases.length, items: n, trainInteractions, methods, trainingMs };
}
