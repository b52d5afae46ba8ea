import { ATTR_ITEM, ATTR_WIDGET } from '../dom/attributes.js';

const WIDGET = `[${ATTR_WIDGET}]`;
const ITEM = `[${ATTR_ITEM}]`;

/**
 * Reports every widget and widget item on the page now, and every one added later (a MutationObserver on the
 * whole document: shops render widgets lazily, from templates, or client-side). A widget is reported again
 * when items are added to it; callers decide what is new. reshelf's own reorders are reported too (moved
 * nodes count as added) and must be idempotent for the callers.
 */
export function watchWidgets(onWidget: (widget: Element) => void, onItem: (item: Element) => void): void {
  const visit = (root: Element) => {
    const widgets = root.matches(WIDGET) ? [root] : [];
    widgets.push(...Array.from(root.querySelectorAll(WIDGET)));
    const host = root.parentElement?.closest(WIDGET);
    if (host) widgets.push(host);
    const items = root.matches(ITEM) ? [root] : [];
    items.push(...Array.from(root.querySelectorAll(ITEM)));
    for (const item of items) if (item.closest(WIDGET)) onItem(item);
    for (const widget of new Set(widgets)) onWidget(widget);
  };
  visit(document.documentElement);
  if (typeof MutationObserver === 'undefined') return;
  new MutationObserver((records) => {
    for (const record of records) for (const node of Array.from(record.addedNodes)) if (node instanceof Element) visit(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
}
