import { afterAll, describe, expect, it } from 'vitest';
import { createReshelf } from '../api/createReshelf.js';
import { DEFAULT_ONLINE_LEARNER } from '../fusion/online/onlineLearner.js';
import { deleteReshelfDatabase } from '../storage/forgetEverything.js';

/**
 * Online learning through the page API (createReshelf with the real worker in a module worker, real Chromium):
 * status().online and rank outcomes show the learner, `onlineLearning: false` reaches the worker, forget()
 * resets it. The worker is the scoring tests' fixture (src/worker/testing/scoringWorker.fixture.ts): the real
 * worker service serving a synthetic bundle at https://bundles.test/<items>/<seed>/manifest.json.
 */
const CATALOG = 'https://bundles.test/600/3/manifest.json';
const databases: string[] = [];
const worker = () => new Worker(new URL('./testing/scoringWorker.fixture.ts', import.meta.url), { type: 'module' });
function start(options: { onlineLearning?: boolean } = {}) {
  const dbName = `reshelf-online-page-${databases.length}-${Math.random().toString(36).slice(2)}`;
  databases.push(dbName);
  return createReshelf({ catalog: CATALOG, dbName, backend: 'js', createWorker: worker, timeoutMs: 60_000, ...options });
}
afterAll(async () => {
  for (const name of databases) await deleteReshelfDatabase(name);
});
/** Widget `round` of 12 items. */
const widget = (round: number) => Array.from({ length: 12 }, (_, i) => `p${(round * 37 + i * 11) % 600}`);

describe('online learning through createReshelf', () => {
  it('status().online follows the clicks on ranked widgets, and forget() resets it', async () => {
    const reshelf = start();
    try {
      const ready = await reshelf.ready;
      expect(ready.state === 'ready' && ready.online).toEqual({ enabled: true, active: false, clicks: 0, multipliers: {} });
      const rounds = DEFAULT_ONLINE_LEARNER.minClicks + 2;
      for (let round = 0; round < rounds; round++) {
        const outcome = await reshelf.rank(widget(round));
        expect(outcome.reason).toBeUndefined();
        // The shopper passes over the first items and clicks the fourth.
        reshelf.track({ type: 'click', itemId: outcome.items[3]! });
        await reshelf.flush();
      }
      const outcome = await reshelf.rank(widget(rounds));
      expect(outcome.online).toMatchObject({ enabled: true, active: true, clicks: rounds });
      const status = reshelf.status();
      expect(status.state === 'ready' && status.online).toEqual(outcome.online);
      const multipliers = Object.values(outcome.online!.multipliers);
      expect(multipliers.some((m) => m !== 1)).toBe(true);
      for (const m of multipliers) expect(m).toBeGreaterThanOrEqual(DEFAULT_ONLINE_LEARNER.minMultiplier);
      for (const m of multipliers) expect(m).toBeLessThanOrEqual(DEFAULT_ONLINE_LEARNER.maxMultiplier);
      expect((await reshelf.exportData()).onlineFusion?.learner.clicks).toBe(rounds);

      await reshelf.forget();
      const after = reshelf.status();
      expect(after.state === 'ready' && after.online).toMatchObject({ active: false, clicks: 0, multipliers: {} });
      expect((await reshelf.rank(widget(0))).online).toMatchObject({ active: false, clicks: 0 });
    } finally {
      reshelf.close();
    }
  }, 120_000); // a generous limit, not a timing claim (a shared 2-core machine)

  it('createReshelf({ onlineLearning: false }) learns nothing', async () => {
    const reshelf = start({ onlineLearning: false });
    try {
      const ready = await reshelf.ready;
      expect(ready.state === 'ready' && ready.online).toMatchObject({ enabled: false, clicks: 0 });
      for (let round = 0; round < DEFAULT_ONLINE_LEARNER.minClicks + 1; round++) {
        const outcome = await reshelf.rank(widget(round));
        reshelf.track({ type: 'click', itemId: outcome.items[3]! });
        await reshelf.flush();
      }
      expect((await reshelf.rank(widget(9))).online).toMatchObject({ enabled: false, active: false, clicks: 0, multipliers: {} });
      expect((await reshelf.exportData()).onlineFusion).toBeUndefined();
    } finally {
      reshelf.close();
    }
  }, 120_000);
});
