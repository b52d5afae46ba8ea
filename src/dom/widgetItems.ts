import { ATTR_ITEM } from './attributes.js';

export interface WidgetItem {
  id: string;
  element: HTMLElement;
}

/**
 * The product elements of a widget, in page order. Only elements whose parent is the widget's item list
 * (the parent of the first item) take part, so nested markup inside a product card is never moved.
 * `attribute` names what keys an element (default: products; the applications' shops and coupons use theirs).
 */
export function widgetItems(widget: Element, attribute: string = ATTR_ITEM): WidgetItem[] {
  const first = widget.querySelector(`[${attribute}]`);
  const list = first?.parentElement;
  if (!list) return [];
  const items: WidgetItem[] = [];
  for (const child of Array.from(list.children)) {
    const id = child.getAttribute(attribute);
    if (id && child instanceof HTMLElement) items.push({ id, element: child });
  }
  return items;
}
