import { afterAll, describe, expect, it, vi } from 'vitest';
import { releaseProxy, wrap } from 'comlink';
import type { StoredEvent } from '../api/events.js';
import { createReshelf } from '../api/createReshelf.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { serveFiles } from '../catalog/testing/bundleFixtures.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { rankCandidates } from '../ranking/rankCandidates.js';
import { syntheticRankingBundle } from '../ranking/testing/syntheticRankingBundle.js';
import { deleteReshelfDatabase } from '../storage/forgetEverything.js';
import type { WorkerApi, WorkerInitOptions, WorkerRankOutput } from './contract.js';
import type { ScoringProbe } from './testing/scoringWorker.fixture.js';

/**
 * The scoring engine inside the real reshelf worker (module worker, real Chromium, WebGL/WebGPU on SwiftShader):
 * the vector signals of a ranking are scored by the chosen backend, the ranking equals the page-side sync
 * path's, the choice is cached per browser + table shape in IndexedDB and re-measured for a new catalog, a
 * forced backend is honoured, tfjs leaks no tensors, and a GPU lost in the middle of a ranking is dropped while
 * the next backend answers the same ranking.
 */
const ITEMS = 3_000;
const bundleUrl = (seed: number) => `https://bundles.test/${ITEMS}/${seed}/manifest.json`;
const candidates = Array.from({ length: 48 }, (_, i) => `p${(i * 61) % ITEMS}`);
const history: StoredEvent[] = [5, 77, 1_204, 77, 2_950, 640, 13].map((i, t) => ({ itemId: `p${i}`, type: t % 2 ? 'click' : 'view', time: Date.UTC(2026, 9, 1) + 60_000 * t }));
/** Online fusion learning off for the call, so the worker's weights are the bundle's, as in the reference. */
const rankInput = { candidates, config: { onlineLearning: false } };
const databases: string[] = [];

type FixtureApi = WorkerApi & { probe(): ScoringProbe };

function fixtureWorker(name = ''): Worker {
  return new Worker(new URL('./testing/scoringWorker.fixture.ts', import.meta.url), { type: 'module', name });
}

async function startFixture(options: Partial<WorkerInitOptions> & { seed?: number } = {}) {
  const worker = fixtureWorker();
  const api = wrap<FixtureApi>(worker);
  const dbName = options.dbName ?? `reshelf-scoring-test-${databases.length}-${Math.random().toString(36).slice(2)}`;
  databases.push(dbName);
  const { seed = 1, ...init } = options;
  const result = await api.init({ catalogUrl: bundleUrl(seed), storage: 'indexeddb', dbName, ...init });
  const close = () => {
    api[releaseProxy]();
    worker.terminate();
  };
  return { api, result, dbName, close };
}

const models = new Map<number, Promise<CatalogModel>>();
/** The same bundle the worker serves, loaded on the page for the synchronous reference ranking. */
function referenceModel(seed = 1): Promise<CatalogModel> {
  let model = models.get(seed);
  if (!model) models.set(seed, (model = writeBundleFiles(syntheticRankingBundle(ITEMS, { seed })).then((files) => loadBundle(bundleUrl(seed), { fetch: serveFiles(files) }))));
  return model;
}

