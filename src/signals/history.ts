import type { EventType } from '../datasets/dataset.js';

/**
 * What a signal knows about the shopper: their own events, oldest first, as the worker reads them from
 * IndexedDB (or `reshelf eval` replays them from a dataset). Item indices are the catalog's dense indices.
 */
export interface ShopperEvent {
  item: number;
  /** Absent for sources that only say "interacted"; weighs like a purchase. */
  type?: EventType;
  /** Milliseconds since the epoch; absent when unknown. */
  time?: number;
}

export interface ShopperHistory {
  events: readonly ShopperEvent[];
  /** Page context for cold start: the item or category the shopper is looking at now. */
  context?: { item?: number; category?: string };
}

/** Weights of event types in profiles (view < click < cart < purchase); untyped events use `purchase`. */
export type EventWeights = Record<EventType, number>;

export const DEFAULT_EVENT_WEIGHTS: EventWeights = { view: 1, click: 2, cart: 4, purchase: 6 };

/**
 * Weight of each event for a profile: event-type weight times decay^(steps from the most recent event),
 * restricted to the last `window` events (older ones weigh 0). Returns [item, weight] pairs, newest first.
 */
export function recencyWeights(history: ShopperHistory, decay: number, window: number, eventWeights: EventWeights = DEFAULT_EVENT_WEIGHTS): [number, number][] {
  const out: [number, number][] = [];
  const events = history.events;
  const last = events.length - 1;
  for (let step = 0; step <= last && step < window; step++) {
    const event = events[last - step]!;
    out.push([event.item, eventWeights[event.type ?? 'purchase'] * decay ** step]);
  }
  return out;
}
