import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures/privacyAudit';

/** Screen sizes every panel is checked and photographed at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  mobile: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Collects console errors and uncaught exceptions; the demo must produce none. */
export function watchConsole(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { errors };
}

/** Screenshots go to e2e/.output/screenshots (git-ignored): look at them after a UI change. */
export async function snap(page: Page, name: string, viewport: ViewportName): Promise<void> {
  await page.screenshot({ path: `e2e/.output/screenshots/${name}-${viewport}.png` });
}

/**
 * The whole open inspector panel as one tall picture (its scroll area unrolled), to look at every section at once;
 * the inspector's own styles are restored afterwards.
 */
export async function snapInspector(page: Page, name: string, viewport: ViewportName): Promise<void> {
  const unroll = await page.addStyleTag({
    content: `#inspector { position: static !important; height: auto !important; max-height: none !important; overflow: visible !important; }
      #inspector .inspector-header, #inspector .tabs, .masthead { position: static !important; }`,
  });
  await page.locator('#inspector').screenshot({ path: `e2e/.output/screenshots/${name}-${viewport}.png` });
  await unroll.evaluate((style) => (style as HTMLStyleElement).remove());
}

/** Nothing wider than the screen: neither the page nor the open inspector scrolls sideways (tables scroll inside). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const inspector = document.getElementById('inspector') as HTMLElement;
    return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, inspector: inspector.scrollWidth, inspectorBox: inspector.clientWidth };
  });
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  expect(widths.inspector).toBeLessThanOrEqual(widths.inspectorBox);
}

/** The parts of `status()` the demo tests read (see src/api/status.ts). */
export interface DemoStatus {
  scoring?: { backend: string; source: string; timings: Record<string, number | { error: string }> };
  scoringState?: 'measuring' | 'chosen' | 'none';
  online?: { clicks: number; active: boolean };
}

/**
 * `status()` of the page's running reshelf (exposed as window.reshelfDemo). With `rankFirst`, ranks those ids
 * through the API first: the scoring status is refreshed after each ranking.
 */
export async function reshelfStatus(page: Page, rankFirst?: string[]): Promise<DemoStatus> {
  return page.evaluate(async (ids) => {
    const reshelf = (window as unknown as { reshelfDemo: { reshelf: { rank(ids: string[]): Promise<unknown>; status(): DemoStatus } } }).reshelfDemo.reshelf;
    if (ids) await reshelf.rank(ids);
    return reshelf.status();
  }, rankFirst);
}

/** Moves a slider the way a visitor's drag ends: value set, then one `change` event. */
export async function setRange(range: Locator, value: number): Promise<void> {
  await range.evaluate((input: HTMLInputElement, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/**
 * How long reshelf may take to start: loading the bundle and timing the scoring backends on a shared 2-core machine
 * under load took longer than expect's default 5 s. A bound on waiting, not a speed assertion.
 */
export const READY_TIMEOUT = 30_000;

export async function openHome(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('#reshelf-status')).toContainText('ready', { timeout: READY_TIMEOUT });
  await page.locator('[data-reshelf-widget="for-you"][data-reshelf-state]').waitFor();
}

/** Opens the inspector (a sheet on narrow screens, docked on wide ones) on one tab. */
export async function openPanel(page: Page, tab: 'Privacy' | 'Network' | 'Engine'): Promise<void> {
  const toggle = page.getByRole('button', { name: 'How it works' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
}

/** Shops like someone into outdoor gear: opens two outdoor products and adds one to the cart. */
export async function browseOutdoors(page: Page): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await page.locator('[data-reshelf-widget="browse-outdoors"] [data-reshelf-item] a').nth(i).click();
    await expect(page.locator('.product h1')).toBeVisible();
    if (i === 1) await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: '← Back to the shop' }).click();
  }
  await page.locator('[data-reshelf-widget="for-you"][data-reshelf-state="personalised"]').waitFor();
}

export async function itemOrder(page: Page, widget: string): Promise<string[]> {
  return page.locator(`[data-reshelf-widget="${widget}"] [data-reshelf-item]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-reshelf-item') as string));
}
