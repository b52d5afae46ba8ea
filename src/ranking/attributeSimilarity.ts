import type { EventType, StoredEvent } from '../api/events.js';
import type { ItemAttributes } from '../catalog/catalogModel.js';

/** How much one event says about interest. View < click < dwell < cart < purchase. */
export const DEFAULT_EVENT_WEIGHTS: Record<EventType, number> = { view: 1, click: 2, dwell: 2, add_to_cart: 4, purchase: 6 };
/** Each step back in history keeps this share of its weight, so recent interest dominates. */
export const DEFAULT_RECENCY_DECAY = 0.85;

/** A specific shared category says more than a shared department. */
const FEATURE_WEIGHTS = [1, 2, 3];
const BRAND_WEIGHT = 1.5;

/** The discrete features one item is described by: brand and every prefix of its category path. */
export function itemFeatures(attributes: ItemAttributes): Map<string, number> {
  const features = new Map<string, number>();
  if (attributes.brand) features.set(`brand:${attributes.brand}`, BRAND_WEIGHT);
  const path = attributes.category ?? [];
  for (let depth = 0; depth < path.length; depth++) {
    features.set(`cat:${path.slice(0, depth + 1).join('>')}`, FEATURE_WEIGHTS[Math.min(depth, FEATURE_WEIGHTS.length - 1)] as number);
  }
  return features;
}

export interface WeightedItem {
  index: number;
  weight: number;
}

/** Weights the shopper's history by event type and recency (most recent event first in weight). */
export function weightHistory(history: StoredEvent[], indexOf: (id: string) => number | undefined, decay = DEFAULT_RECENCY_DECAY): WeightedItem[] {
  const out: WeightedItem[] = [];
  for (let step = 0; step < history.length; step++) {
    const event = history[history.length - 1 - step] as StoredEvent;
    const index = indexOf(event.itemId);
    if (index === undefined) continue; // an item no longer in the catalog
    out.push({ index, weight: DEFAULT_EVENT_WEIGHTS[event.type] * decay ** step });
  }
  return out;
}

/**
 * The walking-skeleton signal: a profile of attribute features over the weighted history, and each
 * candidate's share of that profile (0..1). Real content, CF and sequence signals live in src/signals.
 */
export function attributeProfileScores(attributes: ItemAttributes[], history: WeightedItem[], candidates: number[]): Float64Array {
  const profile = new Map<string, number>();
  let total = 0;
  for (const { index, weight } of history) {
    for (const [feature, featureWeight] of itemFeatures(attributes[index] ?? {})) {
      profile.set(feature, (profile.get(feature) ?? 0) + weight * featureWeight);
      total += weight * featureWeight;
    }
  }
  const scores = new Float64Array(candidates.length);
  if (total === 0) return scores;
  candidates.forEach((candidate, c) => {
    let score = 0;
    for (const [feature] of itemFeatures(attributes[candidate] ?? {})) score += profile.get(feature) ?? 0;
    scores[c] = score / total;
  });
  return scores;
}
