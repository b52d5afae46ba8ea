import type { CatalogModel } from '../../catalog/catalogModel.js';
import type { EvalCase } from '../../datasets/split.js';
import type { FusionConfig } from '../../fusion/fusionConfig.js';
import { normalizeScores } from '../../fusion/normalize.js';
import { computeSignals } from '../../fusion/rankCatalog.js';
import { topKIndices } from '../../fusion/topK.js';
import { SPARSE_SIGNALS, type SignalName } from '../../signals/registry.js';
import { caseHistory } from '../evaluate.js';

/**
 * Normalised signal scores of each tuning user, kept only for a candidate set (the union of every signal's
 * top `depth` items, plus the target), so that a fusion-weight trial costs a few multiply-adds per candidate
 * instead of recomputing every signal over the whole catalog. Items outside the set share one "rest" value
 * per signal (a sparse signal's value for score 0; a dense signal's value at rank `depth`, an upper bound),
 * so a trial's rank is exact whenever the target is in the top `depth` of the fused list, and pessimistic
 * (never flattering) otherwise. Used for search only; reported figures always come from `evaluate`.
 */
export interface CachedUser {
  target: number;
  historyLength: number;
  /** Candidate item indices, ascending. */
  items: Int32Array;
  /** items.length x signals.length normalised scores, row-major. */
  values: Float32Array;
  /** Position of the target in `items`, -1 when it is masked (a repeat: unreachable). */
  targetPosition: number;
  rest: Float32Array;
  /** Unmasked items outside the candidate set. */
  restCount: number;
}

export interface CandidateCache {
  signals: SignalName[];
  users: CachedUser[];
}

export function buildCandidateCache(model: CatalogModel, cases: readonly EvalCase[], config: FusionConfig, signals: SignalName[], depth: number, onProgress?: (done: number, total: number) => void): CandidateCache {
  const n = model.ids.length;
  const mask = new Uint8Array(n);
  const normalized = signals.map(() => new Float32Array(n));
  const users: CachedUser[] = [];
  cases.forEach((c, index) => {
    const history = caseHistory(c);
    for (const e of history.events) mask[e.item] = 1;
    const scores = computeSignals(model, history, config, signals);
    const candidates = new Set<number>([c.target]);
    const rest = new Float32Array(signals.length);
    signals.forEach((name, s) => {
      const raw = scores.get(name);
      if (!raw) {
        normalized[s]!.fill(0);
        return;
      }
      normalizeScores(raw, mask, config.normalization, normalized[s]!);
      const top = topKIndices(raw, depth, mask);
      for (const item of top) candidates.add(item);
      if (SPARSE_SIGNALS.has(name)) {
        // The normalised value of a raw 0: find any unmasked item with raw score 0.
        let zero = 0;
        for (let i = 0; i < n; i++) {
          if (!mask[i] && raw[i] === 0) {
            zero = normalized[s]![i]!;
            break;
          }
        }
        rest[s] = zero;
      } else {
        rest[s] = top.length > 0 ? normalized[s]![top[top.length - 1]!]! : 0;
      }
    });
    const items = Int32Array.from([...candidates].filter((i) => i === c.target || !mask[i]).sort((a, b) => a - b));
    const values = new Float32Array(items.length * signals.length);
    items.forEach((item, p) => {
      for (let s = 0; s < signals.length; s++) values[p * signals.length + s] = normalized[s]![item]!;
    });
    let masked = 0;
    for (let i = 0; i < n; i++) masked += mask[i]!;
    const targetPosition = mask[c.target] ? -1 : items.indexOf(c.target);
    users.push({ target: c.target, historyLength: history.events.length, items, values, targetPosition, rest, restCount: n - masked - items.length + (mask[c.target] ? 1 : 0) });
    for (const e of history.events) mask[e.item] = 0;
    onProgress?.(index + 1, cases.length);
  });
  return { signals, users };
}

/** NDCG@10 of each cached user under per-user signal weights (aligned with cache.signals). */
export function scoreCache(cache: CandidateCache, weightsFor: (user: CachedUser) => ArrayLike<number>): Float64Array {
  const out = new Float64Array(cache.users.length);
  const s = cache.signals.length;
  cache.users.forEach((user, u) => {
    if (user.targetPosition < 0) return;
    const w = weightsFor(user);
    const fusedOf = (p: number): number => {
      let f = 0;
      for (let j = 0; j < s; j++) f += w[j]! * user.values[p * s + j]!;
      return f;
    };
    const target = fusedOf(user.targetPosition);
    let rank = 0;
    for (let p = 0; p < user.items.length && rank < 10; p++) {
      if (p === user.targetPosition) continue;
      const f = fusedOf(p);
      if (f > target || (f === target && user.items[p]! < user.target)) rank++;
    }
    let rest = 0;
    for (let j = 0; j < s; j++) rest += w[j]! * user.rest[j]!;
    if (rest >= target) rank += user.restCount;
    out[u] = rank < 10 ? 1 / Math.log2(rank + 2) : 0;
  });
  return out;
}
