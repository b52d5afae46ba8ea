import { test, expect } from './fixtures/privacyAudit';
import type { Page } from '@playwright/test';

const forYou = '[data-reshelf-widget="for-you"]';

async function forYouOrder(page: Page): Promise<string[]> {
  await page.locator(`${forYou}[data-reshelf-state]`).waitFor();
  return page.locator(`${forYou} [data-reshelf-item]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-reshelf-item') as string));
}

async function departmentOf(page: Page, id: string): Promise<string> {
  return (await page.locator(`${forYou} [data-reshelf-item="${id}"] .card-meta`).first().textContent()) ?? '';
}

test('clicked products reorder "For you", the order survives a reload, and nothing leaves the page', async ({ page, requests }) => {
  await page.goto('/');
  await expect(page.locator('#reshelf-status')).toContainText('ready');
  const before = await forYouOrder(page);
  expect(before.length).toBeGreaterThanOrEqual(20);

  // Shop as someone who likes outdoor gear: open three products from the "Browse Outdoors" shelf.
  for (let i = 0; i < 3; i++) {
    await page.locator('[data-reshelf-widget="browse-outdoors"] [data-reshelf-item] a').nth(i).click();
    await expect(page.locator('.product h1')).toBeVisible();
    await page.getByRole('link', { name: '← Back to the shop' }).click();
  }
  const after = await forYouOrder(page);
  expect(after).not.toEqual(before);
  // The widget's outdoor candidates (camping, hiking, cycling) move up: the top two are outdoor gear and the
  // outdoor items' mean position improves by at least a third. (Not all of them need to lead: collaborative
  // signals may rightly mix in what other outdoor shoppers chose.)
  const isOutdoor = async (id: string) => /Camping|Hiking|Cycling/.test(await departmentOf(page, id));
  const meanOutdoorPosition = async (order: string[]) => {
    const flags = await Promise.all(order.map(isOutdoor));
    const positions = flags.flatMap((outdoor, position) => (outdoor ? [position] : []));
    expect(positions.length).toBeGreaterThanOrEqual(3);
    return positions.reduce((a, b) => a + b, 0) / positions.length;
  };
  expect(await isOutdoor(after[0] as string)).toBe(true);
  expect(await isOutdoor(after[1] as string)).toBe(true);
  expect(await meanOutdoorPosition(after)).toBeLessThan((2 / 3) * (await meanOutdoorPosition(before)));

  // The nodes moved, they were not re-rendered: their click listeners still record interactions.
  const exported = await page.evaluate(async () => {
    const demo = (window as unknown as { reshelfDemo: { reshelf: import('../src/index').Reshelf } }).reshelfDemo;
    return demo.reshelf.exportData();
  });
  expect(exported.events.filter((e) => e.type === 'click')).toHaveLength(3);
  expect(exported.events.filter((e) => e.type === 'view')).toHaveLength(3);

  await page.reload();
  expect(await forYouOrder(page)).toEqual(after);

  // Only the page's own static files, the shop's product feed and the catalog bundle were requested.
  const paths = requests.map((r) => new URL(r.url).pathname);
  expect(paths).toContain('/demo-catalog/manifest.json');
  expect(paths.every((p) => p === '/' || /^\/(assets|demo-catalog|demo-shop)\//.test(p))).toBe(true);
});

test('forget() wipes the history and the widget returns to the non-personalised order', async ({ page }) => {
  await page.goto('/');
  const fresh = await forYouOrder(page);
  await page.locator('[data-reshelf-widget="browse-toys"] [data-reshelf-item] a').first().click();
  await page.getByRole('link', { name: '← Back to the shop' }).click();
  expect(await forYouOrder(page)).not.toEqual(fresh);
  await page.getByRole('button', { name: 'Forget everything' }).click();
  await expect.poll(() => forYouOrder(page)).toEqual(fresh);
  await page.reload();
  expect(await forYouOrder(page)).toEqual(fresh);
});
