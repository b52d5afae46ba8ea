/**
 * The interactions reshelf stores, in increasing order of intent. `impression` (a product card was shown: the
 * embed's card-view tracker, GA4 `view_item_list`) is stored, exported and expires like the others but is not
 * interest: ranking, the applications and the portable profile ignore it (see `isInterest`).
 */
export const EVENT_TYPES = ['impression', 'view', 'click', 'dwell', 'add_to_cart', 'purchase'] as const;
/** One of `EVENT_TYPES`. */
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * True for events that say what the shopper is interested in: every type but `impression`. A card being shown
 * says what the shop chose to show; counting it as a view would feed the ranking's own output back into the
 * profile that produces it (a feedback loop toward whatever the shop displayed).
 *
 * A type this release does not know is not interest either. During a deploy, a tab of the newer release can write
 * a type the older worker in another tab has never heard of (this happened when `impression` was added: older
 * workers weighed it like a purchase). Ignoring it keeps this release's ranking and applications unchanged until
 * the tab reloads.
 */
export function isInterest(event: { type: EventType }): boolean {
  return event.type !== 'impression' && EVENT_TYPES.includes(event.type);
}

/** One interaction of this shopper with one product, as passed to `track()`. */
export interface TrackEvent {
  /** What happened. */
  type: EventType;
  /** The shop's product id (the same string as in the catalog bundle and `data-reshelf-item`). */
  itemId: string;
  /** When it happened (ms since epoch); defaults to now. */
  time?: number;
  /** Optional magnitude: seconds of dwell, quantity or value of a purchase. */
  value?: number;
}

/** An event as stored on the device. `seq` orders events that share a timestamp. */
export interface StoredEvent {
  seq?: number;
  type: EventType;
  itemId: string;
  time: number;
  value?: number;
  /**
   * Set by the page when the event is tracked: `<page load time>:<counter>`. The worker and the page's unload
   * rescue may both write an event; a unique index on this key (with item, time and type) stores it once.
   * It is derived from timestamps already stored with the event, so it identifies nobody.
   */
  dedupeKey?: string;
}

const MAX_ITEM_ID_LENGTH = 256;

/** Validates an event from the page; returns a normalised copy or an explanation of what is wrong. */
export function normaliseEvent(input: unknown, now: number): { event: StoredEvent } | { error: string } {
  if (typeof input !== 'object' || input === null) return { error: 'an event must be an object like { type: "click", itemId: "sku-1" }' };
  const e = input as Record<string, unknown>;
  if (!EVENT_TYPES.includes(e.type as EventType)) return { error: `event type ${JSON.stringify(e.type)} is not one of ${EVENT_TYPES.join(', ')}` };
  if (typeof e.itemId !== 'string' || e.itemId.length === 0 || e.itemId.length > MAX_ITEM_ID_LENGTH) {
    return { error: `itemId must be a non-empty string of at most ${MAX_ITEM_ID_LENGTH} characters` };
  }
  const time = e.time === undefined ? now : e.time;
  if (typeof time !== 'number' || !Number.isFinite(time)) return { error: 'time must be a finite number of ms since epoch' };
  const event: StoredEvent = { type: e.type as EventType, itemId: e.itemId, time };
  if (e.value !== undefined) {
    if (typeof e.value !== 'number' || !Number.isFinite(e.value)) return { error: 'value must be a finite number' };
    event.value = e.value;
  }
  return { event };
}
