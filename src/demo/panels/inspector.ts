import { el } from '../shop/format.js';

export interface InspectorTab {
  id: string;
  label: string;
  panel: HTMLElement;
  /** Called when the tab becomes visible (panels refresh lazily). */
  onShow?: () => void;
}

export interface Inspector {
  root: HTMLElement;
  toggle: HTMLButtonElement;
  select(id: string): void;
  setOpen(open: boolean): void;
}

const WIDE = '(min-width: 1100px)';

/**
 * The "How it works" side panel: three tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, Tab moves
 * into the panel). Docked beside the shop on wide screens; a sheet over the page on narrow ones, with Escape
 * and a close button, and focus moved into it when opened.
 */
export function createInspector(tabs: InspectorTab[]): Inspector {
  const root = el('aside', 'inspector');
  root.id = 'inspector';
  root.setAttribute('aria-label', 'How reshelf works');
  const header = el('div', 'inspector-header');
  const title = el('h2', 'inspector-title', 'How it works');
  const close = el('button', 'inspector-close', 'Close');
  close.type = 'button';
  const tablist = el('div', 'tabs');
  tablist.setAttribute('role', 'tablist');
  tablist.setAttribute('aria-label', 'Inspector panels');
  header.append(title, close);
  root.append(header, tablist);

  const buttons = tabs.map((tab) => {
    const button = el('button', 'tab', tab.label);
    button.type = 'button';
    button.id = `tab-${tab.id}`;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', `panel-${tab.id}`);
    tab.panel.id = `panel-${tab.id}`;
    tab.panel.setAttribute('role', 'tabpanel');
    tab.panel.setAttribute('aria-labelledby', button.id);
    tab.panel.tabIndex = 0;
    tab.panel.classList.add('panel');
    tablist.append(button);
    root.append(tab.panel);
    return button;
  });

  function select(id: string, focus = false): void {
    tabs.forEach((tab, i) => {
      const selected = tab.id === id;
      const button = buttons[i] as HTMLButtonElement;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
      if (selected) {
        tab.onShow?.();
        if (focus) button.focus();
      }
    });
  }

  tablist.addEventListener('keydown', (event) => {
    const current = buttons.findIndex((b) => b === document.activeElement);
    if (current < 0) return;
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select((tabs[(next + tabs.length) % tabs.length] as InspectorTab).id, true);
  });
  buttons.forEach((button, i) => button.addEventListener('click', () => select((tabs[i] as InspectorTab).id)));

  const toggle = el('button', 'inspector-toggle', 'How it works');
  toggle.type = 'button';
  toggle.setAttribute('aria-controls', root.id);

  function setOpen(open: boolean): void {
    root.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('inspector-open', open);
    const narrow = !matchMedia(WIDE).matches;
    if (open && narrow) (tablist.querySelector('[aria-selected="true"]') as HTMLElement | null)?.focus();
  }
  toggle.addEventListener('click', () => setOpen(root.hidden));
  close.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !matchMedia(WIDE).matches) {
      setOpen(false);
      toggle.focus();
    }
  });

  select((tabs[0] as InspectorTab).id);
  setOpen(matchMedia(WIDE).matches);
  return { root, toggle, select: (id) => select(id), setOpen };
}
