import { ATTR_EVENT, ATTR_ITEM, ATTR_PRODUCT } from '../dom/attributes.js';
import { EVENT_TYPES, type EventType, type TrackEvent } from '../api/events.js';

/**
 * Clicks, recorded in the capture phase so a link that navigates away is still seen. A click inside a
 * widget item is a `click`; a click on a control marked `data-reshelf-event="add_to_cart"` (inside an item
 * or a product page's `data-reshelf-product` element) records that event type instead.
 */
export function trackClicks(enabled: () => boolean, record: (event: TrackEvent) => void): void {
  document.addEventListener(
    'click',
    (event) => {
      if (!enabled() || !(event.target instanceof Element)) return;
      const owner = event.target.closest(`[${ATTR_ITEM}],[${ATTR_PRODUCT}]`);
      const itemId = owner?.getAttribute(ATTR_ITEM) ?? owner?.getAttribute(ATTR_PRODUCT);
      if (!owner || !itemId) return;
      const control = event.target.closest(`[${ATTR_EVENT}]`);
      const named = control && owner.contains(control) ? control.getAttribute(ATTR_EVENT) : null;
      if (named && EVENT_TYPES.includes(named as EventType)) record({ type: named as EventType, itemId });
      else if (owner.hasAttribute(ATTR_ITEM)) record({ type: 'click', itemId });
    },
    { capture: true, passive: true },
  );
}
