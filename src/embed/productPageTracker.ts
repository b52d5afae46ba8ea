import { ATTR_PRODUCT } from '../dom/attributes.js';
import type { TrackEvent } from '../api/events.js';

/** A product page (`data-reshelf-product="<id>"`) is a `view` of that product when the page opens. */
export function trackProductPage(enabled: () => boolean, record: (event: TrackEvent) => void): void {
  const itemId = document.querySelector(`[${ATTR_PRODUCT}]`)?.getAttribute(ATTR_PRODUCT);
  if (itemId && enabled()) record({ type: 'view', itemId });
}
