import type { Page } from '@playwright/test';
import { test as audited, expect } from '../fixtures/privacyAudit';
import { startEmbedShop, type EmbedShop } from '../fixtures/embedShop';
import type { DemoProduct } from '../../src/demo/catalog/generateShopCatalog.js';
import type { ReshelfEmbed } from '../../src/embed/types.js';
import type { ReshelfStatus } from '../../src/api/status.js';

/**
 * Layout shifts, long tasks and long animation frames of the page, observed from its first script on (buffered).
 * A long animation frame lists the scripts that ran in it with their source URL and time, so a test can tell a
 * long task reshelf's scripts caused from one of the page's own parsing, layout or garbage collection.
 */
const PERF_OBSERVERS = `
window.__perf = { shifts: [], longTasks: [], longFrames: [] };
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__perf.shifts.push({ value: e.value, recent: e.hadRecentInput }); }).observe({ type: 'layout-shift', buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__perf.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__perf.longFrames.push({ duration: e.duration, scripts: (e.scripts || []).map((s) => ({ src: s.sourceURL, invoker: s.invoker, ms: s.duration })) }); }).observe({ type: 'long-animation-frame', buffered: true });
`;

/**
 * The embed tests' fixtures, on top of the privacy audit: the two-origin shop (one per worker), the audit's
 * origin set to the shop and the CDN, reshelf's console warnings, and performance observers in every page.
 */
export const test = audited.extend<{ warnings: string[] }, { embedShop: EmbedShop }>({
  embedShop: [
    async ({}, use) => {
      const shop = await startEmbedShop();
      await use(shop);
      await shop.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ embedShop }, use) => use(embedShop.shop),
  allowedOrigins: async ({ embedShop }, use) => use([embedShop.cdn]),
  warnings: [
    async ({ page }, use) => {
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning' && message.text().startsWith('reshelf')) warnings.push(message.text());
      });
      await page.addInitScript(PERF_OBSERVERS);
      await use(warnings);
    },
    { auto: true },
  ],
});
export { expect };

type Global = { reshelf: ReshelfEmbed; __perf: { shifts: { value: number; recent: boolean }[]; longTasks: number[]; longFrames: { duration: number; scripts: { src: string; invoker: string; ms: number }[] }[] }; __saves: string[]; __pageOk: boolean };

/** The departments' first four products: the "For you" candidates, as the shop renders them. */
export function forYouItems(products: DemoProduct[]): DemoProduct[] {
  const departments = [...new Set(products.map((p) => p.category[0]))];
  return departments.flatMap((d) => products.filter((p) => p.category[0] === d).slice(0, 4));
}

/** Waits until reshelf decided about every rankable widget (ranked, or kept with a reason). */
export async function settled(page: Page): Promise<ReshelfStatus> {
  await page.waitForFunction(() => typeof (window as unknown as Global).reshelf?.status === 'function');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-reshelf-widget]:not([data-reshelf-rank="off"]):not([data-reshelf-state])').length === 0,
  );
  return page.evaluate(() => (window as unknown as Global).reshelf.ready);
}

export function widgetOrder(page: Page, kind: string): Promise<string[]> {
  return page.locator(`[data-reshelf-widget="${kind}"] [data-reshelf-item]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-reshelf-item') as string));
}

export function exported(page: Page): Promise<{ type: string; itemId: string; value?: number }[]> {
  return page.evaluate(async () => (await (window as unknown as Global).reshelf.exportData()).events.map(({ type, itemId, value }) => ({ type, itemId, ...(value === undefined ? {} : { value }) })));
}

export function perf(page: Page): Promise<Global['__perf']> {
  return page.evaluate(() => (window as unknown as Global).__perf);
}

export type { Global };
