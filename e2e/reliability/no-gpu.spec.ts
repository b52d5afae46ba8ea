import { test, expect } from '../fixtures/privacyAudit';
import { chromiumArgs, requireChromium } from '../tools/chromium.mjs';
import { configure, DEMO_CATALOG, demoIdsFromDisk, openFixture, rankFreshWidget, recordPageErrors, recordWarnings } from './fixturePage';

// A browser with no WebGL and no WebGPU at all. This guards the fallback to WASM/CPU scoring. A GPU context or
// device lost in the middle of a ranking is injected in the real worker by src/worker/workerScoring.browser.test.ts
// (WebGL and WebGPU, forced, in Chromium): the next backend answers that ranking and status() reports the drop.
test.use({ launchOptions: { executablePath: requireChromium(), args: [...chromiumArgs.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-3d-apis', '--disable-webgl', '--disable-gpu'] } });

test('no WebGL and no WebGPU: ranking still works, without a warning', async ({ page }) => {
  const warnings = recordWarnings(page);
  const errors = recordPageErrors(page);
  await configure(page, { catalog: DEMO_CATALOG });
  await openFixture(page);
  const gpu = await page.evaluate(async () => ({
    webgl: !!document.createElement('canvas').getContext('webgl2') || !!document.createElement('canvas').getContext('webgl'),
    webgpu: 'gpu' in navigator ? (await (navigator as unknown as { gpu: { requestAdapter(): Promise<unknown> } }).gpu.requestAdapter()) !== null : false,
  }));
  expect(gpu).toEqual({ webgl: false, webgpu: false });
  const ids = demoIdsFromDisk(24);
  const outcome = await rankFreshWidget(page, ids);
  expect(outcome.status.state).toBe('ready');
  expect(outcome.applied).toBe(true);
  expect(outcome.order).not.toEqual(ids);
  expect(warnings).toEqual([]);
  expect(errors).toEqual([]);
});