async function expectSameRanking(ranked: Pick<WorkerRankOutput, 'items' | 'scores'>, events: StoredEvent[], seed = 1): Promise<void> {
  const reference = rankCandidates(await referenceModel(seed), events, { candidates, config: {} });
  expect(ranked.items).toEqual(reference.items);
  // Scores agree to float32 rounding of the backend's arithmetic (the plain loop accumulates in float64).
  // (int8 tables on the SIMD backend also round the query to 15 bits): relative 1e-4.
  ranked.scores.forEach((score, i) => expect(Math.abs(score - reference.scores[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(reference.scores[i]!))));
}

afterAll(async () => {
  await Promise.all(databases.map((name) => deleteReshelfDatabase(name)));
});

describe('scoring engine in the reshelf worker (real Chromium)', () => {
  it('measures on first load, scores rankings on the chosen backend (equal to the sync path), reuses the cached choice, re-measures a new catalog', { timeout: 240_000 }, async () => {
    const first = await startFixture();
    expect(first.result.ok).toBe(true);
    const measured = first.result.ok ? first.result.scoring : undefined;
    expect(measured?.source).toBe('measured');
    const numeric = Object.entries(measured!.timings).filter(([, t]) => typeof t === 'number') as [string, number][];
    expect(numeric.length, JSON.stringify(measured!.timings)).toBeGreaterThanOrEqual(2);
    expect(measured!.backend).toBe(numeric.sort((a, b) => a[1] - b[1])[0]![0]);

    await first.api.track(history);
    const before = await first.api.probe();
    const ranked = await first.api.rank(rankInput);
    const after = await first.api.probe();
    await expectSameRanking(ranked, history);
    // The engine computed this ranking's vector products in one pass per table (content; CF and prototypes
    // together), the CF table's on the reported backend (the content table has its own shape and choice).
    const total = (p: ScoringProbe) => Object.values(p.passes).reduce((a, b) => a + b, 0);
    expect(total(after) - total(before)).toBe(2);
    expect((after.passes[measured!.backend] ?? 0) - (before.passes[measured!.backend] ?? 0)).toBeGreaterThanOrEqual(1);
    expect(ranked.scoring).toMatchObject({ backend: measured!.backend, source: 'measured', lastRankMs: ranked.workerMs });
    first.close();

    // Second visit, same browser and catalog: the choice comes from IndexedDB, nothing is timed again.
    const second = await startFixture({ dbName: first.dbName });
    const cached = second.result.ok ? second.result.scoring : undefined;
    expect(cached).toMatchObject({ backend: measured!.backend, source: 'cache', timings: measured!.timings });
    const passesAtStart = (await second.api.probe()).passes;
    // Only the warm-up pass per table (2 tables), no measurement passes (3+ per backend).
    expect(Object.values(passesAtStart).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
    second.close();

    // A new catalog version with the same table shapes: measured again.
    const third = await startFixture({ dbName: first.dbName, seed: 2 });
    expect(third.result.ok && third.result.scoring?.source).toBe('measured');
    third.close();
  });

  it('honours a forced backend, ranks equal to the sync path, and leaks no tensors', { timeout: 120_000 }, async () => {
    const { api, result, close } = await startFixture({ backend: 'cpu' });
    expect(result.ok && result.scoring).toMatchObject({ backend: 'cpu', source: 'forced', timings: {}, dropped: [] });
    await api.track(history);
    const before = await api.probe();
    const first = await api.rank(rankInput);
    await api.rank({ ...rankInput, context: ['p42'] });
    await api.rank({ candidates, config: { onlineLearning: false, method: 'rrf' } });
    const after = await api.probe();
    await expectSameRanking(first, history);
    expect(after.passes.cpu! - before.passes.cpu!).toBeGreaterThanOrEqual(6);
    // Every tensor of a ranking pass is released: only the uploaded tables remain, as before.
    expect(after.numTensors).toBe(before.numTensors);
    expect(before.numTensors).toBeGreaterThan(0);
    close();
  });

  it('a measurement that outlasts start-up finishes in the background, and status() shows it without a ranking', { timeout: 240_000 }, async () => {
    const dbName = `reshelf-scoring-background-${Date.now()}`;
    databases.push(dbName);
    // A catalog seen nowhere else (seed 3), a new database: nothing cached, every backend is timed.
    const reshelf = createReshelf({ catalog: bundleUrl(3), dbName, createWorker: () => fixtureWorker('background'), timeoutMs: 60_000 });
    try {
      const status = await reshelf.ready;
      expect(status).toMatchObject({ state: 'ready', scoringState: 'measuring' });
      expect(status.state === 'ready' && status.scoring).toBeFalsy();
      // No rank() call from here on: the worker's status message alone brings the result.
      await expect.poll(() => { const now = reshelf.status(); return now.state === 'ready' && now.scoringState; }, { timeout: 200_000, interval: 200 }).toBe('chosen');
      const after = reshelf.status();
      expect(after.state === 'ready' && after.scoring).toMatchObject({ source: 'measured' });
      expect(after.state === 'ready' && after.scoring && after.scoring.lastRankMs).toBeUndefined();
    } finally {
      reshelf.close();
    }
  });

  for (const backend of ['webgl', 'webgpu'] as const) {
    it(`${backend} loses its device in the middle of a ranking: the next backend answers it, the status reports the drop, one warning`, { timeout: 120_000 }, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const dbName = `reshelf-scoring-lost-${backend}-${Date.now()}`;
      databases.push(dbName);
      const worker = fixtureWorker(`lose:${backend}`);
      const probe = wrap<FixtureApi>(worker);
      const reshelf = createReshelf({ catalog: bundleUrl(1), dbName, backend, createWorker: () => worker, timeoutMs: 60_000 });
      try {
        const status = await reshelf.ready;
        expect(status.state === 'ready' && status.scoring).toMatchObject({ backend, source: 'forced', dropped: [] });
        for (const event of history) reshelf.track(event);
        await reshelf.flush();
        const passesBefore = (await probe.probe()).passes[backend] ?? 0;
        const outcome = await reshelf.rank(candidates, { config: { onlineLearning: false } });
        expect(outcome.reason).toBeUndefined();
        expect((await probe.probe()).passes[backend]).toBe(passesBefore + 1);
        await expectSameRanking({ items: outcome.items, scores: outcome.scores! }, (await reshelf.exportData()).events);
        const after = reshelf.status();
        expect(after.state === 'ready' && after.scoring?.dropped).toEqual([{ backend, reason: expect.stringMatching(/SCORING_/) }]);
        expect(after.state === 'ready' && after.scoring?.backend).not.toBe(backend);
        expect(after.state === 'ready' && after.scoring?.lastRankMs).toBe(outcome.workerMs);
        expect(warn.mock.calls.filter(([text]) => String(text).includes(`scoring backend ${backend}`))).toHaveLength(1);
        // The next ranking is served by the fallback without another warning.
        await reshelf.rank(candidates, { config: { onlineLearning: false } });
        expect(warn.mock.calls.filter(([text]) => String(text).includes('scoring backend'))).toHaveLength(1);
      } finally {
        warn.mockRestore();
        probe[releaseProxy]();
        reshelf.close();
      }
    });
  }
});
