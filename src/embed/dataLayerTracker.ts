import type { TrackEvent } from '../api/events.js';
import { eventsFromNamed } from './eventNames.js';

type DataLayer = unknown[] & { push: (...entries: unknown[]) => number };

/** The GA4 ecommerce event in one dataLayer entry: `{ event, ecommerce: { items } }` or gtag's `['event', name, params]`. */
function eventsOfEntry(entry: unknown): TrackEvent[] {
  if (typeof entry !== 'object' || entry === null) return [];
  const gtagLike = entry as ArrayLike<unknown>;
  if (typeof gtagLike.length === 'number' && gtagLike[0] === 'event' && typeof gtagLike[1] === 'string') {
    return eventsFromNamed(gtagLike[1], (gtagLike[2] ?? {}) as Record<string, unknown>) ?? [];
  }
  const object = entry as { event?: unknown; ecommerce?: unknown };
  if (typeof object.event !== 'string' || typeof object.ecommerce !== 'object' || object.ecommerce === null) return [];
  return eventsFromNamed(object.event, object.ecommerce as Record<string, unknown>) ?? [];
}

/**
 * Learns from the GA4 ecommerce events the shop already pushes to `window.dataLayer`: the entries already in the
 * array from index `from` on (the backlog: pushed before this part loaded, while tracking was on; see embed.ts),
 * and every later push. `push` is wrapped, never replaced in behaviour: the original
 * runs first and its result is returned, and reading an entry can never throw into the shop's code.
 */
export function trackDataLayer(enabled: () => boolean, record: (event: TrackEvent) => void, from = 0): void {
  const w = window as unknown as { dataLayer?: DataLayer };
  const layer = (w.dataLayer ??= [] as unknown as DataLayer);
  if (!Array.isArray(layer)) return;
  const read = (entries: unknown[]) => {
    if (!enabled()) return;
    try {
      for (const entry of entries) for (const event of eventsOfEntry(entry)) record(event);
    } catch {
      // A strange entry is the shop's business; reshelf just learns nothing from it.
    }
  };
  read(layer.slice(from));
  const original = layer.push;
  layer.push = function push(this: DataLayer, ...entries: unknown[]): number {
    const result = original.apply(this, entries);
    read(entries);
    return result;
  };
}
