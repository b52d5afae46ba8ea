import type { Reshelf } from '../../index.js';
import { couponIsValid } from '../catalog/generateCoupons.js';
import { productCard } from '../shop/productCard.js';
import { couponCard } from '../shop/couponCard.js';
import { shopCard, type ShopSummary } from '../shop/shopCard.js';
import { rankShelf } from '../shop/rankShelf.js';
import { isNewArrival, type ShopProduct } from '../shop/shopFeed.js';
import { el, formatAgo } from '../shop/format.js';
import { setWidgetStatus, widgetFrame, type WidgetFrame, type WidgetSpec } from '../shop/widget.js';
import { emit } from '../state/demoEvents.js';
import { rankCouponsShelf, rankNewArrivalsShelf, rankShopsShelf } from './applicationShelves.js';
import type { ShopContext } from './shopContext.js';

const OFF_REASON = 'Shop order: personalisation is off';

/** A product shelf that reshelf reorders (when the shopper allows it). */
export function rankedShelf(
  ctx: ShopContext,
  spec: WidgetSpec,
  products: ShopProduct[],
  badge?: (p: ShopProduct) => string | undefined,
  rank?: (reshelf: Reshelf, frame: WidgetFrame) => Promise<void>,
): WidgetFrame {
  const frame = widgetFrame(spec);
  const waiting = 'Shop\u2019s order until reshelf has ranked this shelf.';
  for (const product of products) {
    const b = badge?.(product);
    frame.list.append(productCard(product, { widget: spec.kind, onOpen: open(ctx), why: waiting, ...(b ? { badge: b } : {}) }));
  }
  const reshelf = ctx.reshelf();
  if (!reshelf) {
    setWidgetStatus(frame, 'off', OFF_REASON);
    for (const why of frame.list.querySelectorAll('.why-text')) why.textContent = 'Shop\u2019s own order: personalisation is off, so reshelf does not run.';
  } else {
    if (rank) void rank(reshelf, frame);
    else void rankShelf(reshelf, frame, { config: ctx.fusionConfig(), ignoreHistory: ctx.asNewShopper() || spec.sameForEveryone === true, sameForEveryone: spec.sameForEveryone === true, name: spec.title });
  }
  return frame;
}

export function open(ctx: ShopContext): (product: ShopProduct) => void {
  return (product) => ctx.track({ type: 'click', itemId: product.id });
}

/** The shop's own browse shelves: never reordered, so visitors can compare. */
export function plainShelf(ctx: ShopContext, kind: string, title: string, products: ShopProduct[]): WidgetFrame {
  const frame = widgetFrame({ kind, title, description: 'The shop\u2019s own order; reshelf does not touch this shelf.', plain: true });
  for (const product of products) frame.list.append(productCard(product, { widget: kind, onOpen: open(ctx), why: 'The shop\u2019s own order: this shelf is not personalised.' }));
  return frame;
}

/**
 * "Recently viewed": built in the browser from the history on this device. A shop's server could not render
 * it without collecting that history, which is the point.
 */
export function recentlyViewedShelf(ctx: ShopContext, exclude?: string): WidgetFrame {
  const frame = widgetFrame({ kind: 'recently-viewed', title: 'Recently viewed', description: 'Built in your browser from the history stored on this device; the shop\u2019s server never sees it.' });
  const empty = el('p', 'empty');
  frame.section.append(empty);
  if (!ctx.reshelf()) {
    setWidgetStatus(frame, 'off', 'Off: nothing is recorded');
    empty.textContent = 'Personalisation is off, so nothing you open is recorded.';
    return frame;
  }
  setWidgetStatus(frame, 'waiting', 'Reading this device\u2019s history…');
  const started = performance.now();
  void ctx.recentItems(13).then((recent) => {
    const items = recent.filter((r) => r.id !== exclude && ctx.byId.has(r.id)).slice(0, 12);
    for (const { id, time } of items) {
      frame.list.append(productCard(ctx.byId.get(id) as ShopProduct, { widget: 'recently-viewed', onOpen: open(ctx), why: `You looked at this ${formatAgo(time)}, according to the history stored in this browser.` }));
    }
    empty.textContent = items.length ? '' : recent.length ? 'Nothing else yet. Other products you open appear here.' : 'Nothing yet. Products you open appear here.';
    empty.hidden = items.length > 0;
    setWidgetStatus(frame, 'local', items.length || recent.length ? 'From this device\u2019s history' : 'Empty: no history on this device');
    emit('ranked', { widget: 'Recently viewed', ms: performance.now() - started, state: 'local', items: items.length, at: Date.now() });
  });
  return frame;
}

export function newArrivalsShelf(ctx: ShopContext): WidgetFrame {
  const fresh = ctx.feed.products.filter((p) => isNewArrival(p, ctx.feed.today)).sort((a, b) => (b.listedAt ?? 0) - (a.listedAt ?? 0)).slice(0, 24);
  const spec = { kind: 'new-arrivals', title: 'New arrivals', description: 'Listed in the last two weeks, reordered for your interests.' };
  if (fresh.length === 0) {
    const frame = widgetFrame(spec);
    setWidgetStatus(frame, 'original', 'No listing dates in this catalog');
    frame.section.append(el('p', 'empty', 'This catalog has no listing dates, so it has no new arrivals to show.'));
    return frame;
  }
  return rankedShelf(ctx, spec, fresh, () => 'New', (reshelf, frame) => rankNewArrivalsShelf(reshelf, ctx, frame));
}

export function couponsShelf(ctx: ShopContext): WidgetFrame {
  const frame = widgetFrame({ kind: 'coupons', title: 'Coupons for you', description: 'Valid coupons only: expired and not-yet-started ones are never shown.' });
  const valid = ctx.feed.coupons.filter((c) => couponIsValid(c, ctx.feed.today)).slice(0, 12);
  if (valid.length === 0) {
    setWidgetStatus(frame, 'original', 'No coupons in this catalog');
    frame.section.append(el('p', 'empty', 'This catalog has no valid coupons.'));
    return frame;
  }
  for (const coupon of valid) frame.list.append(couponCard(coupon, ctx.feed.today, 'Shop\u2019s order until reshelf has ranked the coupons.'));
  frame.list.classList.add('shelf-wide');
  const reshelf = ctx.reshelf();
  if (reshelf) void rankCouponsShelf(reshelf, ctx, frame);
  else setWidgetStatus(frame, 'off', OFF_REASON);
  return frame;
}

export function shopsShelf(ctx: ShopContext): WidgetFrame {
  const frame = widgetFrame({ kind: 'shops', title: 'Shops for you', description: 'Sellers ranked by your interest in their products, kept varied.' });
  const shops = new Map<string, ShopSummary>();
  for (const p of ctx.feed.products) {
    const s = shops.get(p.shop) ?? { name: p.shop, departments: [], products: 0 };
    s.products++;
    const department = p.category[0];
    if (department && !s.departments.includes(department)) s.departments.push(department);
    shops.set(p.shop, s);
  }
  const list = [...shops.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(0, 16);
  for (const shop of list) frame.list.append(shopCard(shop, 'Alphabetical, the shop\u2019s order, until reshelf has ranked the shops.'));
  frame.list.classList.add('shelf-wide');
  const reshelf = ctx.reshelf();
  if (reshelf) void rankShopsShelf(reshelf, ctx, frame);
  else setWidgetStatus(frame, 'off', OFF_REASON);
  return frame;
}
