import { mkdirSync, writeFileSync } from 'node:fs';
import { test, expect, forYouItems, settled, exported, type Global } from './embedTest';
import { shopPage } from './shopPages';

/**
 * Benchmark, not a timed test: the main-thread cost of `reshelf.track()` through the script-tag API,
 * including the microtask flush that posts the batch to the worker. It asserts only that every event was
 * stored; the figures go to e2e/.output/reports/embed-track-cost.json and the log.
 */
test('track() main-thread cost (benchmark)', async ({ page, embedShop }) => {
  const items = forYouItems(embedShop.products);
  embedShop.page('/bench', shopPage({ loader: `${embedShop.cdn}/cors/reshelf.js`, attrs: { 'data-catalog': '/reshelf/manifest.json', 'data-autotrack': 'off' }, widgets: [{ kind: 'for-you', items }] }));
  await page.goto('/bench');
  await settled(page);
  const ids = items.map((p) => p.id);
  const result = await page.evaluate(async (ids) => {
    const api = (window as unknown as Global).reshelf;
    const drain = async () => {
      for (let i = 0; i < 20; i++) await null;
    };
    // performance.now() is coarse (0.1 ms) on a page that is not cross-origin isolated, so each figure
    // times a whole loop: `rounds` calls, each followed by the microtasks that post it to the worker.
    const rounds = 2000;
    const loop = async (work: (i: number) => void) => {
      const start = performance.now();
      for (let i = 0; i < rounds; i++) {
        work(i);
        await drain();
      }
      return performance.now() - start;
    };
    const perCall: number[] = [];
    for (let repeat = 0; repeat < 5; repeat++) {
      const baseline = await loop(() => {});
      const tracked = await loop((i) => api.track({ type: 'view', itemId: ids[i % ids.length] as string }));
      perCall.push((tracked - baseline) / rounds);
      await new Promise((r) => setTimeout(r, 50));
    }
    perCall.sort((a, b) => a - b);
    // One burst: many events in one task share one flush.
    const burstStart = performance.now();
    for (let i = 0; i < rounds; i++) api.track({ type: 'click', itemId: ids[i % ids.length] as string });
    await drain();
    const burst = performance.now() - burstStart;
    return { events: 6 * rounds, perCallMs: perCall[2] as number, perCallMsRange: [perCall[0], perCall[4]], burstPerCallMs: burst / rounds };
  }, ids);
  await expect.poll(async () => (await exported(page)).length, { timeout: 30_000 }).toBe(result.events);
  mkdirSync('e2e/.output/reports', { recursive: true });
  writeFileSync('e2e/.output/reports/embed-track-cost.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`embed track() cost: ${JSON.stringify(result)}`);
});
