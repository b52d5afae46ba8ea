import type { StoredEvent } from '../api/events.js';

function keyParts(key: string | undefined): { page: string; counter: number } | undefined {
  if (key === undefined) return undefined;
  const at = key.lastIndexOf(':');
  const counter = Number(key.slice(at + 1));
  return at > 0 && Number.isFinite(counter) ? { page: key.slice(0, at), counter } : undefined;
}

/**
 * The order events happened in. Storage order (`seq`) is not enough: events a page rescued on unload reach the
 * `events` store later than events its worker wrote, though they were tracked earlier. So: by time, then, for
 * two events of the same page view, by the page's own counter (the dedupe key), then by storage order.
 */
export function chronologicalOrder(a: StoredEvent, b: StoredEvent): number {
  if (a.time !== b.time) return a.time - b.time;
  const ka = keyParts(a.dedupeKey);
  const kb = keyParts(b.dedupeKey);
  if (ka && kb && ka.page === kb.page && ka.counter !== kb.counter) return ka.counter - kb.counter;
  return (a.seq ?? 0) - (b.seq ?? 0);
}
