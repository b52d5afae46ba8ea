import { ATTR_ITEM } from '../dom/attributes.js';
import type { TrackEvent } from '../api/events.js';
import { trackProductPage } from './productPageTracker.js';

/**
 * The page part's view trackers (applicationsPart.ts), installed once per page view when it loads with consent:
 * a product page (`data-reshelf-product`) is a `view` once the DOM is there, and widget cards are impressions.
 * Returns the card tracker; the loader hands it the widget items it finds.
 */
export function trackViews(dwellMs: number, enabled: () => boolean, record: (event: TrackEvent) => void): { observe(element: Element): void } {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => trackProductPage(enabled, record), { once: true });
  else trackProductPage(enabled, record);
  return createViewTracker(dwellMs, enabled, record);
}

/**
 * Card impressions in widgets: an item element that stays at least half visible for `dwellMs` is one
 * `impression` (once per product per page view, whichever widgets show it). An impression is stored but is not
 * interest: the shop chose to show the card, so counting it as a `view` would feed the ranking's own output back
 * into the profile (api/events.ts isInterest). Product pages stay `view`s (productPageTracker.ts).
 * One IntersectionObserver for the page; timers only while visible.
 */
export function createViewTracker(dwellMs: number, enabled: () => boolean, record: (event: TrackEvent) => void): { observe(element: Element): void } {
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const seen = new WeakSet<Element>();
  const recorded = new Set<string>();
  if (typeof IntersectionObserver === 'undefined') return { observe() {} };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const element = entry.target;
        if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
          if (!timers.has(element)) {
            timers.set(
              element,
              setTimeout(() => {
                timers.delete(element);
                const itemId = element.getAttribute(ATTR_ITEM);
                if (!itemId || !enabled() || document.visibilityState !== 'visible') return;
                seen.add(element);
                observer.unobserve(element);
                if (recorded.has(itemId)) return;
                recorded.add(itemId);
                record({ type: 'impression', itemId });
              }, dwellMs),
            );
          }
        } else {
          clearTimeout(timers.get(element));
          timers.delete(element);
        }
      }
    },
    { threshold: [0, 0.5] },
  );
  return {
    observe(element) {
      if (!seen.has(element)) observer.observe(element);
    },
  };
}
