import type { CatalogModel } from '../catalog/catalogModel.js';

export interface PopularitySignalOptions {
  /** Blend of all-time counts (0) and the time-decayed "trending" counts (1). */
  trending: number;
  /** Extra score for items first seen within `newItemDays` of the newest item (0 = off). */
  newItemBoost: number;
  newItemDays: number;
}

export const DEFAULT_POPULARITY_SIGNAL: PopularitySignalOptions = { trending: 0, newItemBoost: 0, newItemDays: 14 };

const DAY_MS = 86_400_000;

/**
 * Popularity and trending: log(1 + count) blended between all-time and decayed counts, plus a prior for new
 * items (first seen recently) so they are not buried before anyone could interact with them. The same for
 * every shopper; needs no history. Abstains without a popularity section.
 */
export function scorePopularity(model: CatalogModel, options: PopularitySignalOptions, out: Float32Array): boolean {
  const pop = model.popularity;
  if (!pop) return false;
  let newest = -Infinity;
  if (options.newItemBoost > 0) for (const t of pop.firstSeen) if (t > newest) newest = t;
  for (let i = 0; i < out.length; i++) {
    const count = (1 - options.trending) * pop.counts[i]! + options.trending * pop.decayed[i]!;
    let score = Math.log1p(count);
    const first = pop.firstSeen[i]!;
    if (options.newItemBoost > 0 && newest - first <= options.newItemDays * DAY_MS) score += options.newItemBoost;
    out[i] = score;
  }
  return true;
}
