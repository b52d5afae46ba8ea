import { test, expect, type RequestRecord } from '../fixtures/privacyAudit';
import type { BrowserContext, Page } from '@playwright/test';
import { identifierIn } from '../fixtures/storageAudit';
import { configure, DEMO_CATALOG, demoIdsFromDisk, openFixture, readyStatus } from './fixturePage';

/** The part of a request a server sees, minus what differs between any two page loads of anyone. */
function observable(r: RequestRecord): string {
  const headers = Object.entries(r.headers)
    .filter(([name]) => !['if-none-match', 'if-modified-since', 'cache-control', 'pragma'].includes(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}: ${value}`);
  return `${r.method} ${r.url}\n${headers.join('\n')}`;
}

async function visitTwice(page: Page, context: BrowserContext, history: string[]): Promise<RequestRecord[]> {
  await configure(page, { catalog: DEMO_CATALOG });
  await openFixture(page);
  await readyStatus(page);
  await page.evaluate(async (ids) => {
    for (const id of ids) window.reshelf.track({ type: 'purchase', itemId: id });
    await window.reshelf.flush();
  }, history);
  const second: RequestRecord[] = [];
  context.on('request', (request) => second.push({ url: request.url(), method: request.method(), resourceType: request.resourceType(), headers: request.headers() }));
  await page.reload();
  await readyStatus(page);
  await page.evaluate(async () => window.reshelf.rank(['x']));
  return second.filter((r) => new URL(r.url).pathname.startsWith('/demo-catalog/'));
}

test('the bundle requests of a shopper with a long history and of one with none are identical', async ({ page, context, browser, baseURL }) => {
  const ids = demoIdsFromDisk(200);
  const rich = await visitTwice(page, context, ids.slice(0, 150));
  const freshContext = await browser.newContext({ baseURL: baseURL as string });
  const fresh = await visitTwice(await freshContext.newPage(), freshContext, []);
  await freshContext.close();
  expect(rich.length).toBeGreaterThan(0);
  expect(rich.map(observable).sort()).toEqual(fresh.map(observable).sort());
  // The worker fetches without credentials and its Referer is its own script, never the shop page.
  for (const r of rich) expect(r.headers.referer ?? '').not.toContain('/fixtures/page.html');
});

test.describe('the audit itself catches what it promises to catch', () => {
  test.fail('a request carrying an item of the history', async ({ page }) => {
    await configure(page, { catalog: DEMO_CATALOG });
    await openFixture(page);
    await readyStatus(page);
    const id = demoIdsFromDisk(3)[2] as string;
    await page.evaluate(async (item) => {
      window.reshelf.track({ type: 'click', itemId: item });
      await window.reshelf.flush();
      await fetch(`/fixtures/${item}.json`).catch(() => {});
    }, id);
  });

  test.fail('a header a script added', async ({ page }) => {
    await openFixture(page);
    await page.evaluate(() => fetch('/fixtures/page.html', { headers: { 'x-shopper': 'anything' } }));
  });

  test.fail('an identifier in localStorage', async ({ page }) => {
    await openFixture(page);
    await page.evaluate(() => localStorage.setItem('reshelf-visitor', crypto.randomUUID()));
  });

  test.fail('a beacon', async ({ page }) => {
    await openFixture(page);
    await page.evaluate(() => navigator.sendBeacon('/fixtures/collect', 'x'));
    await page.waitForTimeout(300);
  });
});

test('identifier heuristics: what counts and what does not', () => {
  expect(identifierIn('localStorage: uid = "7f3e2a"')).toBeDefined();
  expect(identifierIn('localStorage: reshelf-visitorId = "x"')).toBeDefined();
  expect(identifierIn(`indexedDB reshelf.meta: k = ${JSON.stringify('f81d4fae-7dec-11d0-a765-00a0c91e6bf6')}`)).toBeDefined();
  expect(identifierIn('localStorage: k = "Zx8Qp2LmN4rT7vB1cD9sE"')).toBeDefined();
  // A content hash (same for everyone), a preference, a backend choice: not identifiers.
  expect(identifierIn('indexedDB reshelf.meta: catalog = "0cce82015e8d2165cbad1100cf9a701dcfedec3c48698f08a03edc047e957da4"')).toBeUndefined();
  expect(identifierIn('localStorage: reshelf-demo-consent = "on"')).toBeUndefined();
  expect(identifierIn('indexedDB reshelf.meta: backend:2400x64 = {"name":"wasm","ms":1.5}')).toBeUndefined();
});
