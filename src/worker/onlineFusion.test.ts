import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatasetItem, UserSequence } from '../datasets/dataset.js';
import { buildCatalogModel } from '../training/buildCatalogModel.js';
import { seededRandom } from '../training/random.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { serveFiles } from '../catalog/testing/bundleFixtures.js';
import { SIGNAL_NAMES, type SignalName } from '../signals/registry.js';
import { DEFAULT_ONLINE_LEARNER } from '../fusion/online/onlineLearner.js';
import { createWorkerService } from './workerService.js';
import type { WorkerApi } from './contract.js';

/**
 * The worker as the page drives it (init, rank, track, exportData, forget), in node with memory storage: a
 * simulated shopper who only clicks what the content signal ranks first among the shown items.
 * Catalog: 90 items in 6 departments, described by a department and three shared words; the training shoppers
 * hop between departments at random, so collaborative and sequence signals disagree with content.
 */
const DEPARTMENTS = ['Garden', 'Kitchen', 'Toys', 'Books', 'Music', 'Sport'];
const WORDS = ['red', 'blue', 'green', 'wooden', 'steel', 'soft', 'large', 'small', 'classic', 'modern', 'travel', 'kids', 'pro', 'eco', 'retro', 'silk'];
const random = seededRandom(42);
// Descriptions share words across departments, so content similarity is graded rather than all-or-nothing.
const items: DatasetItem[] = Array.from({ length: 90 }, (_, i) => {
  const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
  const words = Array.from({ length: 3 }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
  return { id: `sku-${i}`, attributes: { title: `${dept} ${words} ${i}`, category: [dept] }, text: `${dept} ${words}`, tags: [dept] };
});
const pick = (n: number) => Math.floor(random() * n);
const users: UserSequence[] = Array.from({ length: 300 }, (_, u) => ({ userId: `u${u}`, items: Int32Array.from({ length: 6 }, () => pick(items.length)) }));
const MANIFEST = 'https://shop.example/reshelf/manifest.json';
/** A per-call configuration that ranks by one signal alone (every other weight 0), without learning. */
const only = (signal: SignalName) => ({ onlineLearning: false, weights: Object.fromEntries(SIGNAL_NAMES.map((s) => [s, s === signal ? 1 : 0])) });

let files: Map<string, Uint8Array>;
beforeAll(async () => {
  const model = buildCatalogModel(items, users);
  files = await writeBundleFiles({ ...model, popularity: { ...model.popularity!, halfLifeDays: 30, decayedTo: null }, vectorDtype: 'float32' });
});
afterEach(() => vi.unstubAllGlobals());

async function startWorker(onlineLearning?: boolean): Promise<WorkerApi> {
  vi.stubGlobal('fetch', serveFiles(files));
  const service = createWorkerService();
  const init = await service.init({ catalogUrl: MANIFEST, storage: 'memory', ...(onlineLearning === undefined ? {} : { onlineLearning }) });
  expect(init.ok).toBe(true);
  return service;
}

/** `count` widgets of 12 distinct items the shopper has not clicked (seeded). */
function widgets(clicked: ReadonlySet<string>, count: number, seed: number): string[][] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const pool = items.map((i) => i.id).filter((id) => !clicked.has(id));
    return Array.from({ length: 12 }, () => pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  });
}

/** Ranks `rounds` widgets; the shopper clicks the shown item that `follows` alone ranks first. */
async function shopperFollows(service: WorkerApi, follows: SignalName, rounds: number, seed: number): Promise<Set<string>> {
  const clicked = new Set<string>(['sku-0']);
  await service.track([{ type: 'view', itemId: 'sku-0', time: Date.now() }]);
  for (let round = 0; round < rounds; round++) {
    const [candidates] = widgets(clicked, 1, seed + round);
    const shown = await service.rank({ candidates: candidates! });
    const choice = (await service.rank({ candidates: candidates!, config: only(follows) })).items[0]!;
    expect(shown.items).toContain(choice);
    clicked.add(choice);
    await service.track([{ type: 'click', itemId: choice, time: Date.now() }]);
  }
  return clicked;
}

/**
 * Summed over held-out widgets: Spearman's footrule (sum of |position difference| per item) between the order
 * `config` shows and the order `follows` alone gives. Smaller = closer to what the shopper follows.
 */
async function distanceToFollowed(service: WorkerApi, heldOut: string[][], follows: SignalName, config?: Record<string, unknown>): Promise<number> {
  let total = 0;
  for (const candidates of heldOut) {
    const target = (await service.rank({ candidates, config: only(follows) })).items;
    const shown = (await service.rank({ candidates, ...(config ? { config } : {}) })).items;
    total += shown.reduce((sum, id, i) => sum + Math.abs(i - target.indexOf(id)), 0);
  }
  return total;
}

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
    });
  }

  it('with onlineLearning: false the ranking stays the shipped one whatever the shopper clicks', async () => {
    const service = await startWorker(false);
    const clicked = await shopperFollows(service, 'ease', 12, 7);
    const heldOut = widgets(clicked, 1, 1000)[0]!;
    const ranked = await service.rank({ candidates: heldOut });
    expect(ranked.online).toMatchObject({ enabled: false, active: false, clicks: 0 });
    // The same worker's history, ranked with learning switched off per call, is the identical list.
    expect(ranked.items).toEqual((await service.rank({ candidates: heldOut, config: { onlineLearning: false } })).items);
    expect((await service.exportData()).onlineFusion).toBeUndefined();
  });

  it('learns nothing from clicks on items it did not show, or from a malformed switch', async () => {
    const service = await startWorker();
    await service.rank({ candidates: ['sku-1', 'sku-2', 'sku-3'] });
    await service.track([{ type: 'click', itemId: 'sku-50', time: Date.now() }]);
    await service.track([{ type: 'view', itemId: 'sku-3', time: Date.now() }]);
    expect((await service.rank({ candidates: ['sku-4', 'sku-5'] })).online?.clicks).toBe(0);
    await expect(service.rank({ candidates: ['sku-4'], config: { onlineLearning: 'yes' } })).rejects.toThrow(/onlineLearning/);
  });
});
