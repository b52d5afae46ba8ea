import { test, expect } from '../fixtures/privacyAudit';
import { READY_TIMEOUT, VIEWPORTS, openPanel, snap, snapInspector, watchConsole } from './demoPage';

test.use({ viewport: VIEWPORTS.desktop });

test.describe('with Global Privacy Control', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  });

  test('personalisation starts off: no worker, no bundle, nothing recorded, the shop order kept', async ({ page, requests }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await expect(page.locator('#reshelf-status')).toHaveText('Personalisation off');
    await expect(page.locator('[data-reshelf-widget="for-you"] .widget-status')).toHaveText('Shop order: personalisation is off');
    await expect(page.locator('[data-reshelf-widget="for-you"]')).not.toHaveAttribute('data-reshelf-state', /.*/);
    await page.locator('[data-reshelf-widget="browse-outdoors"] [data-reshelf-item] a').first().click();
    await expect(page.locator('.product-note')).toContainText('nothing on this page is recorded');
    await page.getByRole('link', { name: '← Back to the shop' }).click();
    await openPanel(page, 'Privacy');
    const panel = page.getByRole('tabpanel', { name: 'Privacy' });
    const consent = panel.getByRole('switch', { name: /Personalise this shop/ });
    await expect(consent).not.toBeChecked();
    await expect(panel.locator('#consent-note')).toContainText('Global Privacy Control');
    await snap(page, 'panel-privacy-gpc', 'desktop');
    // reshelf never started: neither its worker nor its bundle was requested.
    const paths = requests.map((r) => new URL(r.url).pathname);
    expect(paths.some((p) => p.startsWith('/demo-catalog/') && p !== '/demo-catalog/manifest.json')).toBe(false);
    expect(paths.some((p) => /\/assets\/worker-/.test(p))).toBe(false);

    // The Engine panel says reshelf is off instead of showing stale or made-up figures.
    await openPanel(page, 'Engine');
    const engine = page.getByRole('tabpanel', { name: 'Engine' });
    await expect(engine.locator('.unavailable')).toHaveText('reshelf is off: nothing is scored on this device.');
    await expect(engine.getByRole('combobox', { name: 'Run on' })).toBeDisabled();
    await expect(engine.getByRole('switch', { name: 'See it as a new shopper' })).toBeDisabled();
    await snapInspector(page, 'panel-engine-off', 'desktop');
    await openPanel(page, 'Privacy');

    // The shopper can still say yes on this page; the choice is remembered over the GPC default.
    await consent.check();
    await expect(page.locator('#reshelf-status')).toContainText('ready', { timeout: READY_TIMEOUT });
    await expect(page.locator('[data-reshelf-widget="for-you"]')).toHaveAttribute('data-reshelf-state', 'popular');
    await page.reload();
    await expect(page.locator('#reshelf-status')).toContainText('ready', { timeout: READY_TIMEOUT });
    expect(console.errors).toEqual([]);
  });
});

test('withdrawing consent stops recording and restores the shop order; forgetting still works', async ({ page }) => {
  const console = watchConsole(page);
  await page.goto('/');
  await page.locator('[data-reshelf-widget="for-you"][data-reshelf-state]').waitFor();
  const shopOrder = await page.locator('[data-reshelf-widget="browse-kitchen"] [data-reshelf-item]').first().getAttribute('data-reshelf-item');
  await page.locator('[data-reshelf-widget="browse-kitchen"] [data-reshelf-item] a').first().click();
  await page.getByRole('link', { name: '← Back to the shop' }).click();
  await openPanel(page, 'Privacy');
  const panel = page.getByRole('tabpanel', { name: 'Privacy' });
  await expect(panel.locator('.stored-summary')).toContainText('2 events stored');
  await panel.getByRole('switch', { name: /Personalise this shop/ }).uncheck();
  await expect(page.locator('#reshelf-status')).toHaveText('Personalisation off');
  await expect(page.locator('[data-reshelf-widget="for-you"] .widget-status')).toHaveText('Shop order: personalisation is off');
  await expect(page.locator('[data-reshelf-widget="browse-kitchen"] [data-reshelf-item]').first()).toHaveAttribute('data-reshelf-item', shopOrder as string);
  // Earlier history stays until forgotten, and can be shown and forgotten while personalisation is off.
  await panel.getByRole('button', { name: 'Show what is stored' }).click();
  await expect(panel.locator('.stored-summary')).toContainText('2 events stored');
  await panel.getByRole('button', { name: 'Forget everything' }).click();
  await expect(panel.locator('[role="status"]')).toContainText('Forgotten');
  await panel.getByRole('button', { name: 'Show what is stored' }).click();
  await expect(panel.locator('.stored-summary')).toContainText('Nothing stored');
  expect(console.errors).toEqual([]);
});
