import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_CF_SIGNAL, foldInUser, type CfSignalOptions } from './cfFoldInSignal.js';
import type { ShopperHistory } from './history.js';
import { scoreItemVectors, vectorRow } from './scoreItemVectors.js';

export interface PrototypeSignalOptions {
  /** How many of the most similar prototypes vote. */
  nearest: number;
  /** Similarity of shopper and prototype: cosine, or Pearson (cosine of mean-centred vectors). */
  similarity: 'cosine' | 'pearson';
  /** Sharpening exponent on the (positive) similarities. */
  power: number;
  cf: CfSignalOptions;
}

export const DEFAULT_PROTOTYPE_SIGNAL: PrototypeSignalOptions = { nearest: 5, similarity: 'cosine', power: 2, cf: DEFAULT_CF_SIGNAL };

/**
 * User-based CF through k-anonymous shopper prototypes: the shopper's folded-in CF vector is compared with
 * each prototype (a centroid of >= minUsers training shoppers); the `nearest` most similar prototypes vote,
 * each item scoring sum_p sim_p^power (prototype_p . y_i). No other shopper's data is on the device, only
 * the centroids. Abstains without prototypes, CF factors or history.
 */
export function scorePrototypes(model: CatalogModel, history: ShopperHistory, options: PrototypeSignalOptions, out: Float32Array): boolean {
  const prototypes = model.prototypes?.centroids;
  if (!prototypes || prototypes.count === 0 || !model.cf) return false;
  const user = foldInUser(model, history, options.cf);
  if (!user) return false;
  const dim = prototypes.dim;
  const centred = options.similarity === 'pearson';
  const u = centre(user, centred);
  const sims: [number, number][] = [];
  for (let p = 0; p < prototypes.count; p++) {
    const c = centre(vectorRow(prototypes, p), centred);
    let dot = 0;
    let nu = 0;
    let nc = 0;
    for (let d = 0; d < dim; d++) {
      dot += u[d]! * c[d]!;
      nu += u[d]! * u[d]!;
      nc += c[d]! * c[d]!;
    }
    const sim = dot / (Math.sqrt(nu * nc) || 1);
    if (sim > 0) sims.push([p, sim]);
  }
  if (sims.length === 0) return false;
  sims.sort((a, b) => b[1] - a[1]);
  const query = new Float64Array(dim);
  for (const [p, sim] of sims.slice(0, options.nearest)) {
    const c = vectorRow(prototypes, p);
    const w = sim ** options.power;
    for (let d = 0; d < dim; d++) query[d]! += w * c[d]!;
  }
  scoreItemVectors(model.cf, query, out);
  return true;
}

function centre(v: Float64Array, centred: boolean): Float64Array {
  if (!centred) return v;
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length || 1;
  return v.map((x) => x - mean);
}
