import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { MANIFEST_URL, serveFiles } from '../catalog/testing/bundleFixtures.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { rankCandidates, rankCandidatesBatched } from '../ranking/rankCandidates.js';
import { syntheticRankingBundle } from '../ranking/testing/syntheticRankingBundle.js';
import { choiceKey, currentBrowser } from '../scoring/choiceCache.js';
import type { BackendFactories } from '../scoring/engine.js';
import { createJsBackend } from '../scoring/jsBackend.js';
import type { BackendName, ScoringBackend } from '../scoring/types.js';
import { MemoryEventStore } from '../storage/memoryEventStore.js';
import { createWorkerScoring } from './workerScoring.js';
import { createWorkerService } from './workerService.js';
import type { WorkerStatusUpdate } from './contract.js';

const model: CatalogModel = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles(syntheticRankingBundle(800))) });
const budget = { passes: 2, timedMs: 20, startMs: 2_000 };
/** Tests wait for the choice (the shipped worker waits 500 ms, then lets it finish in the background). */
const chooseWaitMs = 60_000;
const candidates = Array.from({ length: 30 }, (_, i) => `p${i * 13}`);
const cfKey = choiceKey(model.cf!, currentBrowser());
const events = [{ itemId: 'p3', type: 'click' as const, time: 1 }, { itemId: 'p91', type: 'view' as const, time: 2 }];

/** A promise and its resolve (Node 20 has no Promise.withResolvers). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A correct backend named `name`, optionally broken from its `failFrom`-th pass on. */
function backend(name: BackendName, failFrom = Infinity): () => Promise<ScoringBackend> {
  return async () => {
    const js = createJsBackend();
    let calls = 0;
    return { ...js, name, scoreAll: async (t, q, n, s) => (++calls >= failFrom ? Promise.reject(new Error(`${name} broke`)) : js.scoreAll(t, q, n, s)) };
  };
}

