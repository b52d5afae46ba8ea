import { isInterest, type EventType, type StoredEvent } from '../api/events.js';

/**
 * How much one event says about interest in the applications' content profiles. view < click < cart < purchase;
 * an impression (a card was shown) says nothing about the shopper and is skipped (api/events.ts isInterest).
 */
export const APPLICATION_EVENT_WEIGHTS: Record<EventType, number> = { impression: 0, view: 1, click: 2, dwell: 2, add_to_cart: 4, purchase: 6 };
/** Each step back in the history keeps this share of its weight, so recent interest leads. */
export const APPLICATION_RECENCY_DECAY = 0.85;

/**
 * Interest weight per catalog item from the shopper's events, newest first in weight:
 * event-type weight x decay^(steps back from the latest event). Items not in the catalog are skipped.
 */
export function itemWeights(events: readonly StoredEvent[], indexOf: (id: string) => number | undefined, decay = APPLICATION_RECENCY_DECAY): Map<number, number> {
  const weights = new Map<number, number>();
  const history = events.filter(isInterest);
  for (let step = 0; step < history.length; step++) {
    const event = history[history.length - 1 - step]!;
    const index = indexOf(event.itemId);
    if (index === undefined) continue;
    weights.set(index, (weights.get(index) ?? 0) + APPLICATION_EVENT_WEIGHTS[event.type] * decay ** step);
  }
  return weights;
}
