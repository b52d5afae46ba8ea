import { expect, type Page } from '@playwright/test';
import type { RequestRecord } from '../fixtures/privacyAudit';
import type { ConsumerApp } from './consumerApp';

/**
 * What both consumer apps (vite + React, webpack 5 + plain TypeScript) must do in Chromium: show the shop's
 * order unpersonalised, track two clicks, rank again and render a personalised list, store exactly those events,
 * and load the worker the app's bundler emitted from the app's own origin (`worker` matches its URL).
 */
export async function expectPersonalisedList(page: Page, app: ConsumerApp, requests: RequestRecord[], worker: RegExp): Promise<void> {
  const list = page.locator('#list');
  await expect(list).toHaveAttribute('data-ranked', 'false');
  const order = () => page.locator('#list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') as string));
  const before = await order();
  // Click two of the three products of the department the shop lists last.
  const department = app.departments.get(before[before.length - 1] as string);
  const liked = before.filter((id) => app.departments.get(id) === department);
  const clicked = liked.slice(0, 2);
  const unclicked = liked.filter((id) => !clicked.includes(id));
  for (const id of clicked) await page.locator(`#list li[data-id="${id}"] button`).click();
  await page.locator('#refresh').click();
  await expect(list).toHaveAttribute('data-ranked', 'true');
  const after = await order();
  expect(after).not.toEqual(before);
  // The department's product the shopper has not seen yet moves up into the top quarter of the sixteen unseen
  // products; the two already seen follow every new suggestion (the shipped rules keep seen items behind unseen).
  expect(after.indexOf(unclicked[0] as string)).toBeLessThan(Math.min(4, before.indexOf(unclicked[0] as string)));
  expect(after.slice(-clicked.length).sort()).toEqual([...clicked].sort());
  const stored = await page.evaluate(async () => (await (window as unknown as { app: { reshelf: import('../../src/index').Reshelf } }).app.reshelf.exportData()).events.length);
  expect(stored).toBe(clicked.length);
  expect(requests.some((r) => worker.test(new URL(r.url).pathname) && r.url.startsWith(app.origin))).toBe(true);
}
