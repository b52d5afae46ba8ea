import { el } from '../shop/format.js';

/**
 * The small building blocks every inspector panel uses, so a switch, a table or a slider looks, reads (labels,
 * captions, descriptions) and behaves the same in each one.
 */

/** A titled block of a panel (`<section>` with an `<h3>`). */
export function section(title: string): HTMLElement {
  const box = el('section', 'panel-section');
  box.append(el('h3', undefined, title));
  return box;
}

/** A term/value list for facts ("Version", "Size"...). */
export function facts(rows: [string, string][]): HTMLDListElement {
  const list = el('dl', 'facts');
  for (const [term, value] of rows) list.append(el('dt', undefined, term), el('dd', undefined, value));
  return list;
}

export interface SwitchControl {
  /** The whole control (label, track, text): append this. */
  label: HTMLLabelElement;
  input: HTMLInputElement;
  /** The line under the switch that says what it does; it is the switch's accessible description. */
  note: HTMLParagraphElement;
}

/** An on/off switch (a checkbox with role="switch") with its label and a describing note. */
export function switchControl(id: string, text: string, onChange: (on: boolean) => void): SwitchControl {
  const label = el('label', 'switch');
  const input = el('input');
  input.type = 'checkbox';
  input.setAttribute('role', 'switch');
  input.id = id;
  label.append(input, el('span', 'switch-track'), el('span', 'switch-label', text));
  const note = el('p', 'note');
  note.id = `${id}-note`;
  input.setAttribute('aria-describedby', note.id);
  input.addEventListener('change', () => onChange(input.checked));
  return { label, input, note };
}

export interface DataTable {
  /** The table inside a horizontal scroller, so a wide table never widens the panel on a phone. */
  root: HTMLDivElement;
  table: HTMLTableElement;
  body: HTMLTableSectionElement;
}

/** A table with column headers and a caption for screen readers; fill `body` with rows. */
export function dataTable(className: string, caption: string, headings: string[]): DataTable {
  const table = el('table', className);
  const head = el('thead');
  const headRow = el('tr');
  for (const h of headings) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  table.append(el('caption', 'visually-hidden', caption), head, body);
  const root = el('div', 'table-scroll');
  root.append(table);
  return { root, table, body };
}

/** One table row from cell texts; a cell given as `[text, className]` gets that class (e.g. 'num'). */
export function row(cells: (string | [string, string])[], className?: string): HTMLTableRowElement {
  const tr = el('tr', className);
  for (const cell of cells) tr.append(typeof cell === 'string' ? el('td', undefined, cell) : el('td', cell[1], cell[0]));
  return tr;
}

export interface RangeField {
  field: HTMLDivElement;
  input: HTMLInputElement;
  /** Shows the value next to the slider (updated on input). */
  set(value: number): void;
}

/**
 * A labelled slider with its current value shown and a one-line hint (the slider's accessible description), for
 * settings whose name alone is jargon.
 */
export function rangeField(options: { name: string; label: string; hint: string; min: number; max: number; step: number; value: number; format: (value: number) => string }): RangeField {
  const field = el('div', 'field');
  const input = el('input');
  input.type = 'range';
  input.id = `field-${options.name}`;
  input.name = options.name;
  input.min = String(options.min);
  input.max = String(options.max);
  input.step = String(options.step);
  const label = el('label', 'field-label', options.label);
  label.htmlFor = input.id;
  const output = el('output', 'field-value');
  output.htmlFor.add(input.id);
  const hint = el('span', 'field-hint', options.hint);
  hint.id = `${input.id}-hint`;
  input.setAttribute('aria-describedby', hint.id);
  const set = (value: number): void => {
    input.value = String(value);
    output.textContent = options.format(Number(input.value));
  };
  input.addEventListener('input', () => (output.textContent = options.format(Number(input.value))));
  set(options.value);
  field.append(label, input, output, hint);
  return { field, input, set };
}
