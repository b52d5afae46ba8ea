import type { Remote } from 'comlink';
import type { RankOutcome } from '../api/createReshelf.js';
import { ATTR_STATE } from '../dom/attributes.js';
import { reorderItems } from '../dom/reorderItems.js';
import type { ApplicationWorkerApi } from './applicationService.js';
import { toReason, type ReshelfReason } from '../api/errors.js';
import { widgetEntries } from './widgetEntries.js';

export { ATTR_COUPON, ATTR_SHOP, widgetEntries } from './widgetEntries.js';

/**
 * On a widget: the time (ms since the epoch, or an ISO date) coupon validity and "new" are judged at, for a
 * shop whose page states its own date. Default: the device clock for coupons, the newest listing for arrivals.
 */
export const ATTR_NOW = 'data-reshelf-now';

/** Widget kinds (`data-reshelf-widget`) that `rank(widget)` orders with an application, not the item ranking. */
export const APPLICATION_WIDGET_KINDS = ['new-arrivals', 'shops', 'coupons'] as const;
export type ApplicationWidgetKind = (typeof APPLICATION_WIDGET_KINDS)[number];

function widgetNow(widget: Element): number | undefined {
  const raw = widget.getAttribute(ATTR_NOW);
  if (!raw) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Ranks an application widget in place: `new-arrivals` (products), `shops` (elements with data-reshelf-shop)
 * and `coupons` (elements with data-reshelf-coupon; coupons that are expired, not started or apply to nothing
 * in the catalog are hidden). Returns undefined for other kinds, or for new arrivals in a bundle without
 * listing times, so the caller ranks the widget like any product widget.
 */
export async function rankApplicationWidget(
  widget: Element,
  worker: Remote<ApplicationWorkerApi>,
  options: { context?: string[]; ignoreHistory?: boolean },
): Promise<RankOutcome | undefined> {
  const kind = widget.getAttribute('data-reshelf-widget') as ApplicationWidgetKind | null;
  if (!kind || !(APPLICATION_WIDGET_KINDS as readonly string[]).includes(kind)) return undefined;
  const common = { ...(options.ignoreHistory ? { ignoreHistory: true } : {}) };
  const now = widgetNow(widget);
  const children = widgetEntries(widget);
  const ids = children.map((c) => c.id);
  const keep = (reason: ReshelfReason): RankOutcome => ({ items: ids, applied: false, personalised: false, reason });
  try {
    let order: string[];
    let personalised: boolean;
    if (kind === 'new-arrivals') {
      const result = await worker.newArrivals({ ...common, candidates: ids, limit: ids.length, ...(now !== undefined ? { now } : {}) });
      if (result.reason === 'NO_FIRST_SEEN') return undefined;
      ({ items: order, personalised } = result);
    } else if (kind === 'shops') {
      const result = await worker.shops({ ...common, candidates: ids, ...(options.context ? { context: options.context } : {}) });
      order = result.shops.map((s) => s.shop);
      personalised = result.personalised;
    } else {
      const result = await worker.coupons({ ...common, candidates: ids, ...(options.context ? { context: options.context } : {}), ...(now !== undefined ? { now } : {}) });
      order = result.coupons.map((c) => c.coupon.id);
      personalised = result.personalised;
      // Never show a coupon the shopper cannot use; the element stays in the page, hidden, like the shop's markup.
      const shown = new Set(order);
      for (const child of children) child.element.hidden = !shown.has(child.id);
    }
    if (!reorderItems(children, order)) return keep({ code: 'INVALID_ARGUMENT', message: 'the widget changed while it was being ranked; its order was left alone' });
    widget.setAttribute(ATTR_STATE, personalised ? 'personalised' : 'popular');
    return { items: order, applied: true, personalised };
  } catch (error) {
    return keep(toReason(error));
  }
}
