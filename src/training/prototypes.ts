import type { VectorTable } from '../catalog/catalogModel.js';
import { seededRandom } from './random.js';

export interface PrototypeOptions {
  clusters: number;
  /** k-anonymity: a centroid ships only if at least this many shoppers formed it. */
  minUsers: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_PROTOTYPE_OPTIONS: PrototypeOptions = { clusters: 64, minUsers: 50, iterations: 10, seed: 5 };

/**
 * Shopper prototypes: spherical k-means (k-means++ seeding) over the L2-normalised user factors of the
 * training shoppers. A cluster with fewer than `minUsers` members is dropped, so every shipped centroid is
 * an average of at least that many shoppers and describes none of them alone. Centroids are L2-normalised.
 */
export function buildPrototypes(userFactors: Float32Array, dim: number, options: PrototypeOptions = DEFAULT_PROTOTYPE_OPTIONS): { centroids: VectorTable; minUsers: number } {
  const all = userFactors.length / dim;
  const rows: Float64Array[] = [];
  for (let u = 0; u < all; u++) {
    const v = Float64Array.from(userFactors.subarray(u * dim, (u + 1) * dim));
    const norm = Math.sqrt(dot(v, v));
    if (norm > 0) rows.push(v.map((x) => x / norm));
  }
  const random = seededRandom(options.seed);
  const k = Math.min(options.clusters, rows.length);
  const centroids: Float64Array[] = [];
  if (k > 0) centroids.push(Float64Array.from(rows[Math.floor(random() * rows.length)]!));
  const distance = new Float64Array(rows.length).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1]!;
    let total = 0;
    rows.forEach((row, r) => {
      distance[r] = Math.min(distance[r]!, 2 - 2 * dot(row, last));
      total += Math.max(distance[r]!, 0);
    });
    let pick = random() * total;
    let chosen = rows.length - 1;
    for (let r = 0; r < rows.length; r++) {
      pick -= Math.max(distance[r]!, 0);
      if (pick <= 0) {
        chosen = r;
        break;
      }
    }
    centroids.push(Float64Array.from(rows[chosen]!));
  }
  const assignment = new Int32Array(rows.length);
  for (let it = 0; it < options.iterations; it++) {
    rows.forEach((row, r) => {
      let best = 0;
      let bestSim = -Infinity;
      centroids.forEach((c, j) => {
        const s = dot(row, c);
        if (s > bestSim) {
          bestSim = s;
          best = j;
        }
      });
      assignment[r] = best;
    });
    const sums = centroids.map(() => new Float64Array(dim));
    rows.forEach((row, r) => {
      const sum = sums[assignment[r]!]!;
      for (let d = 0; d < dim; d++) sum[d]! += row[d]!;
    });
    sums.forEach((sum, j) => {
      const norm = Math.sqrt(dot(sum, sum));
      if (norm > 0) centroids[j] = sum.map((x) => x / norm);
    });
  }
  const members = new Int32Array(centroids.length);
  for (const a of assignment) members[a]!++;
  const kept = centroids.filter((_, j) => members[j]! >= options.minUsers);
  const values = new Float32Array(kept.length * dim);
  kept.forEach((c, j) => values.set(c, j * dim));
  return { centroids: { dtype: 'float32', count: kept.length, dim, values }, minUsers: options.minUsers };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
