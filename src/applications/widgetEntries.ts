import { ATTR_WIDGET } from '../dom/attributes.js';
import { widgetItems, type WidgetItem } from '../dom/widgetItems.js';

/** On each element of a `shops` widget: the shop's name, as in the bundle's `brand` attribute. */
export const ATTR_SHOP = 'data-reshelf-shop';
/** On each element of a `coupons` widget: the coupon's id, as in the bundle's coupon section. */
export const ATTR_COUPON = 'data-reshelf-coupon';

/**
 * The elements `rank(widget)` orders in any widget: products (data-reshelf-item) in product and new-arrivals
 * widgets, shops (data-reshelf-shop) in `shops` widgets, coupons (data-reshelf-coupon) in `coupons` widgets.
 * For code that must remember or restore a widget's order (the script-tag embed) without knowing every kind.
 * Its own file, so the script-tag loader carries it without the applications' glue (src/embed/lazyApplications.ts).
 */
export function widgetEntries(widget: Element): WidgetItem[] {
  const kind = widget.getAttribute(ATTR_WIDGET);
  return widgetItems(widget, kind === 'shops' ? ATTR_SHOP : kind === 'coupons' ? ATTR_COUPON : undefined);
}