describe('worker scoring (engine for the catalog tables)', () => {
  it('measures on load, keeps the choice in the store\'s meta records, and reads it back on the next load', async () => {
    const store = new MemoryEventStore();
    const factories: BackendFactories = { simd: backend('simd'), js: backend('js') };
    const first = createWorkerScoring({ factories, budget, chooseWaitMs });
    await first.load(model, store);
    expect(first.ready(model)).toBe(true);
    expect(first.status()).toMatchObject({ source: 'measured', dropped: [] });
    expect(await store.getMeta(cfKey)).toMatchObject({ backend: first.status()!.backend, catalogVersion: model.version });
    const second = createWorkerScoring({ factories, budget, chooseWaitMs });
    await second.load(model, store);
    expect(second.status()).toMatchObject({ source: 'cache', backend: first.status()!.backend, timings: first.status()!.timings });
  });

  it('after forget() it stops writing the choice (a write would recreate the deleted database)', async () => {
    const store = new MemoryEventStore();
    const scoring = createWorkerScoring({ factories: { js: backend('js') }, budget, chooseWaitMs });
    scoring.stopPersisting();
    await scoring.load(model, store);
    expect(scoring.status()?.source).toBe('measured');
    expect(await store.getMeta(cfKey)).toBeUndefined();
    const again = createWorkerScoring({ factories: { js: backend('js') }, budget, chooseWaitMs });
    await again.load(model, store);
    expect(again.status()?.source).toBe('measured');
  });

  it('a forced backend that breaks while ranking is dropped and reported; the next backend serves the same ranking', async () => {
    const scoring = createWorkerScoring({ factories: { simd: backend('simd', 3), js: backend('js') }, force: 'simd', budget, chooseWaitMs });
    await scoring.load(model, new MemoryEventStore());
    expect(scoring.status()).toMatchObject({ backend: 'simd', source: 'forced' });
    const before = scoring.dropCount();
    const ranked = await rankCandidatesBatched(model, events, { candidates }, scoring.scoreBatch);
    expect(ranked.items).toEqual(rankCandidates(model, events, { candidates }).items);
    expect(scoring.dropsSince(before)).toEqual([{ backend: 'simd', reason: expect.stringContaining('simd broke') }]);
    expect(scoring.noteRank(1.5)).toMatchObject({ backend: 'js', lastRankMs: 1.5, dropped: [{ backend: 'simd' }] });
  });

  it('with every backend broken, rankings fall back to the plain loop and the status says so', async () => {
    const scoring = createWorkerScoring({ factories: { js: backend('js', 3) }, budget, chooseWaitMs });
    await scoring.load(model, new MemoryEventStore());
    const ranked = await rankCandidatesBatched(model, events, { candidates }, scoring.scoreBatch);
    expect(ranked.items).toEqual(rankCandidates(model, events, { candidates }).items);
    expect(scoring.ready(model)).toBe(false);
    expect(scoring.status()).toMatchObject({ backend: 'js', dropped: [{ backend: 'js' }] });
  });

  it('reports `measuring` while the choice is timed in the background and `chosen` once it settles', async () => {
    const gate = deferred();
    const slow = () => gate.promise.then(() => backend('js')());
    const scoring = createWorkerScoring({ factories: { js: slow }, budget, chooseWaitMs: 0 });
    await scoring.load(model, new MemoryEventStore());
    expect([scoring.state(), scoring.status(), scoring.ready(model)]).toEqual(['measuring', undefined, false]);
    gate.resolve();
    await scoring.measured();
    expect(scoring.state()).toBe('chosen');
    expect(scoring.status()).toMatchObject({ backend: 'js', source: 'measured' });
    expect(scoring.ready(model)).toBe(true);
  });

  it('says `none` for a catalog without vector tables: nothing to measure, nothing to score on an engine', async () => {
    const scoring = createWorkerScoring({ factories: { js: backend('js') }, budget, chooseWaitMs: 0 });
    const plain: CatalogModel = { ...model, cf: undefined, content: undefined, prototypes: undefined, sequenceModel: undefined };
    await scoring.load(plain, new MemoryEventStore());
    await scoring.measured();
    expect([scoring.state(), scoring.status(), scoring.ready(plain)]).toEqual(['none', undefined, false]);
  });
});

describe('worker status updates (the page learns of a finished measurement without ranking)', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function startService(bundle: Parameters<typeof writeBundleFiles>[0], factories: BackendFactories) {
    vi.stubGlobal('fetch', serveFiles(await writeBundleFiles(bundle)));
    const updates: WorkerStatusUpdate[] = [];
    const notified = deferred();
    const service = createWorkerService({ scoring: { factories, budget, chooseWaitMs: 0 }, notify: (update) => (updates.push(update), notified.resolve()) });
    const init = await service.init({ catalogUrl: MANIFEST_URL, storage: 'memory' });
    return { service, init, updates, notified: notified.promise };
  }

  it('init says `measuring`; when the measurement finishes the worker notifies the chosen backend once', async () => {
    const gate = deferred();
    const { init, updates, notified } = await startService(syntheticRankingBundle(300), { js: () => gate.promise.then(() => backend('js')()) });
    expect(init).toMatchObject({ ok: true, scoringState: 'measuring' });
    expect(init.ok && init.scoring).toBeFalsy();
    expect(updates).toEqual([]);
    gate.resolve();
    await notified;
    expect(updates).toEqual([{ scoringState: 'chosen', scoring: expect.objectContaining({ backend: 'js', source: 'measured' }) }]);
  });

  it('a bundle without vectors is `none` at init, with nothing left to notify', async () => {
    const { cf: _cf, content: _content, prototypes: _prototypes, ...plain } = syntheticRankingBundle(300);
    const { service, init, updates } = await startService(plain, { js: backend('js') });
    expect(init).toMatchObject({ ok: true, scoringState: 'none' });
    expect(init.ok && init.scoring).toBeFalsy();
    await service.rank({ candidates: ['p1', 'p2', 'p3'] });
    expect(updates).toEqual([]);
  });
});
