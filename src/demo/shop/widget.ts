import { ATTR_CONTEXT, ATTR_RANK, ATTR_WIDGET } from '../../dom/attributes.js';
import { el } from './format.js';

export interface WidgetFrame {
  section: HTMLElement;
  list: HTMLUListElement;
  /** Short line under the heading: who ordered this shelf, and how. Updated after ranking. */
  status: HTMLElement;
}

export interface WidgetSpec {
  /** The widget kind, as in `data-reshelf-widget` (for-you, similar, recently-viewed, ...). */
  kind: string;
  title: string;
  /** One sentence for a newcomer: what this shelf is. */
  description: string;
  context?: string[];
  /** Set for shelves whose order reshelf must keep (`data-reshelf-rank="off"`: the shop's own browse shelves). */
  plain?: boolean;
  /** The same for every shopper (e.g. Trending): ranked without the shopper's history. */
  sameForEveryone?: boolean;
}

/**
 * A shelf, marked up with the same data attributes the script-tag embed reads (`data-reshelf-widget`,
 * `data-reshelf-context`, items with `data-reshelf-item`); plain shelves add `data-reshelf-rank="off"`.
 */
export function widgetFrame(spec: WidgetSpec): WidgetFrame {
  const section = el('section', spec.plain ? 'widget widget-plain' : 'widget');
  section.setAttribute(ATTR_WIDGET, spec.kind);
  if (spec.plain) section.setAttribute(ATTR_RANK, 'off');
  if (spec.context) section.setAttribute(ATTR_CONTEXT, spec.context.join(' '));
  const header = el('header', 'widget-header');
  const heading = el('h2', undefined, spec.title);
  heading.id = `widget-${spec.kind}`;
  section.setAttribute('aria-labelledby', heading.id);
  const status = el('p', 'widget-status', spec.plain ? 'Shop order' : 'Waiting for reshelf…');
  status.dataset.state = spec.plain ? 'plain' : 'pending';
  const description = el('p', 'widget-description', spec.description);
  header.append(heading, status, description);
  const list = el('ul', 'shelf');
  section.append(header, list);
  return { section, list, status };
}

export function setWidgetStatus(frame: WidgetFrame, state: 'personalised' | 'popular' | 'original' | 'local' | 'off' | 'waiting', text: string): void {
  frame.status.dataset.state = state;
  frame.status.textContent = text;
}
