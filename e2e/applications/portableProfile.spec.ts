import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/privacyAudit';
import { generateShopCatalog } from '../../src/demo/catalog/generateShopCatalog';
import type { PortableProfile, ProfileImportPreview, Reshelf } from '../../src/index';
import { SECOND_ORIGIN, startSecondOrigin, type SecondOrigin } from './secondOrigin';

/**
 * A shopper takes their profile from one shop (origin A: the e2e server) to another (origin B: a second port).
 * It moves only as a file in the shopper's hands: exported on their request, downloaded, picked in a file
 * input, and imported only after they confirm the preview. Every request of both origins is audited.
 */
const FIXTURE = '/fixtures/page.html';
const CATALOG = '/demo-catalog/manifest.json';

let second: SecondOrigin;
test.beforeAll(async () => {
  second = await startSecondOrigin();
});
test.afterAll(async () => {
  await second?.close();
});
// Origin B's page loads are the shopper's own too; the audit still fails on any request that carries data.
test.use({ allowedOrigins: [SECOND_ORIGIN] });

// window.reshelfHarness is declared by the harness (e2e/reliability/harness/harness.ts), built into dist/demo.
declare global {
  interface Window {
    reshelf: Reshelf;
    lastPreview?: ProfileImportPreview;
  }
}

async function openShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-harness="loaded"]').waitFor({ state: 'attached' });
  const status = await page.evaluate(async (catalog) => {
    window.reshelf = window.reshelfHarness.start({ catalog });
    return (await window.reshelf.ready).state;
  }, CATALOG);
  expect(status).toBe('ready');
}

const { products } = generateShopCatalog({ shoppers: 0 });
const departments = [...new Set(products.map((p) => p.category[0]))];
const liked = departments[1]!;
/** A "For you" list as a shop would render it: four products of every department, in the shop's order. */
const candidates = departments.flatMap((d) => products.filter((p) => p.category[0] === d).slice(10, 14)).map((p) => p.id);
const departmentOf = new Map(products.map((p) => [p.id, p.category[0]]));

test('a profile moves from one origin to another only through the shopper\'s file and confirmation', async ({ page, context, baseURL }) => {

  // Origin A: the shopper clicks and carts three products of one department.
  await openShop(page, new URL(FIXTURE, baseURL).href);
  const picks = products.filter((p) => p.category[0] === liked).slice(0, 3);
  await page.evaluate((ids) => {
    for (const id of ids) window.reshelf.track({ type: 'click', itemId: id });
    window.reshelf.track({ type: 'add_to_cart', itemId: ids[0]! });
  }, picks.map((p) => p.id));

  // The shopper asks for their profile: it becomes a file download, nothing is sent anywhere.
  const downloading = page.waitForEvent('download');
  const exported = await page.evaluate(async () => {
    const { profile, reason } = await window.reshelf.exportProfile();
    if (!profile) throw new Error(`no profile: ${reason?.code}`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(profile)], { type: 'application/json' }));
    link.download = 'my-shopping-profile.json';
    document.body.append(link);
    link.click();
    return profile;
  });
  const file = await (await downloading).path();
  const fromFile = JSON.parse(await readFile(file, 'utf8')) as PortableProfile;
  expect(fromFile).toEqual(exported);
  expect(fromFile.format).toBe('reshelf-portable-profile');
  expect(fromFile.version).toBe(1);
  expect(fromFile.origin).toBe(new URL(baseURL!).origin);
  expect(fromFile.items.map((i) => i.id).sort()).toEqual(picks.map((p) => p.id).sort());
  expect(fromFile.interests.categories[0]!.path[0]).toBe(liked);

  // Origin B, another shop: it knows nothing about the shopper, and nothing arrived by itself.
  const shopB = await context.newPage();
  await openShop(shopB, `${second.origin}${FIXTURE}`);
  expect((await shopB.evaluate(() => window.reshelf.exportData())).events).toEqual([]);
  const before = await shopB.evaluate((ids) => window.reshelf.rank(ids), candidates);
  expect(before.personalised).toBe(false);

  // The shopper picks the file; the page asks them to confirm. First they decline: nothing is stored.
  await shopB.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'profile-file';
    document.body.append(input);
  });
  await shopB.setInputFiles('#profile-file', file);
  const importFromInput = () =>
    shopB.evaluate(async () => {
      const text = await (document.getElementById('profile-file') as HTMLInputElement).files![0]!.text();
      return window.reshelf.importProfile(text, {
        confirm: (preview) => {
          window.lastPreview = preview;
          return window.confirm(`Import ${preview.events} interactions from ${preview.from}?`);
        },
      });
    });
  const dialogs: string[] = [];
  shopB.once('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const declined = await importFromInput();
  expect(declined).toMatchObject({ imported: 0, declined: true });
  expect(dialogs[0]).toContain(`from ${new URL(baseURL!).origin}`);
  expect((await shopB.evaluate(() => window.reshelf.exportData())).events).toEqual([]);

  // Without a confirmation step reshelf refuses outright.
  const unconfirmed = await shopB.evaluate(async () => {
    const text = await (document.getElementById('profile-file') as HTMLInputElement).files![0]!.text();
    return window.reshelf.importProfile(text, undefined as never);
  });
  expect(unconfirmed).toMatchObject({ imported: 0, reason: { code: 'CONFIRMATION_REQUIRED' } });

  // Then they accept: the profile's interests now shape shop B's ranking.
  shopB.once('dialog', (dialog) => void dialog.accept());
  const accepted = await importFromInput();
  expect(accepted.imported).toBeGreaterThan(0);
  expect(accepted.preview?.from).toBe(new URL(baseURL!).origin);
  // Another origin's item ids are never trusted (the demo bundle has no GTIN/SKU): interests carry over instead.
  expect(accepted.preview?.matched).toEqual({ gtin: 0, sku: 0, id: 0 });
  expect(accepted.preview?.categories.map((c) => c[0])).toContain(liked);
  const stored = (await shopB.evaluate(() => window.reshelf.exportData())).events;
  expect(stored).toHaveLength(accepted.imported);
  expect(stored.every((e) => departmentOf.get(e.itemId) === liked)).toBe(true);

  const after = await shopB.evaluate((ids) => window.reshelf.rank(ids), candidates);
  expect(after.personalised).toBe(true);
  // The liked department's four candidates now lead the list (most of its top four), which they did not before.
  const likedInTop4 = (items: string[]) => items.slice(0, 4).filter((id) => departmentOf.get(id) === liked).length;
  expect(likedInTop4(after.items)).toBeGreaterThanOrEqual(3);
  expect(likedInTop4(after.items)).toBeGreaterThan(likedInTop4(before.items));

  // Origin A still has its own history, untouched by the import on B.
  expect((await page.evaluate(() => window.reshelf.exportData())).events).toHaveLength(4);
});
