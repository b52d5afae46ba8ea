import type { VectorTable } from '../catalog/catalogModel.js';
import { choleskySolveInPlace } from './linalg.js';

/**
 * Cold items: an item nobody interacted with in the training data gets no CF factor from ALS (its row is 0).
 * This learns a linear map from content vectors to CF factors by ridge regression over the items that do
 * have factors, W = (C^T C + lambda I)^-1 C^T Y, and fills each cold item's row with its content vector
 * times W, so new products can still be scored by the CF and prototype signals.
 * Returns how many rows were filled. `hasFactor[i]` is 1 for items with training interactions.
 */
export function fillColdItemFactors(content: VectorTable, cf: Float32Array, cfDim: number, hasFactor: Uint8Array, lambda = 1): number {
  if (content.dtype !== 'float32') return 0;
  const dc = content.dim;
  const c = content.values;
  const n = content.count;
  let cold = 0;
  for (let i = 0; i < n; i++) if (!hasFactor[i]) cold++;
  if (cold === 0) return 0;
  const ctc = new Float64Array(dc * dc);
  const cty = new Float64Array(dc * cfDim);
  for (let i = 0; i < n; i++) {
    if (!hasFactor[i]) continue;
    const o = i * dc;
    for (let a = 0; a < dc; a++) {
      const ca = c[o + a]!;
      if (ca === 0) continue;
      for (let b = a; b < dc; b++) ctc[a * dc + b]! += ca * c[o + b]!;
      for (let f = 0; f < cfDim; f++) cty[a * cfDim + f]! += ca * cf[i * cfDim + f]!;
    }
  }
  for (let a = 0; a < dc; a++) {
    for (let b = 0; b < a; b++) ctc[a * dc + b] = ctc[b * dc + a]!;
    ctc[a * dc + a]! += lambda;
  }
  const weights = new Float64Array(dc * cfDim);
  for (let f = 0; f < cfDim; f++) {
    const rhs = new Float64Array(dc);
    for (let a = 0; a < dc; a++) rhs[a] = cty[a * cfDim + f]!;
    if (!choleskySolveInPlace(Float64Array.from(ctc), rhs, dc)) return 0;
    for (let a = 0; a < dc; a++) weights[a * cfDim + f] = rhs[a]!;
  }
  for (let i = 0; i < n; i++) {
    if (hasFactor[i]) continue;
    for (let f = 0; f < cfDim; f++) {
      let s = 0;
      for (let a = 0; a < dc; a++) s += c[i * dc + a]! * weights[a * cfDim + f]!;
      cf[i * cfDim + f] = s;
    }
  }
  return cold;
}
