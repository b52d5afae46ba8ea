import type { StoredEvent } from '../api/events.js';
import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import { contentAffinity } from './contentAffinity.js';
import { itemWeights } from './historyWeights.js';

export interface NewArrivalOptions {
  /** An item is new when it was first seen at most this many days before the reference time. */
  windowDays: number;
  limit: number;
  /** Reference time (ms); defaults to the newest first-seen time in the bundle, so a static bundle stays usable. */
  now?: number;
  /** Weight of freshness (1 = first seen just now, 0 = at the window's edge) next to content affinity (0..1). */
  freshness: number;
  /** Only these item ids are ranked (a widget's products); absent = every new item of the catalog. */
  candidates?: string[];
}

export const DEFAULT_NEW_ARRIVALS: NewArrivalOptions = { windowDays: 30, limit: 20, freshness: 0.2 };

/** The result of `newArrivals()`. */
export interface NewArrivals {
  /** New items, best for this shopper first. */
  items: string[];
  scores: number[];
  /** True when the shopper's history shaped the order (false: newest first). */
  personalised: boolean;
  /** Why the list is empty, when it is. */
  reason?: 'NO_FIRST_SEEN' | 'NOTHING_NEW';
}

const DAY_MS = 86_400_000;

/**
 * "New arrivals" for this shopper: items first seen within `windowDays` (the bundle's
 * `popularity.firstSeen`), ordered by content affinity to what the shopper engaged with plus a freshness
 * bonus. New items have no interactions yet, so collaborative vectors know nothing about them: content
 * (vectors, or brand and category) is the signal that reaches them. Items the shopper bought are left out;
 * items not yet listed at `now` too.
 */
export function rankNewArrivals(model: CatalogModel, history: readonly StoredEvent[], options: NewArrivalOptions = DEFAULT_NEW_ARRIVALS): NewArrivals {
  const firstSeen = model.popularity?.firstSeen;
  let newest = -Infinity;
  if (firstSeen) for (const t of firstSeen) if (t > newest) newest = t;
  if (!firstSeen || newest === -Infinity) return { items: [], scores: [], personalised: false, reason: 'NO_FIRST_SEEN' };
  const now = options.now ?? newest;
  const windowMs = options.windowDays * DAY_MS;

  const index = indexById(model);
  const bought = new Set(history.filter((e) => e.type === 'purchase').map((e) => e.itemId));
  const pool = options.candidates ? options.candidates.map((id) => index.get(id)).filter((i): i is number => i !== undefined) : model.ids.map((_, i) => i);
  const fresh = pool.filter((i) => {
    const t = firstSeen[i]!;
    return t <= now && now - t <= windowMs && !bought.has(model.ids[i]!);
  });
  if (fresh.length === 0) return { items: [], scores: [], personalised: false, reason: 'NOTHING_NEW' };

  const weights = itemWeights(history, (id) => index.get(id));
  const affinity = contentAffinity(model, weights, fresh);
  const scored = fresh.map((item, c) => ({ item, score: affinity[c]! + options.freshness * (1 - (now - firstSeen[item]!) / windowMs) }));
  // Ties: the newer item first, then catalog order.
  scored.sort((a, b) => b.score - a.score || firstSeen[b.item]! - firstSeen[a.item]! || a.item - b.item);
  const top = scored.slice(0, options.limit);
  return { items: top.map((s) => model.ids[s.item]!), scores: top.map((s) => s.score), personalised: weights.size > 0 };
}
