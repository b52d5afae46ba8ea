import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignalName } from '../signals/registry.js';
import { DEFAULT_ONLINE_LEARNER } from '../fusion/online/onlineLearner.js';
import { distanceToFollowed, shopperFollows, startWorker, widgets } from './onlineFusion.fixture.js';

/**
 * The worker as the page drives it (init, rank, track, exportData, forget), in node with memory storage, with
 * the simulated shopper and catalog of onlineFusion.fixture.ts.
 */
afterEach(() => vi.unstubAllGlobals());
/** A generous limit, not a timing claim: each test ranks a few hundred widgets on a shared 2-core machine. */
const LIMIT_MS = 120_000;

describe('online fusion learning in the worker', () => {
  // content carries the largest shipped weight, ease a middling one.
  for (const follows of ['content', 'ease'] as const) {
    it(`raises the weight of the signal a shopper follows (${follows}) and moves held-out rankings toward it; forget resets it`, async () => {
      const service = await startWorker();
      const clicked = await shopperFollows(service, follows, 40, 7);
      const heldOut = widgets(clicked, 8, 1000);

      const status = (await service.rank({ candidates: heldOut[0]! })).online!;
      expect(status.active).toBe(true);
      expect(status.clicks).toBeGreaterThanOrEqual(DEFAULT_ONLINE_LEARNER.minClicks);
      const m = status.multipliers;
      expect(m[follows]!).toBeGreaterThan(1);
      for (const [name, value] of Object.entries(m) as [SignalName, number][]) {
        if (name !== follows) expect(m[follows]!, name).toBeGreaterThan(value);
        expect(value).toBeGreaterThanOrEqual(DEFAULT_ONLINE_LEARNER.minMultiplier);
        expect(value).toBeLessThanOrEqual(DEFAULT_ONLINE_LEARNER.maxMultiplier);
      }
      const adapted = await distanceToFollowed(service, heldOut, follows);
      const shipped = await distanceToFollowed(service, heldOut, follows, { onlineLearning: false });
      expect(adapted).toBeLessThan(shipped);

      const exported = await service.exportData();
      expect(exported.onlineFusion?.learner.clicks).toBe(status.clicks);
      expect(exported.onlineFusion?.impressions.length).toBeGreaterThan(0);

      await service.forget();
      const after = await service.rank({ candidates: heldOut[0]! });
      expect(after.online).toMatchObject({ active: false, clicks: 0, multipliers: {} });
      expect(after.items).toEqual((await service.rank({ candidates: heldOut[0]!, config: { onlineLearning: false } })).items);
      // Only what was shown since forget() is left: no learned clicks, no events.
      const afterForget = await service.exportData();
      expect(afterForget.events).toEqual([]);
      expect(afterForget.onlineFusion?.learner.clicks ?? 0).toBe(0);
    }, LIMIT_MS);
  }

  it('with onlineLearning: false the ranking stays the shipped one whatever the shopper clicks', async () => {
    const service = await startWorker({ onlineLearning: false });
    const clicked = await shopperFollows(service, 'ease', 12, 7);
    const heldOut = widgets(clicked, 1, 1000)[0]!;
    const ranked = await service.rank({ candidates: heldOut });
    expect(ranked.online).toMatchObject({ enabled: false, active: false, clicks: 0 });
    // The same worker's history, ranked with learning switched off per call, is the identical list.
    expect(ranked.items).toEqual((await service.rank({ candidates: heldOut, config: { onlineLearning: false } })).items);
    expect((await service.exportData()).onlineFusion).toBeUndefined();
  }, LIMIT_MS);

  it('learns nothing from clicks on items it did not show, or from a malformed switch', async () => {
    const service = await startWorker();
    await service.rank({ candidates: ['sku-1', 'sku-2', 'sku-3'] });
    await service.track([{ type: 'click', itemId: 'sku-50', time: Date.now() }]);
    await service.track([{ type: 'view', itemId: 'sku-3', time: Date.now() }]);
    expect((await service.rank({ candidates: ['sku-4', 'sku-5'] })).online?.clicks).toBe(0);
    await expect(service.rank({ candidates: ['sku-4'], config: { onlineLearning: 'yes' } })).rejects.toThrow(/onlineLearning/);
  }, LIMIT_MS);
});
