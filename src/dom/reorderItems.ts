import type { WidgetItem } from './widgetItems.js';

/**
 * Moves the existing item elements into `order` (item ids). The nodes themselves move, so event listeners,
 * focus state and framework bindings stay attached; nothing is re-rendered or parsed from strings.
 * Items missing from `order` keep their relative order after the ranked ones. Returns false (and changes
 * nothing) when the widget changed since its items were read.
 */
export function reorderItems(items: WidgetItem[], order: string[]): boolean {
  const list = items[0]?.element.parentElement;
  if (!list || items.some((item) => item.element.parentElement !== list)) return false;
  const byId = new Map<string, WidgetItem[]>();
  for (const item of items) byId.set(item.id, [...(byId.get(item.id) ?? []), item]);
  const placed = new Set<HTMLElement>();
  const sequence: HTMLElement[] = [];
  for (const id of order) {
    for (const item of byId.get(id) ?? []) {
      if (!placed.has(item.element)) {
        placed.add(item.element);
        sequence.push(item.element);
      }
    }
  }
  for (const item of items) if (!placed.has(item.element)) sequence.push(item.element);

  // Insert before the first non-item sibling after the items, so surrounding markup stays where it was.
  const last = items[items.length - 1]?.element as HTMLElement;
  const anchor = last.nextSibling;
  // Skip moves that would not change anything: moving a focused node can drop focus in some browsers.
  if (sequence.every((element, i) => element === items[i]?.element)) return true;
  const fragment = document.createDocumentFragment();
  for (const element of sequence) fragment.appendChild(element);
  list.insertBefore(fragment, anchor);
  return true;
}
