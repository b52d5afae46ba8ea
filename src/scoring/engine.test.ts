import { describe, expect, it, vi } from 'vitest';
import { memoryChoiceCache } from './choiceCache.js';
import { createScoringEngineWith, type BackendFactories } from './engine.js';
import { createJsBackend } from './jsBackend.js';
import { referenceTopK } from './referenceTopK.js';
import { ScoringError } from './scoringError.js';
import { gaussianArray, syntheticFloat32Table } from './syntheticTable.js';
import type { BackendName, ScoringBackend } from './types.js';

const table = syntheticFloat32Table(2_000, 16, 5);
const query = gaussianArray(16, 6);
const expected = Array.from(referenceTopK(table, query, 10).indices);
const budget = { passes: 2, timedMs: 50, startMs: 2_000 };

/** A backend named `name` that scores correctly with the js kernels, optionally slowed or sabotaged. */
function fake(name: BackendName, behaviour: { delayMs?: number; failAfter?: number; mode?: 'throw' | 'nan' | 'lost' } = {}): ScoringBackend {
  const js = createJsBackend();
  let calls = 0;
  let lost = false;
  return {
    name,
    get lost() {
      return lost;
    },
    async scoreAll(t, q, n, scratch) {
      calls++;
      if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
      const { scores: out } = await js.scoreAll(t, q, n, scratch);
      if (behaviour.failAfter !== undefined && calls > behaviour.failAfter) {
        if (behaviour.mode === 'throw') throw new Error('kernel exploded');
        if (behaviour.mode === 'nan') out[3] = Number.NaN;
        if (behaviour.mode === 'lost') lost = true;
      }
      return { scores: out };
    },
    release: vi.fn(),
    dispose: vi.fn(),
  };
}

