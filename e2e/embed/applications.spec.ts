import type { Page } from '@playwright/test';
import { DEMO_EPOCH } from '../../src/demo/catalog/generateShopCatalog.js';
import { generateCoupons } from '../../src/demo/catalog/generateCoupons.js';
import { test, expect, forYouItems, settled, widgetOrder, type Global } from './embedTest';
import { shopPage, queueSnippet } from './shopPages';

/**
 * Issue 12 through the script tag: `shops`, `coupons` and `new-arrivals` widgets (the demo's data attributes)
 * are ranked by their applications, and `window.reshelf` exposes newArrivals / shops / coupons / exportProfile /
 * importProfile. The applications' page glue is not in the loader: it loads from reshelf/applications.js
 * beside the worker, only when needed; if it cannot load, those widgets keep the shop's order (one warning).
 */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function keyedWidget(kind: string, attribute: string, keys: string[], extra = ''): string {
  return `<section data-reshelf-widget="${kind}"${extra}><h2>${kind}</h2><ul>${keys.map((k) => `<li ${attribute}="${esc(k)}">${esc(k)}</li>`).join('')}</ul></section>`;
}

function keysOf(page: Page, kind: string, attribute: string, visibleOnly = false): Promise<string[]> {
  return page
    .locator(`[data-reshelf-widget="${kind}"] [${attribute}]`)
    .evaluateAll((els, only) => els.filter((e) => !only || !(e as HTMLElement).hidden).map((e) => e.getAttribute(e.hasAttribute('data-reshelf-shop') ? 'data-reshelf-shop' : 'data-reshelf-coupon') as string), visibleOnly);
}

test('shops, coupons and new-arrivals widgets are ranked by their applications; window.reshelf has the application methods', async ({ page, embedShop, warnings, requests }) => {
  const { products } = embedShop;
  const shops = [...new Set(products.map((p) => p.shop))].sort();
  // The shopper bought four products of the shop listed last (a queued command, before the loader ran).
  const favourite = shops[shops.length - 1] as string;
  const bought = products.filter((p) => p.shop === favourite).slice(0, 4);
  const coupons = generateCoupons(products, DEMO_EPOCH);
  const arrivals = products.slice(0, 16);
  const html = shopPage({
    loader: `${embedShop.cdn}/cors/reshelf.js`,
    // No auto-tracked views: the exported profile holds exactly the four purchases.
    attrs: { 'data-autotrack': 'off' },
    head: queueSnippet(bought.map((p) => ['track', { type: 'purchase', itemId: p.id }])),
    widgets: [
      { kind: 'for-you', items: forYouItems(products) },
      { kind: 'new-arrivals', items: arrivals },
    ],
  }).replace('</body>', `${keyedWidget('shops', 'data-reshelf-shop', shops)}${keyedWidget('coupons', 'data-reshelf-coupon', coupons.map((c) => c.id), ` data-reshelf-now="${DEMO_EPOCH}"`)}</body>`);
  embedShop.page('/apps', html);

  await page.goto('/apps');
  expect((await settled(page)).state).toBe('ready');
  for (const kind of ['for-you', 'new-arrivals', 'shops', 'coupons']) {
    expect(await page.locator(`[data-reshelf-widget="${kind}"]`).getAttribute('data-reshelf-state'), kind).toBe('personalised');
  }

  // The global has the npm API's application methods, and each widget shows exactly what its method ranks.
  const api = await page.evaluate(async ({ shopIds, couponIds, arrivalIds, now }) => {
    const r = (window as unknown as Global).reshelf;
    return {
      methods: ['newArrivals', 'shops', 'coupons', 'exportProfile', 'importProfile'].filter((m) => typeof (r as unknown as Record<string, unknown>)[m] === 'function'),
      shops: (await r.shops({ candidates: shopIds })).shops.map((s) => s.shop),
      coupons: (await r.coupons({ candidates: couponIds, limit: couponIds.length, now })).coupons.map((c) => c.coupon.id),
      arrivals: (await r.newArrivals({ candidates: arrivalIds, limit: arrivalIds.length })).items,
    };
  }, { shopIds: shops, couponIds: coupons.map((c) => c.id), arrivalIds: arrivals.map((p) => p.id), now: DEMO_EPOCH });
  expect(api.arrivals.length).toBeGreaterThan(0);
  expect(api.methods).toEqual(['newArrivals', 'shops', 'coupons', 'exportProfile', 'importProfile']);
  const shopOrder = await keysOf(page, 'shops', 'data-reshelf-shop');
  expect(shopOrder.slice(0, api.shops.length)).toEqual(api.shops);
  expect(shopOrder).not.toEqual(shops);
  expect(shopOrder.indexOf(favourite)).toBeLessThan(3);
  // Coupons: the ranked ones shown in that order; expired, not yet valid or inapplicable ones hidden.
  const valid = new Set(coupons.filter((c) => c.validFrom <= DEMO_EPOCH && DEMO_EPOCH < c.validUntil).map((c) => c.id));
  const shown = await keysOf(page, 'coupons', 'data-reshelf-coupon', true);
  expect(shown).toEqual(api.coupons);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((id) => valid.has(id))).toBe(true);
  expect(shown.length).toBeLessThan(coupons.length);
  expect((await widgetOrder(page, 'new-arrivals')).slice(0, api.arrivals.length)).toEqual(api.arrivals);

  // Portable profile: export works; import needs the shopper's confirmation and stores nothing when declined.
  const profile = await page.evaluate(async () => {
    const r = (window as unknown as Global).reshelf;
    const exported = await r.exportProfile();
    const unconfirmed = await r.importProfile(exported.profile, undefined as never);
    const declined = await r.importProfile(exported.profile, { confirm: () => false });
    return { items: exported.profile?.items.length ?? 0, unconfirmed: unconfirmed.reason?.code, declined: declined.declined, imported: declined.imported };
  });
  expect(profile).toEqual({ items: bought.length, unconfirmed: 'CONFIRMATION_REQUIRED', declined: true, imported: 0 });

  // The glue came from the CDN beside the worker; nothing warned.
  expect(requests.map((r) => r.url)).toContain(`${embedShop.cdn}/cors/reshelf/applications.js`);
  expect(warnings).toEqual([]);
});

