import type { PopularitySection } from '../catalog/catalogModel.js';
import type { EventType, UserSequence } from '../datasets/dataset.js';

export interface PopularityOptions {
  /** Weight of each event type in the counts; events without a type weigh 1. */
  eventWeights: Record<EventType, number>;
  /** Half-life of the "trending" count in days (only used when timestamps exist). */
  halfLifeDays: number;
}

export const DEFAULT_POPULARITY_OPTIONS: PopularityOptions = {
  eventWeights: { view: 1, click: 2, cart: 4, purchase: 8 },
  halfLifeDays: 14,
};

const DAY_MS = 86_400_000;

/**
 * Popularity from the training interactions: event-type weighted counts, a time-decayed count for
 * "trending" (decayed to the latest timestamp in the data; equal to `counts` when there are no timestamps),
 * and the first time each item was seen (NaN without timestamps).
 */
export function buildPopularity(train: readonly UserSequence[], itemCount: number, options: PopularityOptions = DEFAULT_POPULARITY_OPTIONS): PopularitySection {
  const counts = new Float32Array(itemCount);
  const decayed = new Float32Array(itemCount);
  const firstSeen = new Float64Array(itemCount).fill(Number.NaN);
  let latest = -Infinity;
  for (const user of train) {
    if (user.timestamps) for (const t of user.timestamps) latest = Math.max(latest, t);
  }
  const decayPerMs = Math.LN2 / (options.halfLifeDays * DAY_MS);
  for (const user of train) {
    for (let p = 0; p < user.items.length; p++) {
      const item = user.items[p]!;
      const type = user.types?.[p];
      const weight = type ? options.eventWeights[type] : 1;
      counts[item]! += weight;
      const time = user.timestamps?.[p];
      if (time !== undefined && Number.isFinite(time)) {
        decayed[item]! += weight * Math.exp(-decayPerMs * (latest - time));
        const first = firstSeen[item]!;
        if (!(first <= time)) firstSeen[item] = time;
      } else {
        decayed[item]! += weight;
      }
    }
  }
  return { counts, decayed, firstSeen };
}