describe('scoring engine: choice by measurement, cache, force, fallback', () => {
  it('measures, picks the fastest, stores the record, and reuses it from the cache', async () => {
    const cache = memoryChoiceCache();
    const factories: BackendFactories = { js: async () => fake('js', { delayMs: 15 }), simd: async () => fake('simd') };
    const engine = createScoringEngineWith(factories, { cache, budget, browser: 'test' });
    const [top] = await engine.topK({ table, queries: query, k: 10 });
    expect(Array.from(top!.indices)).toEqual(expected);
    const choice = engine.choiceFor(table)!;
    expect(choice).toMatchObject({ backend: 'simd', source: 'measured', order: ['simd', 'js'] });
    expect(typeof choice.timings.js).toBe('number');
    expect(cache.records.get(choice.key)).toMatchObject({ backend: 'simd' });
    expect(choice.key).toContain('float32|2000x16');

    const again = createScoringEngineWith(factories, { cache, budget, browser: 'test' });
    expect(await again.choose(table)).toMatchObject({ backend: 'simd', source: 'cache' });
    // A new catalog version re-checks.
    expect((await again.choose(table, { catalogVersion: 'v2' })).source).toBe('measured');
  });

  it('keeps only the winner\'s copy of the table after measuring', async () => {
    const slow = fake('js', { delayMs: 15 });
    const quick = fake('simd');
    const engine = createScoringEngineWith({ simd: async () => quick, js: async () => slow }, { budget });
    await engine.choose(table);
    expect(slow.release).toHaveBeenCalledWith(table);
    expect(quick.release).not.toHaveBeenCalled();
  });

  it('honours force without measuring', async () => {
    const engine = createScoringEngineWith({ js: async () => fake('js'), simd: async () => fake('simd') }, { force: 'js', budget });
    await engine.topK({ table, queries: query, k: 10 });
    expect(engine.lastChoice).toMatchObject({ backend: 'js', source: 'forced', timings: {} });
  });

  it('drops a backend that fails to start', async () => {
    const onBackendDropped = vi.fn();
    const engine = createScoringEngineWith(
      { simd: async () => Promise.reject(new ScoringError('SCORING_BACKEND_INIT_FAILED', 'no SIMD')), js: async () => fake('js') },
      { budget, onBackendDropped },
    );
    await engine.topK({ table, queries: query, k: 10 });
    expect(engine.lastChoice?.backend).toBe('js');
    expect(engine.lastChoice?.timings.simd).toEqual({ error: 'SCORING_BACKEND_INIT_FAILED: no SIMD' });
    expect(onBackendDropped).toHaveBeenCalledWith('simd', expect.stringContaining('no SIMD'));
  });

  for (const mode of ['throw', 'nan', 'lost'] as const) {
    it(`serves the same request from the next backend when the chosen one ${mode === 'throw' ? 'throws' : mode === 'nan' ? 'returns NaN' : 'loses its device'}`, async () => {
      // Measurement uses 1 warm-up + 2 timed passes; the sabotage starts on the first real request.
      const broken = fake('simd', { failAfter: 3, mode });
      const engine = createScoringEngineWith({ simd: async () => broken, js: async () => fake('js', { delayMs: 15 }) }, { budget });
      const [top] = await engine.topK({ table, queries: query, k: 10 });
      expect(Array.from(top!.indices)).toEqual(expected);
      const choice = engine.lastChoice!;
      expect(choice.backend).toBe('js');
      expect(choice.dropped.map((d) => d.backend)).toEqual(['simd']);
      expect(choice.dropped[0]!.reason).toMatch(mode === 'throw' ? /kernel exploded/ : mode === 'nan' ? /SCORING_NON_FINITE/ : /SCORING_CONTEXT_LOST/);
      expect(broken.dispose).toHaveBeenCalled();
    });
  }

  it('reports bad requests without dropping anything, and SCORING_NO_BACKEND when all fail', async () => {
    const engine = createScoringEngineWith({ js: async () => fake('js', { failAfter: 3, mode: 'throw' }) }, { budget });
    await expect(engine.topK({ table, queries: new Float32Array(5), k: 10 })).rejects.toMatchObject({ code: 'SCORING_BAD_REQUEST' });
    await expect(engine.topK({ table, queries: query, k: 10 })).rejects.toMatchObject({ code: 'SCORING_NO_BACKEND' });
  });

  it('scores: every row for several queries in one pass, query-major, equal to the plain loops', async () => {
    const engine = createScoringEngineWith({ simd: async () => fake('simd'), js: async () => fake('js', { delayMs: 15 }) }, { budget });
    const queries = new Float32Array(3 * 16);
    queries.set(query, 0);
    queries.set(gaussianArray(16, 7), 16);
    queries.set(gaussianArray(16, 8), 32);
    const scores = await engine.scores({ table, queries });
    const expectedScores = new Float32Array(3 * table.count);
    await createJsBackend().scoreAll(table, queries, 3, expectedScores);
    expect(scores).toEqual(expectedScores);
    // A fresh array each time: a later pass does not overwrite an earlier answer.
    const again = await engine.scores({ table, queries: query });
    expect(again.length).toBe(table.count);
    expect(scores).toEqual(expectedScores);
  });

  for (const mode of ['throw', 'nan', 'lost'] as const) {
    it(`scores: the next backend answers the same pass when the chosen one ${mode === 'throw' ? 'throws' : mode === 'nan' ? 'returns NaN' : 'loses its device'}`, async () => {
      const broken = fake('simd', { failAfter: 3, mode });
      const engine = createScoringEngineWith({ simd: async () => broken, js: async () => fake('js', { delayMs: 15 }) }, { budget });
      const scores = await engine.scores({ table, queries: query });
      const expectedScores = new Float32Array(table.count);
      await createJsBackend().scoreAll(table, query, 1, expectedScores);
      expect(scores).toEqual(expectedScores);
      expect(engine.lastChoice).toMatchObject({ backend: 'js', dropped: [{ backend: 'simd' }] });
    });
  }

  it('a non-finite query is the caller\'s error: rejected, and no backend is dropped', async () => {
    const onBackendDropped = vi.fn();
    const engine = createScoringEngineWith({ js: async () => fake('js') }, { budget, onBackendDropped });
    const bad = Float32Array.from(query);
    bad[2] = Number.NaN;
    await expect(engine.scores({ table, queries: bad })).rejects.toMatchObject({ code: 'SCORING_BAD_REQUEST' });
    await expect(engine.topK({ table, queries: bad, k: 5 })).rejects.toMatchObject({ code: 'SCORING_BAD_REQUEST' });
    expect(await engine.scores({ table, queries: query })).toHaveLength(table.count);
    expect(onBackendDropped).not.toHaveBeenCalled();
  });
});
