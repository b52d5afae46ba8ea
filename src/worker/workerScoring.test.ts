import { describe, expect, it } from 'vitest';
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

const model: CatalogModel = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles(syntheticRankingBundle(800))) });
const budget = { passes: 2, timedMs: 20, startMs: 2_000 };
/** Tests wait for the choice (the shipped worker waits 500 ms, then lets it finish in the background). */
const chooseWaitMs = 60_000;
const candidates = Array.from({ length: 30 }, (_, i) => `p${i * 13}`);
const cfKey = choiceKey(model.cf!, currentBrowser());
const events = [{ itemId: 'p3', type: 'click' as const, time: 1 }, { itemId: 'p91', type: 'view' as const, time: 2 }];

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
});
