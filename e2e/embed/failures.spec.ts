import { test, expect, forYouItems, settled, widgetOrder, type Global } from './embedTest';
import { shopPage } from './shopPages';
import type { EmbedShop } from '../fixtures/embedShop';

/**
 * Every way the embed can fail leaves the page as the shop rendered it: the original order, one console
 * warning, the reason readable through the API, and the page's own script unaffected.
 */
interface FailureCase {
  name: string;
  codes: string[];
  loader?: (shop: EmbedShop) => string;
  attrs?: Record<string, string>;
  headers?: (shop: EmbedShop) => Record<string, string>;
  initScript?: string;
}

const cases: FailureCase[] = [
  { name: 'no Web Worker', codes: ['WORKER_UNAVAILABLE'], initScript: 'delete window.Worker;' },
  { name: 'no IndexedDB on the page', codes: ['STORAGE_UNAVAILABLE'], initScript: "Object.defineProperty(window, 'indexedDB', { value: undefined });" },
  {
    // A newer database than this reshelf knows: IndexedDB refuses to open it in the worker too.
    name: 'IndexedDB unusable in the worker',
    codes: ['STORAGE_UNAVAILABLE'],
    initScript: "indexedDB.open('reshelf', 999).onsuccess = (e) => e.target.result.close();",
  },
  {
    name: 'worker blocked by the page CSP',
    codes: ['WORKER_UNAVAILABLE', 'WORKER_CRASHED'],
    headers: (shop) => ({ 'Content-Security-Policy': `script-src 'self' 'unsafe-inline' ${shop.cdn}; worker-src 'self'` }),
  },
  { name: 'CDN without CORS headers', codes: ['WORKER_CRASHED'], loader: (shop) => `${shop.cdn}/nocors/reshelf.js` },
  { name: 'catalog 404', codes: ['BUNDLE_FETCH_FAILED'], attrs: { 'data-catalog': '/missing/manifest.json' } },
  { name: 'catalog never answers (timeout)', codes: ['WORKER_TIMEOUT'], attrs: { 'data-catalog': '/slow/manifest.json', 'data-timeout': '1500' } },
  { name: 'corrupted catalog', codes: ['BUNDLE_HASH_MISMATCH'], attrs: { 'data-catalog': '/corrupt/manifest.json' } },
  { name: 'script error in the worker', codes: ['WORKER_CRASHED'], loader: (shop) => `${shop.cdn}/broken/reshelf.js` },
  { name: 'tag without data-catalog', codes: ['INVALID_ARGUMENT'], attrs: { 'data-catalog': '' } },
];

for (const failure of cases) {
  test(`${failure.name}: original order, one warning, reason via the API`, async ({ page, embedShop, warnings }) => {
    const items = forYouItems(embedShop.products);
    const path = `/fail/${failure.name.replace(/\W+/g, '-')}`;
    const loader = failure.loader?.(embedShop) ?? `${embedShop.cdn}/cors/reshelf.js`;
    embedShop.page(path, shopPage({ loader, ...(failure.attrs ? { attrs: failure.attrs } : {}), widgets: [{ kind: 'for-you', items }] }), failure.headers?.(embedShop));
    if (failure.initScript) await page.addInitScript(failure.initScript);
    await page.goto(path);
    const status = await settled(page);
    expect(status.state).toBe('unavailable');
    expect(failure.codes).toContain(status.state === 'unavailable' ? status.reason.code : '');
    expect(await widgetOrder(page, 'for-you')).toEqual(items.map((p) => p.id));
    await expect(page.locator('[data-reshelf-widget="for-you"]')).toHaveAttribute('data-reshelf-state', 'original');
    expect(await page.evaluate(() => (window as unknown as Global).__pageOk)).toBe(true);
    // The API stays callable and harmless.
    await page.evaluate(async () => {
      const api = (window as unknown as Global).reshelf;
      api.track({ type: 'click', itemId: 'x' });
      await api.rank();
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(status.state === 'unavailable' ? status.reason.code : '?');
  });
}
