import type { SignalName } from '../signals/registry.js';

/**
 * A stacked (learned) combination: logistic regression over per-signal normalised scores and their products
 * with a history-length feature, so the weight of a signal can depend on how much the shopper has done
 * (sequence signals help long histories, popularity short ones). Ranking uses the linear score; the sigmoid
 * is monotone, so it is never computed at ranking time.
 */
export interface StackedFeature {
  signal: SignalName;
  /** `length`: the normalised score times historyFeature(history length). */
  interaction?: 'length';
}

export interface StackedModel {
  features: StackedFeature[];
  weights: number[];
  bias: number;
}

/** log(1 + n) / log(1 + 50), clipped to [0, 1]: 0 for a new shopper, 1 from 50 events on. */
export function historyFeature(historyLength: number): number {
  return Math.min(1, Math.log1p(historyLength) / Math.log1p(50));
}

/** Value of one feature for one item, from the normalised signal scores. */
export function featureValue(feature: StackedFeature, normalized: number, historyLength: number): number {
  return feature.interaction === 'length' ? normalized * historyFeature(historyLength) : normalized;
}

/** Per-signal weights this model applies for a given history length (what the linear score reduces to). */
export function stackedSignalWeights(model: StackedModel, historyLength: number): Map<SignalName, number> {
  const weights = new Map<SignalName, number>();
  model.features.forEach((feature, f) => {
    const w = model.weights[f]! * (feature.interaction === 'length' ? historyFeature(historyLength) : 1);
    weights.set(feature.signal, (weights.get(feature.signal) ?? 0) + w);
  });
  return weights;
}

export interface StackedTrainingOptions {
  l2: number;
  iterations: number;
}

/**
 * Fits the logistic regression by Newton's method (IRLS; few features, so the Hessian is tiny) on rows of
 * feature values with 0/1 labels. Deterministic.
 */
export function fitLogistic(rows: readonly Float64Array[], labels: readonly number[], options: StackedTrainingOptions = { l2: 1, iterations: 25 }): { weights: number[]; bias: number } {
  const d = rows[0]?.length ?? 0;
  const dim = d + 1;
  const beta = new Float64Array(dim);
  for (let it = 0; it < options.iterations; it++) {
    const gradient = new Float64Array(dim);
    const hessian = new Float64Array(dim * dim);
    rows.forEach((row, r) => {
      let z = beta[d]!;
      for (let j = 0; j < d; j++) z += beta[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const error = p - labels[r]!;
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < dim; a++) {
        const xa = a === d ? 1 : row[a]!;
        gradient[a]! += error * xa;
        for (let b = a; b < dim; b++) hessian[a * dim + b]! += w * xa * (b === d ? 1 : row[b]!);
      }
    });
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < a; b++) hessian[a * dim + b] = hessian[b * dim + a]!;
      if (a < d) {
        gradient[a]! += options.l2 * beta[a]!;
        hessian[a * dim + a]! += options.l2;
      } else {
        hessian[a * dim + a]! += 1e-6;
      }
    }
    const step = solve(hessian, gradient, dim);
    let change = 0;
    for (let a = 0; a < dim; a++) {
      beta[a]! -= step[a]!;
      change += Math.abs(step[a]!);
    }
    if (change < 1e-8) break;
  }
  return { weights: Array.from(beta.subarray(0, d)), bias: beta[d]! };
}

/** Gaussian elimination with partial pivoting (dim is tiny). */
function solve(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[pivot * n + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[c * n + k]!];
      [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    }
    const diag = a[c * n + c]! || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const factor = a[r * n + c]! / diag;
      if (factor === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k]! -= factor * a[c * n + k]!;
      b[r]! -= factor * b[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * b[k]!;
    b[r] = s / (a[r * n + r]! || 1e-12);
  }
  return b;
}
