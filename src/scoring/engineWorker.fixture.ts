// Test fixture (not shipped): runs the engine inside a module worker, the way the reshelf worker does, and
// posts back the choice and the top 50 of one query. Used by engineInWorker.browser.test.ts.
import { createScoringEngine, memoryChoiceCache } from './index.js';
import { quantiseTable } from './quantise.js';
import { gaussianArray, syntheticFloat32Table } from './syntheticTable.js';

self.onmessage = async (event: MessageEvent<{ count: number; dim: number; int8: boolean }>) => {
  try {
    const { count, dim, int8 } = event.data;
    const float = syntheticFloat32Table(count, dim, 21);
    const table = int8 ? quantiseTable(float) : float;
    const cache = memoryChoiceCache();
    const engine = createScoringEngine({ cache, budget: { passes: 3, timedMs: 200, startMs: 20_000 } });
    const query = gaussianArray(dim, 22);
    const [top] = await engine.topK({ table, queries: query, k: 50 });
    const choice = engine.choiceFor(table);
    postMessage({ ok: true, choice, indices: Array.from(top!.indices), cached: [...cache.records.values()], hasDocument: typeof document !== 'undefined' });
    engine.dispose();
  } catch (error) {
    postMessage({ ok: false, error: String(error) });
  }
};
