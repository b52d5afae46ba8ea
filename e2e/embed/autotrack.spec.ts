import { test, expect, forYouItems, settled, exported, type Global } from './embedTest';
import { shopPage } from './shopPages';

const GA4_BEFORE_LOAD = (id: string) =>
  `<script>window.dataLayer = window.dataLayer || []; dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: '${id}', quantity: 2 }] } });</script>`;

test('auto-tracking: card impressions with dwell (stored, never views), clicks, event controls, GA4 dataLayer (before and after load), Segment names', async ({ page, embedShop }) => {
  const items = forYouItems(embedShop.products);
  const visible = items.slice(0, 6);
  const below = embedShop.products.slice(100, 106);
  const [ga4Early, ga4Late, segment] = embedShop.products.slice(200, 203).map((p) => p.id) as [string, string, string];
  embedShop.page(
    '/autotrack',
    shopPage({
      loader: `${embedShop.cdn}/cors/reshelf.js`,
      attrs: { 'data-catalog': '/reshelf/manifest.json', 'data-view-ms': '400' },
      head: GA4_BEFORE_LOAD(ga4Early),
      widgets: [{ kind: 'for-you', items: visible }, { kind: 'below', items: below, rank: 'off' }],
      spacerBeforeLast: 4000,
    }),
  );
  await page.setViewportSize({ width: 1200, height: 700 });
  await page.goto('/autotrack');
  await settled(page);
  const impressionsOf = async () => (await exported(page)).filter((e) => e.type === 'impression').map((e) => e.itemId);
  // Every card in the first row was half visible for the dwell time; nothing below the fold was. A card shown is an
  // impression (the shop chose to show it), not a view of the product: ranking never counts it as interest.
  await expect.poll(async () => (await impressionsOf()).sort()).toEqual(visible.map((p) => p.id).sort());
  await page.locator('[data-reshelf-widget="below"]').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await impressionsOf()).length).toBe(visible.length + below.length);
  expect((await exported(page)).filter((e) => e.type === 'view')).toEqual([]);

  const first = visible[0]?.id as string;
  const second = visible[1]?.id as string;
  await page.locator('[data-reshelf-widget="for-you"]').scrollIntoViewIfNeeded();
  await page.locator(`[data-reshelf-item="${first}"] .save`).click();
  await page.locator(`[data-reshelf-item="${second}"] .add`).click();
  await page.evaluate(
    ([late, seg]) => {
      const w = window as unknown as { dataLayer: unknown[]; gtag: (...args: unknown[]) => void } & Global;
      w.gtag = function gtag() {
        // eslint-disable-next-line prefer-rest-params
        w.dataLayer.push(arguments);
      };
      w.gtag('event', 'select_item', { items: [{ item_id: late }] });
      w.dataLayer.push({ event: 'page_view' }, { event: 'view_item_list', ecommerce: { items: [{ item_id: late }] } });
      w.reshelf.track('Product Added', { product_id: seg, quantity: 3 });
    },
    [ga4Late, segment],
  );
  // GA4's view_item_list is an impression per listed product too; page_view names no product.
  await expect.poll(async () => (await impressionsOf()).filter((id) => id === ga4Late)).toEqual([ga4Late]);
  const others = async () => (await exported(page)).filter((e) => e.type !== 'impression');
  await expect.poll(others).toEqual([
    { type: 'add_to_cart', itemId: ga4Early, value: 2 },
    { type: 'click', itemId: first },
    { type: 'add_to_cart', itemId: second },
    { type: 'click', itemId: ga4Late },
    { type: 'add_to_cart', itemId: segment, value: 3 },
  ]);
});

test('each part of auto-tracking can be switched off (attribute and command)', async ({ page, embedShop }) => {
  const items = forYouItems(embedShop.products).slice(0, 6);
  embedShop.page(
    '/autotrack-off',
    shopPage({
      loader: `${embedShop.cdn}/cors/reshelf.js`,
      attrs: { 'data-catalog': '/reshelf/manifest.json', 'data-autotrack': 'clicks', 'data-view-ms': '200' },
      head: GA4_BEFORE_LOAD(items[5]?.id as string),
      widgets: [{ kind: 'for-you', items }],
    }),
  );
  await page.goto('/autotrack-off');
  await settled(page);
  await page.locator(`[data-reshelf-item="${items[0]?.id}"] .save`).click();
  await page.evaluate(() => (window as unknown as Global).reshelf.push(['autotrack', { clicks: false }]));
  await page.locator(`[data-reshelf-item="${items[1]?.id}"] .save`).click();
  await page.waitForTimeout(600); // longer than the dwell time: impressions would have been recorded by now
  expect(await exported(page)).toEqual([{ type: 'click', itemId: items[0]?.id }]);
});
