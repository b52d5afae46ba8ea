import { ATTR_ITEM, ATTR_STATE } from '../../dom/attributes.js';
import { reorderItems } from '../../dom/reorderItems.js';
import { widgetItems } from '../../dom/widgetItems.js';
import type { Reshelf } from '../../index.js';
import { emit } from '../state/demoEvents.js';
import { setExplanation } from '../shop/productCard.js';
import { formatPrice } from '../shop/format.js';
import { reorderByKey } from '../shop/reorderByKey.js';
import { ATTR_COUPON, ATTR_SHOP } from '../shop/pendingAttributes.js';
import { NEW_ARRIVAL_DAYS } from '../shop/shopFeed.js';
import { rankShelf } from '../shop/rankShelf.js';
import { setWidgetStatus, type WidgetFrame } from '../shop/widget.js';
import type { ShopContext } from './shopContext.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

function record(name: string, started: number, state: 'personalised' | 'popular' | 'original', items: number, reason?: string): void {
  emit('ranked', { widget: name, ms: performance.now() - started, state, items, ...(reason ? { reason } : {}), at: Date.now() });
}

/** "Shops for you" through `reshelf.shops()`: interest in each shop's items, with diversity. */
export async function rankShopsShelf(reshelf: Reshelf, ctx: ShopContext, frame: WidgetFrame): Promise<void> {
  const started = performance.now();
  const candidates = Array.from(frame.list.querySelectorAll(`[${ATTR_SHOP}]`), (e) => e.getAttribute(ATTR_SHOP) as string);
  const result = await reshelf.shops({ candidates, limit: candidates.length, ignoreHistory: ctx.asNewShopper() });
  if (result.reason || result.shops.length === 0) {
    setWidgetStatus(frame, 'original', `Shop order: reshelf kept it (${result.reason?.code ?? 'no shops ranked'})`);
    record('Shops for you', started, 'original', candidates.length, result.reason?.code);
    return;
  }
  reorderByKey(frame.list, ATTR_SHOP, result.shops.map((s) => s.shop));
  for (const shop of result.shops) {
    const card = frame.list.querySelector(`[${ATTR_SHOP}="${CSS.escape(shop.shop)}"]`);
    const top = shop.items.slice(0, 2).map((id) => ctx.byId.get(id)?.title ?? id);
    if (card) {
      setExplanation(
        card,
        result.personalised
          ? `${percent(shop.interest)} of your predicted interest falls on this shop's items${top.length ? `, e.g. ${top.join(' and ')}` : ''}.`
          : `Popular shop: no history used${top.length ? `; its favourites: ${top.join(' and ')}` : ''}.`,
      );
    }
  }
  setWidgetStatus(frame, result.personalised ? 'personalised' : 'popular', result.personalised ? 'Reordered for you, in this browser' : 'By popularity (no history used)');
  record('Shops for you', started, result.personalised ? 'personalised' : 'popular', candidates.length);
}

/** "Coupons for you" through `reshelf.coupons()`: valid, applicable coupons by expected value for this shopper. */
export async function rankCouponsShelf(reshelf: Reshelf, ctx: ShopContext, frame: WidgetFrame): Promise<void> {
  const started = performance.now();
  const candidates = Array.from(frame.list.querySelectorAll(`[${ATTR_COUPON}]`), (e) => e.getAttribute(ATTR_COUPON) as string);
  // The page passes its coupons (the demo bundle carries none yet) and the shop world's date.
  const result = await reshelf.coupons({ coupons: ctx.feed.coupons, candidates, limit: candidates.length, now: ctx.feed.today, ignoreHistory: ctx.asNewShopper() });
  if (result.reason) {
    setWidgetStatus(frame, 'original', `Shop order: reshelf kept it (${result.reason.code})`);
    record('Coupons for you', started, 'original', candidates.length, result.reason.code);
    return;
  }
  reorderByKey(frame.list, ATTR_COUPON, result.coupons.map((c) => c.coupon.id), true);
  for (const ranked of result.coupons) {
    const card = frame.list.querySelector(`[${ATTR_COUPON}="${CSS.escape(ranked.coupon.id)}"]`);
    if (!card) continue;
    setExplanation(
      card,
      result.personalised
        ? `Expected saving for you ${formatPrice(ranked.expectedValue)}: ${percent(ranked.probability)} of your interest is in scope, worth ${formatPrice(ranked.discount)} off${ranked.reach < 1 ? `, and you usually reach ${percent(ranked.reach)} of the minimum spend` : ''}.`
        : `Worth ${formatPrice(ranked.discount)} off. Without your history reshelf cannot tell how likely you are to use it.`,
    );
  }
  const hidden = candidates.length - result.coupons.length;
  setWidgetStatus(frame, result.personalised ? 'personalised' : 'popular', result.personalised ? 'Reordered for you, in this browser' : 'By value (no history used)');
  if (hidden > 0) frame.status.textContent += ` · ${hidden} not applicable, hidden`;
  record('Coupons for you', started, result.personalised ? 'personalised' : 'popular', result.coupons.length);
}

/**
 * "New arrivals" through `reshelf.newArrivals()` (content affinity plus freshness). When the bundle has no
 * first-seen times it says so, and the shelf is ranked like any other widget instead.
 */
export async function rankNewArrivalsShelf(reshelf: Reshelf, ctx: ShopContext, frame: WidgetFrame): Promise<void> {
  const started = performance.now();
  const items = widgetItems(frame.section);
  const result = await reshelf.newArrivals({ candidates: items.map((i) => i.id), limit: items.length, windowDays: NEW_ARRIVAL_DAYS, now: ctx.feed.today, ignoreHistory: ctx.asNewShopper() });
  if (result.items.length === 0 || result.reason) {
    // The reason is a code string from the ranker, or a { code } object when the call itself failed.
    const reason: unknown = result.reason;
    const why = typeof reason === 'object' && reason !== null ? String((reason as { code: unknown }).code) : String(reason ?? 'nothing ranked');
    await rankShelf(reshelf, frame, { config: ctx.fusionConfig(), ignoreHistory: ctx.asNewShopper(), name: 'New arrivals' });
    frame.status.textContent += ` · new-arrivals ranking unavailable (${why})`;
    return;
  }
  reorderItems(items, result.items);
  frame.section.setAttribute(ATTR_STATE, result.personalised ? 'personalised' : 'popular');
  frame.list.querySelectorAll(`[${ATTR_ITEM}]`).forEach((card, position) => {
    setExplanation(card, result.personalised ? `#${position + 1} of ${items.length}: close to what you engaged with, and listed recently.` : `#${position + 1} of ${items.length}: newest first (no history used).`);
  });
  setWidgetStatus(frame, result.personalised ? 'personalised' : 'popular', result.personalised ? 'Reordered for you, in this browser' : 'Newest first (no history used)');
  record('New arrivals', started, result.personalised ? 'personalised' : 'popular', items.length);
}