test('if the applications part cannot load, those widgets keep the shop order with one warning; product widgets still rank', async ({ page, embedShop, warnings }) => {
  const { products } = embedShop;
  const shops = [...new Set(products.map((p) => p.shop))].sort();
  embedShop.page(
    '/apps-missing',
    shopPage({
      loader: `${embedShop.cdn}/cors/reshelf.js`,
      head: queueSnippet(products.slice(0, 3).map((p) => ['track', { type: 'click', itemId: p.id }])),
      widgets: [{ kind: 'for-you', items: forYouItems(products) }],
    }).replace('</body>', `${keyedWidget('shops', 'data-reshelf-shop', shops)}</body>`),
  );
  await page.route('**/reshelf/applications.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/apps-missing');
  await settled(page);
  expect(await page.locator('[data-reshelf-widget="for-you"]').getAttribute('data-reshelf-state')).toBe('personalised');
  expect(await page.locator('[data-reshelf-widget="shops"]').getAttribute('data-reshelf-state')).toBe('original');
  expect(await keysOf(page, 'shops', 'data-reshelf-shop')).toEqual(shops);
  const answer = await page.evaluate(async () => (window as unknown as Global).reshelf.shops());
  expect(answer.shops).toEqual([]);
  expect(answer.reason?.code).toBe('WORKER_UNAVAILABLE');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('applications.js');
});

test('without consent the application methods answer NO_CONSENT without loading anything', async ({ page, embedShop, requests }) => {
  embedShop.page('/apps-consent', shopPage({ loader: `${embedShop.cdn}/cors/reshelf.js`, attrs: { 'data-consent': 'required' }, widgets: [] }).replace('</body>', `${keyedWidget('shops', 'data-reshelf-shop', ['A', 'B'])}</body>`));
  await page.goto('/apps-consent');
  await page.waitForFunction(() => typeof (window as unknown as Global).reshelf?.status === 'function');
  const answer = await page.evaluate(async () => (window as unknown as Global).reshelf.shops());
  expect(answer).toMatchObject({ shops: [], personalised: false, reason: { code: 'NO_CONSENT' } });
  expect(await keysOf(page, 'shops', 'data-reshelf-shop')).toEqual(['A', 'B']);
  expect(requests.some((r) => r.url.endsWith('/applications.js'))).toBe(false);
});
