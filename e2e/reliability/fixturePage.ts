import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** What a widget looked like after reshelf tried to rank it. */
export interface WidgetOutcome {
  order: string[];
  state: string | null;
  status: ReshelfStatus;
  applied: boolean;
  reasonCode?: string;
}

/**
 * Renders a widget of `ids`, records a click on one of them (so a working reshelf would move it), ranks the
 * widget and reports its order. The page has a chance to break here: nothing it does may throw.
 */
export function rankFreshWidget(page: Page, ids: string[]): Promise<WidgetOutcome> {
  return page.evaluate(async (candidates) => {
    const widget = window.reshelfHarness.renderWidget(candidates);
    window.reshelf.track({ type: 'click', itemId: candidates[candidates.length - 1] as string });
    const outcome = await window.reshelf.rank(widget);
    return {
      order: Array.from(widget.querySelectorAll('[data-reshelf-item]'), (e) => e.getAttribute('data-reshelf-item') as string),
      state: widget.getAttribute('data-reshelf-state'),
      status: window.reshelf.status(),
      applied: outcome.applied,
      ...(outcome.reason ? { reasonCode: outcome.reason.code } : {}),
    };
  }, ids);
}

/** Ids of the built demo catalog, read from disk (so specs that break the bundle's delivery still know them). */
export function demoIdsFromDisk(count: number): string[] {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../dist/demo/demo-catalog');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return (JSON.parse(readFileSync(join(dir, manifest.sections.items.file), 'utf8')).ids as string[]).slice(0, count);
}

/** The built demo bundle's files, by name. */
export function demoBundleFromDisk(): Map<string, Uint8Array> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../dist/demo/demo-catalog');
  return new Map(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
}

/** Collects uncaught page errors (a broken page) so a spec can assert there are none. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
