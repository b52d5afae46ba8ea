/**
 * The data-attribute vocabulary shared by the demo, the script-tag embed and `rank(element)`.
 * A widget is a container; its product elements carry the shop's item id.
 */
export const ATTR_WIDGET = 'data-reshelf-widget';
export const ATTR_ITEM = 'data-reshelf-item';
/** Item ids (space-separated) the widget is about, e.g. the product of a product page for "similar". */
export const ATTR_CONTEXT = 'data-reshelf-context';
/** Set by reshelf after it reordered a widget: `personalised`, `popular` or `original` (kept, with a reason). */
export const ATTR_STATE = 'data-reshelf-state';
