/**
 * The data-attribute vocabulary shared by the demo, the script-tag embed and `rank(element)`.
 * A widget is a container; its product elements carry the shop's item id.
 */
export const ATTR_WIDGET = 'data-reshelf-widget';
/** On each product element of a widget: the shop's item id (the same string as in the catalog bundle). */
export const ATTR_ITEM = 'data-reshelf-item';
/** Item ids (space-separated) the widget is about, e.g. the product of a product page for "similar". */
export const ATTR_CONTEXT = 'data-reshelf-context';
/** Set by reshelf after it reordered a widget: `personalised`, `popular` or `original` (kept, with a reason). */
export const ATTR_STATE = 'data-reshelf-state';
/** On a widget: `data-reshelf-rank="off"` keeps the shop's order; its items are still auto-tracked. */
export const ATTR_RANK = 'data-reshelf-rank';
/** The product a product page is about (one id): the script-tag embed records a `view` of it when the page opens. */
export const ATTR_PRODUCT = 'data-reshelf-product';
/**
 * On a control inside an item or product element (e.g. an "Add to cart" button): a click records this event
 * type (`add_to_cart`, `purchase`, ...) for that item instead of a plain `click`.
 */
export const ATTR_EVENT = 'data-reshelf-event';
