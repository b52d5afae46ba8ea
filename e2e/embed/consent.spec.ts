import { test, expect, forYouItems, settled, widgetOrder, exported, type Global } from './embedTest';
import { shopPage, queueSnippet } from './shopPages';

const GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });";

async function databases(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

test('Global Privacy Control: nothing is downloaded or stored, the page keeps its order, no warning', async ({ page, embedShop, warnings, requests }) => {
  const items = forYouItems(embedShop.products);
  embedShop.page('/gpc', shopPage({ loader: `${embedShop.cdn}/cors/reshelf.js`, head: queueSnippet([['track', { type: 'click', itemId: items[3]?.id }]]), widgets: [{ kind: 'for-you', items }] }));
  await page.addInitScript(GPC);
  await page.goto('/gpc');
  const status = await settled(page);
  expect(status.state === 'unavailable' && status.reason.code).toBe('NO_CONSENT');
  expect(await widgetOrder(page, 'for-you')).toEqual(items.map((p) => p.id));
  await page.locator('[data-reshelf-item] .save').first().click();
  expect(await exported(page)).toEqual([]);
  expect(await databases(page)).toEqual([]);
  const paths = requests.map((r) => new URL(r.url).pathname);
  expect(paths.some((p) => p.includes('worker') || p.includes('manifest'))).toBe(false);
  expect(warnings).toEqual([]);
});

test('consent: false before load stores nothing; granting starts reshelf; withdrawing restores the order', async ({ page, embedShop, warnings }) => {
  const items = forYouItems(embedShop.products);
  embedShop.page('/consent', shopPage({ loader: `${embedShop.cdn}/cors/reshelf.js`, head: queueSnippet([['consent', false], ['track', { type: 'click', itemId: items[20]?.id }]]), widgets: [{ kind: 'for-you', items }] }));
  await page.goto('/consent');
  expect((await settled(page)).state).toBe('unavailable');
  expect(await databases(page)).toEqual([]);
  expect(await widgetOrder(page, 'for-you')).toEqual(items.map((p) => p.id));

  // The shopper accepts: reshelf starts and learns from what happens next.
  await page.evaluate(() => (window as unknown as Global).reshelf.consent(true));
  await page.waitForFunction(() => document.querySelector('[data-reshelf-widget]')?.getAttribute('data-reshelf-state') !== 'original');
  expect((await page.evaluate(() => (window as unknown as Global).reshelf.ready)).state).toBe('ready');
  await page.evaluate((id) => (window as unknown as Global).reshelf.track({ type: 'add_to_cart', itemId: id }), items[22]?.id as string);
  // Only what happened after consent: the explicit event (card impressions are stored beside it, never before consent).
  expect((await exported(page)).filter((e) => e.type !== 'impression')).toEqual([{ type: 'add_to_cart', itemId: items[22]?.id }]);
  await page.evaluate(() => (window as unknown as Global).reshelf.rank());
  expect(await widgetOrder(page, 'for-you')).not.toEqual(items.map((p) => p.id));

  // Withdrawn: the worker stops, the shop's order comes back, tracking is ignored.
  await page.evaluate(() => (window as unknown as Global).reshelf.push(['consent', false]));
  expect(await widgetOrder(page, 'for-you')).toEqual(items.map((p) => p.id));
  await expect(page.locator('[data-reshelf-widget="for-you"]')).toHaveAttribute('data-reshelf-state', 'original');
  expect(await page.evaluate(() => (window as unknown as Global).reshelf.status())).toMatchObject({ state: 'unavailable', reason: { code: 'NO_CONSENT' } });
  // forget() works without consent (and without a worker): the database is gone.
  await page.evaluate(() => (window as unknown as Global).reshelf.forget());
  expect(await databases(page)).toEqual([]);
  expect(warnings).toEqual([]);
});

test('data-consent="required" waits for the page to grant consent', async ({ page, embedShop, requests }) => {
  const items = forYouItems(embedShop.products);
  embedShop.page('/required', shopPage({ loader: `${embedShop.cdn}/cors/reshelf.js`, attrs: { 'data-catalog': '/reshelf/manifest.json', 'data-consent': 'required' }, widgets: [{ kind: 'for-you', items }] }));
  await page.goto('/required');
  expect((await settled(page)).state).toBe('unavailable');
  expect(requests.some((r) => r.url.endsWith('/manifest.json'))).toBe(false);
  await page.evaluate(() => (window as unknown as Global).reshelf.push(['consent', true]));
  expect((await page.evaluate(() => (window as unknown as Global).reshelf.ready)).state).toBe('ready');
});
