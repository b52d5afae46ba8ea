import { describe, expect, it } from 'vitest';
import { openReshelfDb } from '../storage/openReshelfDb.js';
import { choiceKey } from './choiceCache.js';
import { createScoringEngineWith } from './engine.js';
import { cpuBackendFactories } from './cpuBackendFactories.js';
import { metaStoreChoiceCache } from './metaStoreChoiceCache.js';
import { syntheticFloat32Table } from './syntheticTable.js';

describe('backend choice cached in the reshelf IndexedDB meta store', () => {
  it('stores the measured choice and a new engine (a reload) reuses it without measuring', async () => {
    const db = await openReshelfDb(`reshelf-choice-test-${Math.random()}`);
    const cache = metaStoreChoiceCache(db);
    const table = syntheticFloat32Table(3_000, 16, 1);
    const budget = { passes: 2, timedMs: 50, startMs: 5_000 };
    const first = await createScoringEngineWith(cpuBackendFactories, { cache, budget }).choose(table);
    expect(first.source).toBe('measured');
    const row = await db.get('meta', choiceKey(table, navigator.userAgent));
    expect(row?.value).toMatchObject({ backend: first.backend, timings: first.timings });

    const second = await createScoringEngineWith(cpuBackendFactories, { cache, budget }).choose(table);
    expect(second).toMatchObject({ source: 'cache', backend: first.backend });

    // A malformed row reads as absent: the engine measures again instead of trusting it.
    await db.put('meta', { key: first.key, value: { backend: 'quantum' } });
    expect(await cache.get(first.key)).toBeUndefined();
    expect((await createScoringEngineWith(cpuBackendFactories, { cache, budget }).choose(table)).source).toBe('measured');
    db.close();
  });
});
