/**
 * Moves a list's existing children into `order` (values of `attribute`), the same way reshelf moves product
 * elements: nodes move, nothing is re-rendered. Children not in `order` go last, or are hidden with `hideRest`
 * (coupons reshelf found inapplicable must not be shown).
 */
export function reorderByKey(list: HTMLElement, attribute: string, order: readonly string[], hideRest = false): void {
  const children = Array.from(list.children).filter((c): c is HTMLElement => c instanceof HTMLElement && c.hasAttribute(attribute));
  const byKey = new Map(children.map((c) => [c.getAttribute(attribute) as string, c]));
  const placed = new Set<HTMLElement>();
  const fragment = document.createDocumentFragment();
  for (const key of order) {
    const child = byKey.get(key);
    if (!child || placed.has(child)) continue;
    placed.add(child);
    child.hidden = false;
    fragment.append(child);
  }
  for (const child of children) {
    if (placed.has(child)) continue;
    child.hidden = hideRest;
    fragment.append(child);
  }
  list.append(fragment);
}
