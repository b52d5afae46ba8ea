import { test, expect } from '../fixtures/privacyAudit';
import type { Page } from '@playwright/test';
import { configure, DEMO_CATALOG, demoIdsFromDisk, exportEvents, openFixture, readyStatus } from './fixturePage';

/** Everything reshelf could have left on this origin. */
function leftovers(page: Page) {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('reshelf')),
    caches: (await caches.keys()).filter((n) => n.startsWith('reshelf')),
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
  }));
}

const IDS = demoIdsFromDisk(40);
const personalised = (page: Page) => page.evaluate(async (ids) => (await window.reshelf.rank(ids)).personalised, IDS);

test('forget() leaves nothing behind: no database, no cache, no history in any tab\'s worker memory', async ({ page, context }) => {
  const other = await context.newPage();
  for (const tab of [page, other]) {
    await configure(tab, { catalog: DEMO_CATALOG });
    await openFixture(tab);
    await readyStatus(tab);
  }
  // Some history in both tabs, and something in Cache Storage under reshelf's prefix (the bundle cache).
  await page.evaluate(async (ids) => {
    for (const id of ids.slice(0, 5)) window.reshelf.track({ type: 'purchase', itemId: id });
    await window.reshelf.flush();
    await (await caches.open('reshelf-bundle')).put('/demo-catalog/manifest.json', new Response('{}'));
  }, IDS);
  await other.evaluate(async (ids) => {
    window.reshelf.track({ type: 'click', itemId: ids[9] as string });
    await window.reshelf.flush();
  }, IDS);
  expect(await personalised(other)).toBe(true);
  const before = await leftovers(page);
  expect(before.databases).toEqual(['reshelf']);
  expect(before.caches).toEqual(['reshelf-bundle']);

  await page.evaluate(() => window.reshelf.forget());

  expect(await leftovers(page)).toEqual({ databases: [], caches: [], localStorage: [], sessionStorage: [] });
  // The other tab's worker dropped what it held in memory (told over a BroadcastChannel).
  await expect.poll(() => personalised(other)).toBe(false);
  expect(await personalised(page)).toBe(false);
  // Nothing comes back either: the other tab's export is empty.
  expect(await exportEvents(other)).toEqual([]);
  await page.reload();
  await readyStatus(page);
  expect(await personalised(page)).toBe(false);
  expect(await exportEvents(page)).toEqual([]);
});

test('forget() while reshelf is unavailable (bundle down) still deletes the history of earlier visits', async ({ page, context }) => {
  await configure(page, { catalog: DEMO_CATALOG });
  await openFixture(page);
  await readyStatus(page);
  await page.evaluate(async (id) => {
    window.reshelf.track({ type: 'click', itemId: id });
    await window.reshelf.flush();
  }, IDS[0] as string);
  await context.route('**/demo-catalog/manifest.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.reload();
  expect((await readyStatus(page)).state).toBe('unavailable');
  expect((await leftovers(page)).databases).toEqual(['reshelf']);
  await page.evaluate(() => window.reshelf.forget());
  expect((await leftovers(page)).databases).toEqual([]);
});

test('events tracked after forget() are stored again, once', async ({ page }) => {
  await configure(page, { catalog: DEMO_CATALOG });
  await openFixture(page);
  await readyStatus(page);
  await page.evaluate(async (ids) => {
    window.reshelf.track({ type: 'click', itemId: ids[0] as string });
    await window.reshelf.forget();
    window.reshelf.track({ type: 'click', itemId: ids[1] as string });
    await window.reshelf.flush();
  }, IDS);
  expect((await exportEvents(page)).map((e) => e.itemId)).toEqual([IDS[1]]);
});
