import type { ConsoleMessage, Page } from '@playwright/test';
import type { HarnessConfig } from './harness/harness';
import type { ReshelfStatus, ExportedData } from '../../src/index';

export const FIXTURE_PAGE = '/fixtures/page.html';
export const NEXT_PAGE = '/fixtures/next.html';
export const DEMO_CATALOG = '/demo-catalog/manifest.json';

/** Makes every fixture page of this tab start reshelf with `config` before anything else runs. */
export async function configure(page: Page, config: HarnessConfig): Promise<void> {
  await page.addInitScript((c) => {
    (window as unknown as { reshelfFixtureConfig: unknown }).reshelfFixtureConfig = c;
  }, config);
}

/** Opens a fixture page and waits until its script has run (reshelf started, not necessarily ready). */
export async function openFixture(page: Page, path = FIXTURE_PAGE): Promise<void> {
  await page.goto(path);
  await page.locator('html[data-harness="loaded"]').waitFor({ state: 'attached' });
}

export function readyStatus(page: Page): Promise<ReshelfStatus> {
  return page.evaluate(() => window.reshelf.ready);
}

export function exportEvents(page: Page): Promise<ExportedData['events']> {
  return page.evaluate(async () => (await window.reshelf.exportData()).events);
}

/** Collects the console warnings reshelf prints (the contract: at most one per failure). */
export function recordWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'warning' && message.text().startsWith('reshelf')) warnings.push(message.text());
  });
  return warnings;
}

/** Records reliability counts for the report (see reliabilityReporter.ts): attached to the running test. */
export interface ReliabilityCounts {
  eventsWritten?: number;
  eventsStored?: number;
  eventsLost?: number;
  eventsDuplicated?: number;
  cases?: number;
}

declare global {
  interface Window {
    reshelf: import('../../src/index').Reshelf;
  }
}

/** The first `count` item ids of the demo catalog, read the way any page could (the bundle is public). */
export function catalogIds(page: Page, count: number): Promise<string[]> {
  return page.evaluate(async ([manifestUrl, n]) => {
    const manifest = await (await fetch(manifestUrl as string)).json();
    const items = await (await fetch(new URL(manifest.sections.items.file, new URL(manifestUrl as string, location.href)))).json();
    return (items.ids as string[]).slice(0, n as number);
  }, [DEMO_CATALOG, count] as const);
}
