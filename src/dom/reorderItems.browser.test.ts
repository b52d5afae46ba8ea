import { describe, expect, it } from 'vitest';
import { reorderItems } from './reorderItems.js';
import { widgetItems } from './widgetItems.js';

function widget(ids: string[]): { root: HTMLElement; clicks: string[] } {
  const root = document.createElement('section');
  const heading = document.createElement('h2');
  heading.textContent = 'For you';
  const list = document.createElement('ul');
  const clicks: string[] = [];
  for (const id of ids) {
    const li = document.createElement('li');
    li.setAttribute('data-reshelf-item', id);
    li.textContent = id;
    li.addEventListener('click', () => clicks.push(id));
    list.append(li);
  }
  const footer = document.createElement('li');
  footer.className = 'more';
  list.append(footer);
  root.append(heading, list);
  document.body.append(root);
  return { root, clicks };
}

describe('reorderItems in a real DOM', () => {
  it('moves the same nodes, keeps their listeners and surrounding markup', () => {
    const { root, clicks } = widget(['a', 'b', 'c', 'd']);
    const items = widgetItems(root);
    const nodes = new Map(items.map((i) => [i.id, i.element]));
    expect(reorderItems(items, ['c', 'a', 'd', 'b'])).toBe(true);
    const after = Array.from(root.querySelectorAll('li'));
    expect(after.map((li) => li.getAttribute('data-reshelf-item') ?? 'footer')).toEqual(['c', 'a', 'd', 'b', 'footer']);
    expect(after[0]).toBe(nodes.get('c'));
    (after[0] as HTMLElement).click();
    expect(clicks).toEqual(['c']);
    root.remove();
  });

  it('keeps unranked items after the ranked ones, in page order, and handles duplicate ids', () => {
    const { root } = widget(['a', 'b', 'a', 'c']);
    expect(reorderItems(widgetItems(root), ['c'])).toBe(true);
    expect(Array.from(root.querySelectorAll('[data-reshelf-item]'), (e) => e.textContent)).toEqual(['c', 'a', 'b', 'a']);
    root.remove();
  });

  it('refuses to reorder a widget whose items moved elsewhere meanwhile', () => {
    const { root } = widget(['a', 'b']);
    const items = widgetItems(root);
    document.body.append(items[0]?.element as HTMLElement);
    expect(reorderItems(items, ['b', 'a'])).toBe(false);
    root.remove();
  });
});
