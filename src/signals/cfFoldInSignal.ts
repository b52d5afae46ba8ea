import type { CatalogModel, VectorTable } from '../catalog/catalogModel.js';
import { choleskySolveInPlace } from '../training/linalg.js';
import { DEFAULT_EVENT_WEIGHTS, recencyWeights, type EventWeights, type ShopperHistory } from './history.js';
import { scoreItemVectors, vectorRow } from './scoreItemVectors.js';

export interface CfSignalOptions {
  /** Recency decay of the confidence of older events (1 = all events count alike, as in training). */
  decay: number;
  window: number;
  eventWeights: EventWeights;
}

export const DEFAULT_CF_SIGNAL: CfSignalOptions = { decay: 1, window: 200, eventWeights: DEFAULT_EVENT_WEIGHTS };

/** Y^T Y of each item factor table, computed once per table (50M flops for 12k x 64: do it once). */
const gramCache = new WeakMap<VectorTable, Float64Array>();

function itemGram(table: VectorTable): Float64Array {
  let gram = gramCache.get(table);
  if (!gram) {
    const f = table.dim;
    gram = new Float64Array(f * f);
    for (let i = 0; i < table.count; i++) {
      const y = vectorRow(table, i);
      for (let a = 0; a < f; a++) for (let b = a; b < f; b++) gram[a * f + b]! += y[a]! * y[b]!;
    }
    for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) gram[a * f + b] = gram[b * f + a]!;
    gramCache.set(table, gram);
  }
  return gram;
}

/**
 * The shopper's CF vector, folded in locally: x = (Y^T Y + lambda I + sum_i (c_i - 1) y_i y_i^T)^-1 sum_i c_i y_i,
 * with c_i = 1 + alpha * w_i (w_i = event-type x recency weight, normalised so a plain interaction has w = 1).
 * This is exactly the implicit-ALS user update (Hu et al. 2008), so nothing about the shopper is sent anywhere:
 * the server's item factors come down, the user factor is computed here. Returns null without history.
 */
export function foldInUser(model: CatalogModel, history: ShopperHistory, options: CfSignalOptions): Float64Array | null {
  // The CF and prototype signals fold in the same shopper with the same options: solve once per call site pair.
  // The fingerprint guards against a caller that mutates its history object between calls.
  const fingerprint = historyFingerprint(history);
  const cached = lastFoldIn.get(history);
  if (cached && cached.model === model && cached.options === options && cached.fingerprint === fingerprint) return cached.vector;
  const vector = solveFoldIn(model, history, options);
  lastFoldIn.set(history, { model, options, fingerprint, vector });
  return vector;
}

const lastFoldIn = new WeakMap<ShopperHistory, { model: CatalogModel; options: CfSignalOptions; fingerprint: string; vector: Float64Array | null }>();

function historyFingerprint(history: ShopperHistory): string {
  let hash = 0;
  for (const e of history.events) hash = (Math.imul(hash, 31) + e.item * 7 + (e.type?.length ?? 0) + (e.time ?? 0)) | 0;
  return `${history.events.length}:${hash}`;
}

function solveFoldIn(model: CatalogModel, history: ShopperHistory, options: CfSignalOptions): Float64Array | null {
  const cf = model.cf;
  if (!cf || history.events.length === 0) return null;
  const f = cf.dim;
  const alpha = cf.confidence ?? 0;
  const a = Float64Array.from(itemGram(cf));
  for (let d = 0; d < f; d++) a[d * f + d]! += cf.regularization;
  const b = new Float64Array(f);
  const unit = options.eventWeights.purchase;
  const weights = new Map<number, number>();
  for (const [item, weight] of recencyWeights(history, options.decay, options.window, options.eventWeights)) {
    weights.set(item, (weights.get(item) ?? 0) + weight / unit);
  }
  for (const [item, w] of weights) {
    const y = vectorRow(cf, item);
    const c = 1 + alpha * w;
    for (let p = 0; p < f; p++) {
      b[p]! += c * y[p]!;
      const yp = (c - 1) * y[p]!;
      for (let q = 0; q < f; q++) a[p * f + q]! += yp * y[q]!;
    }
  }
  return choleskySolveInPlace(a, b, f) ? b : null;
}

/** CF signal: every item scores y_i . x with the folded-in shopper vector x. */
export function scoreCf(model: CatalogModel, history: ShopperHistory, options: CfSignalOptions, out: Float32Array): boolean {
  const user = foldInUser(model, history, options);
  if (!user || !model.cf) return false;
  scoreItemVectors(model.cf, user, out);
  return true;
}
