import { describe, expect, it } from 'vitest';
import type { Remote } from 'comlink';
import type { ApplicationWorkerApi } from './applicationService.js';
import { createApplicationService } from './applicationService.js';
import { ATTR_COUPON, ATTR_SHOP, rankApplicationWidget, widgetEntries } from './applicationWidgets.js';
import { testCatalog } from './testCatalog.js';

const DAY = 86_400_000;
const model = testCatalog([
  { id: 'k1', brand: 'Acme', category: ['Home', 'Kitchen'], price: 20, count: 1, firstSeen: 10 * DAY },
  { id: 'k2', brand: 'Acme', category: ['Home', 'Kitchen'], price: 30, count: 1, firstSeen: 99 * DAY },
  { id: 'k3', brand: 'Acme', category: ['Home', 'Kitchen'], price: 25, count: 1, firstSeen: 20 * DAY },
  { id: 't1', brand: 'Toyo', category: ['Toys'], price: 15, count: 9, firstSeen: 98 * DAY },
]);
model.coupons = [
  { id: 'toyo', shops: ['Toyo'], categories: [], minSpend: 0, amountOff: 5, validFrom: 0, validUntil: 200 * DAY },
  { id: 'acme', shops: ['Acme'], categories: [], minSpend: 0, amountOff: 5, validFrom: 0, validUntil: 200 * DAY },
  { id: 'expired', shops: ['Acme'], categories: [], minSpend: 0, amountOff: 50, validFrom: 0, validUntil: 50 * DAY },
];
// The worker side runs in the page here: the widget code only sees its async methods, as over comlink.
const service = createApplicationService({ catalog: () => model, history: () => [{ type: 'click', itemId: 'k1', time: 1 }], store: async () => undefined });
const worker = service as unknown as Remote<ApplicationWorkerApi>;

function widget(kind: string, attribute: string, ids: string[]): HTMLElement {
  const section = document.createElement('section');
  section.setAttribute('data-reshelf-widget', kind);
  const list = document.createElement('ul');
  for (const id of ids) {
    const li = document.createElement('li');
    li.setAttribute(attribute, id);
    li.textContent = id;
    list.append(li);
  }
  section.append(list);
  document.body.append(section);
  return section;
}
const order = (w: HTMLElement, attribute: string) => Array.from(w.querySelectorAll(`[${attribute}]`), (e) => e.getAttribute(attribute));

describe('application widgets (real DOM)', () => {
  it('reorders a shops widget by the shopper\'s interest, moving the nodes', async () => {
    const w = widget('shops', ATTR_SHOP, ['Toyo', 'Acme']);
    const acme = w.querySelector(`[${ATTR_SHOP}="Acme"]`);
    const outcome = await rankApplicationWidget(w, worker, {});
    expect(outcome?.applied).toBe(true);
    expect(order(w, ATTR_SHOP)).toEqual(['Acme', 'Toyo']);
    expect(w.querySelector(`[${ATTR_SHOP}="Acme"]`)).toBe(acme);
    expect(w.getAttribute('data-reshelf-state')).toBe('personalised');
  });

  it('hides coupons that are expired at the widget\'s date and orders the rest by expected value', async () => {
    const w = widget('coupons', ATTR_COUPON, ['toyo', 'expired', 'acme']);
    w.setAttribute('data-reshelf-now', String(100 * DAY));
    await rankApplicationWidget(w, worker, {});
    expect(order(w, ATTR_COUPON).slice(0, 2)).toEqual(['acme', 'toyo']);
    const hidden = Array.from(w.querySelectorAll<HTMLElement>(`[${ATTR_COUPON}]`)).filter((e) => e.hidden).map((e) => e.getAttribute(ATTR_COUPON));
    expect(hidden).toEqual(['expired']);
    expect(widgetEntries(w)).toHaveLength(3);
  });

  it('puts new arrivals for this shopper first and leaves other kinds to the item ranking', async () => {
    const w = widget('new-arrivals', 'data-reshelf-item', ['t1', 'k3', 'k2']);
    await rankApplicationWidget(w, worker, {});
    // k2 and t1 are new (first seen within 30 days of the newest); k2 matches the clicked kitchen item; k3 is old.
    expect(order(w, 'data-reshelf-item')).toEqual(['k2', 't1', 'k3']);
    expect(await rankApplicationWidget(widget('for-you', 'data-reshelf-item', ['k1']), worker, {})).toBeUndefined();
  });
});
