import { readFile } from 'node:fs/promises';
import { test, expect } from '../fixtures/privacyAudit';
import { READY_TIMEOUT, VIEWPORTS, browseOutdoors, expectNoSidewaysScroll, reshelfStatus, itemOrder, openHome, openPanel, setRange, snap, snapInspector, watchConsole, type ViewportName } from './demoPage';

for (const name of Object.keys(VIEWPORTS) as ViewportName[]) {
  test.describe(`demo panels (${name})`, () => {
    test.use({ viewport: VIEWPORTS[name] });

    test('every widget is on the home page and each product says why it is there', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      for (const kind of ['for-you', 'recently-viewed', 'coupons', 'new-arrivals', 'shops', 'trending']) {
        await expect(page.locator(`[data-reshelf-widget="${kind}"]`)).toBeVisible();
      }
      await browseOutdoors(page);
      // Keyboard focus on a product shows its explanation, which is also the link's accessible description.
      const firstLink = page.locator('[data-reshelf-widget="for-you"] [data-reshelf-item] a').first();
      await firstLink.focus();
      const why = page.locator('[data-reshelf-widget="for-you"] [data-reshelf-item] .why').first();
      await expect(why).toBeVisible();
      await expect(firstLink).toHaveAccessibleDescription(/Why here: .{20,}/);
      // Explanations say what the signal is: a link from other shoppers' logs is not "because you viewed" it.
      const whys = await page.locator('[data-reshelf-widget="for-you"] [data-reshelf-item] .why-text').allTextContents();
      expect(whys.length).toBeGreaterThan(0);
      for (const why of whys) expect(why).toMatch(/^(Similar to .+|Shoppers who liked .+ also liked this|Often chosen after .+|Popular with shoppers like you|Popular in .+|Popular right now|Suggested by your recent items)$/);
      await expect(page.locator('[data-reshelf-widget="recently-viewed"] [data-reshelf-item]')).toHaveCount(2);
      await expect(page.locator('[data-reshelf-widget="trending"] .widget-status')).toHaveText('Same for everyone: by popularity');
      // Shops, coupons and new arrivals go through reshelf's application API (shops(), coupons(), newArrivals()).
      await expect(page.locator('[data-reshelf-shop]').first()).toHaveAttribute('data-reshelf-shop', 'Ridgeline Outfitters');
      await expect(page.locator('[data-reshelf-shop] .why-text').first()).toContainText('of your predicted interest');
      for (const kind of ['shops', 'coupons', 'new-arrivals']) {
        await expect(page.locator(`[data-reshelf-widget="${kind}"] .widget-status`)).toHaveAttribute('data-state', 'personalised');
      }
      await expect(page.locator('[data-reshelf-coupon] .why-text').first()).toContainText('Expected saving for you');
      await firstLink.scrollIntoViewIfNeeded();
      await snap(page, 'home-why-here', name);
      // Valid coupons only: every one shown ends in the future.
      const terms = await page.locator('[data-reshelf-widget="coupons"] .coupon-terms').allTextContents();
      expect(terms.length).toBeGreaterThan(0);
      for (const t of terms) expect(t).toMatch(/ends (in \d+ days?|tomorrow)/);
      expect(console.errors).toEqual([]);
    });

    test('privacy panel: live event log, export as a file, forget everything', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      await browseOutdoors(page);
      await openPanel(page, 'Privacy');
      const panel = page.getByRole('tabpanel', { name: 'Privacy' });
      await expect(panel.getByRole('switch', { name: /Personalise this shop/ })).toBeChecked();
      await expect(panel.locator('.stored-summary')).toContainText('5 events stored in this browser (IndexedDB)');
      await expect(panel.locator('table.log tbody tr')).toHaveCount(5);
      await expect(panel.locator('table.log tbody tr').first()).toContainText('Added to cart');
      await snap(page, 'panel-privacy', name);
      await snapInspector(page, 'panel-privacy-full', name);
      await expectNoSidewaysScroll(page);

      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download my data' }).click()]);
      expect(download.suggestedFilename()).toBe('reshelf-my-data.json');
      const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { format: string; events: { type: string }[] };
      expect(exported.format).toBe('reshelf-export');
      expect(exported.events.map((e) => e.type).sort()).toEqual(['add_to_cart', 'click', 'click', 'view', 'view']);

      await panel.getByRole('button', { name: 'Forget everything' }).click();
      await expect(panel.locator('.stored-summary')).toContainText('Nothing stored');
      await expect(page.locator('[data-reshelf-widget="recently-viewed"] [data-reshelf-item]')).toHaveCount(0);
      await expect(page.locator('[data-reshelf-widget="for-you"]')).toHaveAttribute('data-reshelf-state', 'popular');
      expect(console.errors).toEqual([]);
    });

    test('network panel lists the page\u2019s and the worker\u2019s requests, none with shopper data', async ({ page, requests }) => {
      const console = watchConsole(page);
      await openHome(page);
      await browseOutdoors(page);
      await openPanel(page, 'Network');
      const panel = page.getByRole('tabpanel', { name: 'Network' });
      await expect(panel.locator('.verdict')).toContainText('No request carried shopper data');
      const rows = panel.locator('table.requests tbody tr');
      await expect(rows.filter({ hasText: 'worker' }).filter({ hasText: 'Catalog bundle' }).first()).toBeVisible();
      await expect(rows.filter({ hasText: 'Shop product feed' })).toHaveCount(1);
      await expect(panel.locator('tr.request-bad')).toHaveCount(0);
      // The panel saw every bundle file the browser fetched (the audit fixture records them independently).
      const bundleFiles = new Set(requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/demo-catalog/')));
      for (const file of bundleFiles) await expect(panel.locator('code', { hasText: file }).first()).toBeAttached();
      await snap(page, 'panel-network', name);
      await snapInspector(page, 'panel-network-full', name);
      await expectNoSidewaysScroll(page);
      expect(console.errors).toEqual([]);
    });

    test('engine panel: bundle facts, scoring backend, ranking times, and "see it as a new shopper"', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      const fresh = await itemOrder(page, 'for-you');
      await browseOutdoors(page);
      const mine = await itemOrder(page, 'for-you');
      expect(mine).not.toEqual(fresh);
      // The scoring backend the worker chose and the measurements behind it, as status().scoring reports them. Under
      // load the timing of slow backends outlasts start-up: the panel is open while it runs and shows the result by
      // itself when the worker reports it (no ranking is asked for here).
      await openPanel(page, 'Engine');
      const panel = page.getByRole('tabpanel', { name: 'Engine' });
      await expect.poll(async () => (await reshelfStatus(page)).scoringState, { timeout: 60_000 }).toBe('chosen');
      const { scoring } = await reshelfStatus(page);
      await expect(panel.locator('.facts').last()).toContainText('Version');
      await expect(panel.locator('.facts').last()).toContainText(/Size.*in \d+ files/);
      await expect(panel.getByRole('row', { name: /^For you personalised \d+\.\d\d ms \d+ ms$/ })).toBeVisible();
      await expect(panel.getByRole('heading', { name: 'Scoring backend' })).toBeVisible();
      // A fresh browser profile has no remembered choice: the backends were timed on this page.
      expect(scoring!.source).toBe('measured');
      expect(['simd', 'js', 'wasm', 'webgpu', 'webgl', 'cpu']).toContain(scoring!.backend);
      expect(typeof scoring!.timings[scoring!.backend]).toBe('number');
      const numbers = Object.values(scoring!.timings).filter((t) => typeof t === 'number') as number[];
      for (const t of numbers) expect(Number.isFinite(t) && t > 0).toBe(true);
      const backendBox = panel.locator('section', { has: page.getByRole('heading', { name: 'Scoring backend' }) });
      await expect(backendBox.locator('.facts')).toContainText(new RegExp(`Chosen\\s*${scoring!.backend}`));
      await expect(backendBox.locator('.facts')).toContainText(/How\s*measured when reshelf started on this page/);
      await expect(backendBox.locator('.facts')).toContainText(/Last ranking\s*\d+\.\d+ ms in the worker/);
      // One row per measured backend, each a number of ms or the reason it failed; the chosen one is marked.
      const rows = backendBox.locator('table.backends tbody tr');
      await expect(rows).toHaveCount(Object.keys(scoring!.timings).length);
      for (const text of await rows.allTextContents()) expect(text).toMatch(/(\d+\.\d+ ms|failed: .+)$/);
      await expect(backendBox.locator('tr.chosen')).toContainText(`${scoring!.backend} (chosen)`);

      const newShopper = panel.getByRole('switch', { name: 'See it as a new shopper' });
      await newShopper.check();
      await expect(page.locator('[data-reshelf-widget="for-you"] .widget-status')).toHaveText('As a new shopper sees it: by popularity');
      expect(await itemOrder(page, 'for-you')).toEqual(fresh);
      await snap(page, 'panel-engine', name);
      await snapInspector(page, 'panel-engine-full', name);
      await expectNoSidewaysScroll(page);
      await newShopper.uncheck();
      await expect(page.locator('[data-reshelf-widget="for-you"] .widget-status')).toHaveText('Reordered for you, in this browser');
      expect(await itemOrder(page, 'for-you')).toEqual(mine);
      expect(console.errors).toEqual([]);
    });

    test('engine panel: forcing a scoring backend restarts reshelf on it; the others stay as fallbacks', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      await browseOutdoors(page);
      await openPanel(page, 'Engine');
      const panel = page.getByRole('tabpanel', { name: 'Engine' });
      const runOn = panel.getByRole('combobox', { name: 'Run on' });
      await expect(runOn).toHaveAccessibleDescription(/createReshelf\(\{ backend \}\)/);
      await runOn.selectOption('js');
      await expect(page.locator('#reshelf-status')).toContainText('ready', { timeout: READY_TIMEOUT });
      const backendBox = panel.locator('section', { has: page.getByRole('heading', { name: 'Scoring backend' }) });
      // The shelves re-rank on the new instance; its status says the choice was forced.
      await expect(backendBox.locator('.facts')).toContainText(/Chosen\s*js/, { timeout: READY_TIMEOUT });
      await expect(backendBox.locator('.facts')).toContainText(/How\s*forced by the page/);
      const { scoring } = await reshelfStatus(page);
      expect(scoring).toMatchObject({ backend: 'js', source: 'forced' });
      await expect(page.locator('[data-reshelf-widget="for-you"][data-reshelf-state="personalised"]')).toBeVisible();
      await snapInspector(page, 'panel-engine-forced', name);
      await runOn.selectOption('');
      await expect(backendBox.locator('.facts')).toContainText(/How\s*measured/, { timeout: READY_TIMEOUT });
      expect(console.errors).toEqual([]);
    });

    test('engine panel: method, each weight and diversity re-rank the shelves; "shipped settings" restores them', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      await browseOutdoors(page);
      const mine = await itemOrder(page, 'for-you');
      await openPanel(page, 'Engine');
      const panel = page.getByRole('tabpanel', { name: 'Engine' });
      const ranked = async () => {
        await page.locator('[data-reshelf-widget="for-you"][data-reshelf-state="personalised"]').waitFor();
        return itemOrder(page, 'for-you');
      };
      const reset = async () => {
        await panel.getByRole('button', { name: 'Back to the shipped settings' }).click();
        await expect.poll(ranked).toEqual(mine);
      };

      // Every control is named and explained (its hint is its accessible description).
      await expect(panel.getByRole('combobox', { name: 'Method' })).toHaveAccessibleDescription(/signal/);
      await expect(panel.getByRole('slider', { name: 'Diversity' })).toHaveAccessibleDescription(/near-duplicates/);

      await panel.getByRole('combobox', { name: 'Method' }).selectOption('rrf');
      await expect.poll(ranked).not.toEqual(mine);
      await reset();
      await expect(panel.getByRole('combobox', { name: 'Method' })).toHaveValue('weighted');

      // The strongest signal for this shopper off: the order changes.
      await setRange(panel.getByRole('slider', { name: 'Similar products' }), 0);
      await expect.poll(ranked).not.toEqual(mine);
      await reset();

      // Full diversity (MMR with lambda 0).
      await setRange(panel.getByRole('slider', { name: 'Diversity' }), 1);
      await expect.poll(ranked).not.toEqual(mine);
      await reset();
      await expect(panel.getByRole('slider', { name: 'Diversity' })).toHaveValue('0');
      expect(console.errors).toEqual([]);
    });

    test('engine panel: what reshelf learned from clicks on its shelves, erased by "Forget everything"', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      await browseOutdoors(page);
      // Open the third product of For you (passing over the first two), again and again: clicks on what reshelf
      // showed, enough for the learned factors to apply.
      for (let i = 0; i < 6; i++) {
        await page.locator('[data-reshelf-widget="for-you"][data-reshelf-state="personalised"] [data-reshelf-item] a').nth(2).click();
        await expect(page.locator('.product h1')).toBeVisible();
        await page.getByRole('link', { name: '← Back to the shop' }).click();
        await page.locator('[data-reshelf-widget="for-you"][data-reshelf-state="personalised"]').waitFor();
      }
      const online = async () => (await reshelfStatus(page)).online;
      await expect.poll(async () => (await online())?.active).toBe(true);
      await openPanel(page, 'Engine');
      const panel = page.getByRole('tabpanel', { name: 'Engine' });
      const learning = panel.locator('section', { has: page.getByRole('heading', { name: 'Learning from your clicks' }) });
      const clicks = (await online())!.clicks;
      await expect(learning).toContainText(`Learned from ${clicks} click`);
      const factors = await learning.locator('table.multipliers tbody tr').allTextContents();
      expect(factors.length).toBeGreaterThan(0);
      for (const f of factors) expect(f).toMatch(/×\d\.\d\d$/);
      // The clicks moved some signal away from its shipped weight.
      expect(factors.some((f) => !f.endsWith('×1.00'))).toBe(true);
      await snapInspector(page, 'panel-engine-learning', name);

      await openPanel(page, 'Privacy');
      await page.getByRole('tabpanel', { name: 'Privacy' }).getByRole('button', { name: 'Forget everything' }).click();
      await expect(page.getByRole('tabpanel', { name: 'Privacy' }).locator('[role="status"]')).toContainText('Forgotten');
      await openPanel(page, 'Engine');
      await expect(learning).toContainText('Nothing learned yet');
      await expect(learning.locator('table.multipliers')).toBeHidden();
      expect(console.errors).toEqual([]);
    });

    test('product page: similar items ranked with the product as context', async ({ page }) => {
      const console = watchConsole(page);
      await openHome(page);
      await page.locator('[data-reshelf-widget="browse-kitchen"] [data-reshelf-item] a').first().click();
      const similar = page.locator('[data-reshelf-widget="similar"]');
      await expect(similar).toHaveAttribute('data-reshelf-state', 'personalised');
      await expect(similar).toHaveAttribute('data-reshelf-context', /^p\d+$/);
      await expect(page.locator('.product h1')).toBeFocused();
      await snap(page, 'product', name);
      expect(console.errors).toEqual([]);
    });
  });
}
