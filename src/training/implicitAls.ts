import type { InteractionMatrix } from './interactionMatrix.js';
import { gaussianSource, seededRandom } from './random.js';

export interface AlsOptions {
  factors: number;
  /** L2 regularisation lambda; the on-device fold-in must use the same value. */
  regularization: number;
  /** Confidence of an observed interaction is 1 + alpha (Hu, Koren, Volinsky 2008). */
  alpha: number;
  iterations: number;
  /** Conjugate-gradient steps per factor update (Takacs et al. 2011); 3 is what `implicit` uses. */
  cgSteps: number;
  seed: number;
}

export const DEFAULT_ALS_OPTIONS: AlsOptions = { factors: 64, regularization: 5, alpha: 10, iterations: 8, cgSteps: 3, seed: 7 };

export interface AlsFactors {
  factors: number;
  /** users x factors, row-major. */
  users: Float32Array;
  /** items x factors, row-major. */
  items: Float32Array;
}

/**
 * Implicit-feedback ALS with conjugate-gradient updates. Minimises
 * sum_{u,i} c_ui (p_ui - x_u . y_i)^2 + lambda (|x|^2 + |y|^2), p = 1 for observed pairs, 0 otherwise.
 * The on-device fold-in (signals/cfFoldIn) solves the same user equation exactly, so a shopper's local
 * vector is what training would have given them.
 */
export function trainImplicitAls(matrix: InteractionMatrix, options: AlsOptions = DEFAULT_ALS_OPTIONS): AlsFactors {
  const f = options.factors;
  const normal = gaussianSource(seededRandom(options.seed));
  const users = new Float64Array(matrix.users * f);
  const items = new Float64Array(matrix.items * f);
  for (let p = 0; p < items.length; p++) items[p] = normal() * 0.01;
  for (let p = 0; p < users.length; p++) users[p] = normal() * 0.01;
  for (let it = 0; it < options.iterations; it++) {
    updateSide(users, items, matrix.users, matrix.userStart, matrix.userItems, matrix.items, f, options);
    updateSide(items, users, matrix.items, matrix.itemStart, matrix.itemUsers, matrix.users, f, options);
  }
  return { factors: f, users: Float32Array.from(users), items: Float32Array.from(items) };
}

/** Gram matrix Y^T Y of a rows x f table (row-major), as float64 f x f. */
export function gramMatrix(table: ArrayLike<number>, rows: number, f: number): Float64Array {
  const gram = new Float64Array(f * f);
  for (let r = 0; r < rows; r++) {
    const o = r * f;
    for (let a = 0; a < f; a++) {
      const va = table[o + a]!;
      if (va === 0) continue;
      const ga = a * f;
      for (let b = a; b < f; b++) gram[ga + b]! += va * table[o + b]!;
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) gram[a * f + b] = gram[b * f + a]!;
  return gram;
}

function updateSide(
  solve: Float64Array,
  fixed: Float64Array,
  rows: number,
  start: Int32Array,
  indices: Int32Array,
  fixedRows: number,
  f: number,
  options: AlsOptions,
): void {
  const yty = gramMatrix(fixed, fixedRows, f);
  for (let a = 0; a < f; a++) yty[a * f + a]! += options.regularization;
  const c = 1 + options.alpha;
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  for (let row = 0; row < rows; row++) {
    const from = start[row]!;
    const to = start[row + 1]!;
    const x = solve.subarray(row * f, row * f + f);
    if (from === to) {
      x.fill(0);
      continue;
    }
    // r = b - A x, with A = YtY + lambda I + sum (c - 1) y y^T and b = sum c y.
    matVec(yty, x, r, f);
    for (let a = 0; a < f; a++) r[a] = -r[a]!;
    for (let q = from; q < to; q++) {
      const o = indices[q]! * f;
      let yx = 0;
      for (let a = 0; a < f; a++) yx += fixed[o + a]! * x[a]!;
      const coefficient = c - (c - 1) * yx;
      for (let a = 0; a < f; a++) r[a]! += coefficient * fixed[o + a]!;
    }
    p.set(r);
    let rsOld = dot(r, r, f);
    for (let step = 0; step < options.cgSteps && rsOld > 1e-20; step++) {
      matVec(yty, p, ap, f);
      for (let q = from; q < to; q++) {
        const o = indices[q]! * f;
        let yp = 0;
        for (let a = 0; a < f; a++) yp += fixed[o + a]! * p[a]!;
        const coefficient = (c - 1) * yp;
        for (let a = 0; a < f; a++) ap[a]! += coefficient * fixed[o + a]!;
      }
      const stepSize = rsOld / dot(p, ap, f);
      for (let a = 0; a < f; a++) {
        x[a]! += stepSize * p[a]!;
        r[a]! -= stepSize * ap[a]!;
      }
      const rsNew = dot(r, r, f);
      for (let a = 0; a < f; a++) p[a] = r[a]! + (rsNew / rsOld) * p[a]!;
      rsOld = rsNew;
    }
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, f: number): number {
  let s = 0;
  for (let i = 0; i < f; i++) s += a[i]! * b[i]!;
  return s;
}

function matVec(m: Float64Array, v: ArrayLike<number>, out: Float64Array, f: number): void {
  for (let a = 0; a < f; a++) {
    let s = 0;
    const o = a * f;
    for (let b = 0; b < f; b++) s += m[o + b]! * v[b]!;
    out[a] = s;
  }
}
