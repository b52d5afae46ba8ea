import { expect, vi } from 'vitest';
import type { DatasetItem, UserSequence } from '../datasets/dataset.js';
import { buildCatalogModel } from '../training/buildCatalogModel.js';
import { seededRandom } from '../training/random.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { serveFiles } from '../catalog/testing/bundleFixtures.js';
import { SIGNAL_NAMES, type SignalName } from '../signals/registry.js';
import { createWorkerService } from './workerService.js';
import type { WorkerApi, WorkerInitOptions } from './contract.js';

/**
 * Shared by the worker-level tests of online learning (node: onlineFusion.test.ts; Chromium with IndexedDB:
 * onlineFusion.browser.test.ts): a catalog bundle and a simulated shopper who only clicks what one signal
 * ranks first among the shown items.
 * Catalog: 90 items in 6 departments, described by a department and three shared words; the training shoppers
 * hop between departments at random, so collaborative and sequence signals disagree with content.
 */
const DEPARTMENTS = ['Garden', 'Kitchen', 'Toys', 'Books', 'Music', 'Sport'];
const WORDS = ['red', 'blue', 'green', 'wooden', 'steel', 'soft', 'large', 'small', 'classic', 'modern', 'travel', 'kids', 'pro', 'eco', 'retro', 'silk'];
const random = seededRandom(42);
// Descriptions share words across departments, so content similarity is graded rather than all-or-nothing.
export const items: DatasetItem[] = Array.from({ length: 90 }, (_, i) => {
  const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
  const words = Array.from({ length: 3 }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
  return { id: `sku-${i}`, attributes: { title: `${dept} ${words} ${i}`, category: [dept] }, text: `${dept} ${words}`, tags: [dept] };
});
const pick = (n: number) => Math.floor(random() * n);
const users: UserSequence[] = Array.from({ length: 300 }, (_, u) => ({ userId: `u${u}`, items: Int32Array.from({ length: 6 }, () => pick(items.length)) }));
const MANIFEST = 'https://shop.example/reshelf/manifest.json';

/** A per-call configuration that ranks by one signal alone (every other weight 0), without learning. */
export const only = (signal: SignalName) => ({ onlineLearning: false, weights: Object.fromEntries(SIGNAL_NAMES.map((s) => [s, s === signal ? 1 : 0])) });

let files: Promise<Map<string, Uint8Array>> | undefined;
function bundleFiles(): Promise<Map<string, Uint8Array>> {
  files ??= (async () => {
    const model = buildCatalogModel(items, users);
    return writeBundleFiles({ ...model, popularity: { ...model.popularity!, halfLifeDays: 30, decayedTo: null }, vectorDtype: 'float32' });
  })();
  return files;
}

/** A worker service (in this thread, as the tests call it) initialised on the test bundle; fetch is stubbed. */
export async function startWorker(options: Partial<WorkerInitOptions> = {}): Promise<WorkerApi> {
  vi.stubGlobal('fetch', serveFiles(await bundleFiles()));
  const service = createWorkerService();
  const init = await service.init({ catalogUrl: MANIFEST, storage: 'memory', ...options });
  expect(init.ok).toBe(true);
  return service;
}

/** `count` widgets of 12 distinct items the shopper has not clicked (seeded). */
export function widgets(clicked: ReadonlySet<string>, count: number, seed: number): string[][] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const pool = items.map((i) => i.id).filter((id) => !clicked.has(id));
    return Array.from({ length: 12 }, () => pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  });
}

/** Ranks `rounds` widgets; the shopper clicks the shown item that `follows` alone ranks first. Returns the clicked ids. */
export async function shopperFollows(service: WorkerApi, follows: SignalName, rounds: number, seed: number): Promise<Set<string>> {
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
export async function distanceToFollowed(service: WorkerApi, heldOut: string[][], follows: SignalName, config?: Record<string, unknown>): Promise<number> {
  let total = 0;
  for (const candidates of heldOut) {
    const target = (await service.rank({ candidates, config: only(follows) })).items;
    const shown = (await service.rank({ candidates, ...(config ? { config } : {}) })).items;
    total += shown.reduce((sum, id, i) => sum + Math.abs(i - target.indexOf(id)), 0);
  }
  return total;
}
