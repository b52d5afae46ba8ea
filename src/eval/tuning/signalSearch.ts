import type { CatalogModel } from '../../catalog/catalogModel.js';
import type { EvalCase } from '../../datasets/split.js';
import type { FusionConfig } from '../../fusion/fusionConfig.js';
import type { SignalName, SignalOptions } from '../../signals/registry.js';
import { caseHistory } from '../evaluate.js';
import { DEFAULT_CONTENT_KNN_SIGNAL } from '../../signals/itemKnnSignal.js';
import { computeSignals } from '../../fusion/rankCatalog.js';
import { rankMetrics, rankOfTarget } from '../metrics.js';

/**
 * Stage 1 of tuning: each signal's own parameters (recency decay, window, prototype count) on a small fixed
 * grid, each signal scored alone by validation NDCG@10 (with the protocol's popularity tie-break). Signal
 * parameters change the signal itself and need a full recomputation per setting, so a short grid per signal
 * is far cheaper than putting them into the joint search of fusion weights (stage 2).
 */
type Patch = (options: SignalOptions) => SignalOptions;

interface GridPoint {
  label: Record<string, number>;
  patch: Patch;
}

const decays = (signal: 'knn' | 'pearson' | 'ease' | 'content', values: number[]): GridPoint[] =>
  values.map((decay) => ({ label: { decay }, patch: (o) => ({ ...o, [signal]: { ...o[signal], decay } }) }));

export const SIGNAL_GRIDS: Partial<Record<SignalName, GridPoint[]>> = {
  knn: decays('knn', [0.3, 0.5, 0.7, 0.9]),
  pearson: decays('pearson', [0.3, 0.5, 0.7, 0.9]),
  ease: decays('ease', [0.5, 0.7, 0.9, 1]),
  content: decays('content', [0.3, 0.6, 0.9]),
  sequence: [1, 3, 5, 10].flatMap((window) =>
    [0.3, 0.5, 0.8].map((decay) => ({ label: { window, decay }, patch: (o: SignalOptions) => ({ ...o, sequence: { ...o.sequence, window, decay } }) })),
  ),
  contentKnn: [0.3, 0.6, 0.9].map((decay) => ({ label: { decay }, patch: (o: SignalOptions) => ({ ...o, contentKnn: { ...(o.contentKnn ?? DEFAULT_CONTENT_KNN_SIGNAL), decay } }) })),
  prototypes: [1, 3, 10].map((nearest) => ({ label: { nearest }, patch: (o: SignalOptions) => ({ ...o, prototypes: { ...o.prototypes, nearest } }) })),
};

export interface SignalSearchEntry {
  signal: SignalName;
  params: Record<string, number>;
  score: number;
}

export function searchSignalParameters(model: CatalogModel, cases: readonly EvalCase[], config: FusionConfig, signals: readonly SignalName[], onStep?: (label: string) => void): { signals: SignalOptions; log: SignalSearchEntry[] } {
  let options = config.signals;
  const log: SignalSearchEntry[] = [];
  const counts = model.popularity!.counts;
  const mask = new Uint8Array(model.ids.length);
  for (const signal of signals) {
    const grid = SIGNAL_GRIDS[signal];
    if (!grid) continue;
    let best: { score: number; patch: Patch } | undefined;
    for (const point of grid) {
      const candidate = { ...config, signals: point.patch(options) };
      let total = 0;
      for (const c of cases) {
        const history = caseHistory(c);
        for (const e of history.events) mask[e.item] = 1;
        const scores = computeSignals(model, history, candidate, [signal]).get(signal);
        const rank = scores ? rankOfTarget(scores, c.target, mask, counts) : rankOfTarget(counts, c.target, mask);
        total += rankMetrics(rank, 10).NDCG;
        for (const e of history.events) mask[e.item] = 0;
      }
      const score = total / (cases.length || 1);
      log.push({ signal, params: point.label, score });
      onStep?.(`${signal} ${JSON.stringify(point.label)} -> ${score.toFixed(4)}`);
      if (!best || score > best.score) best = { score, patch: point.patch };
    }
    if (best) options = best.patch(options);
  }
  return { signals: options, log };
}
