import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import type { CatalogModel, VectorTable } from '../catalog/catalogModel.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { MANIFEST_URL, serveFiles } from '../catalog/testing/bundleFixtures.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { computeSignals } from '../fusion/rankCatalog.js';
import { mergeFusionConfig } from '../fusion/loadConfig.js';
import { createJsBackend } from '../scoring/jsBackend.js';
import type { ShopperHistory } from '../signals/history.js';
import { plainScoreItemVectors, withVectorScorer } from '../signals/scoreItemVectors.js';
import { computeSignalsBatched, type BatchVectorScorer } from './batchedVectorScores.js';
import { rankCandidates, rankCandidatesBatched } from './rankCandidates.js';
import { toShopperHistory } from './shopperHistory.js';
import { ALL_SIGNALS_CONFIG, syntheticRankingBundle } from './testing/syntheticRankingBundle.js';

const model: CatalogModel = await loadBundle(MANIFEST_URL, { fetch: serveFiles(await writeBundleFiles(syntheticRankingBundle(1_500))) });
const config = mergeFusionConfig(ALL_SIGNALS_CONFIG);
const events: StoredEvent[] = [3, 17, 256, 17, 901, 44].map((i, t) => ({ itemId: `p${i}`, type: t % 3 === 0 ? 'view' : 'click', time: 1_000 * t }));
const shopper = toShopperHistory(model, events);
const candidates = Array.from({ length: 40 }, (_, i) => `p${(i * 37) % 1_500}`);

/** The sync path with its queries rounded to float32, as every engine backend receives them. */
function syncWithFloat32Queries(history: ShopperHistory) {
  return withVectorScorer((table, query, out) => plainScoreItemVectors(table, Float32Array.from(query), out), () => computeSignals(model, history, config));
}

/** Answers each query with the plain loop (exactly the sync path's numbers), recording the calls. */
function plainBatch(calls: { table: VectorTable; queries: number }[]): BatchVectorScorer {
  return async (table, queries) => {
    const count = queries.length / table.dim;
    calls.push({ table, queries: count });
    const out = new Float32Array(count * table.count);
    for (let q = 0; q < count; q++) plainScoreItemVectors(table, queries.subarray(q * table.dim, (q + 1) * table.dim), out.subarray(q * table.count, (q + 1) * table.count));
    return out;
  };
}

/** The engine's own JS backend: float32 queries, a different summation order (what the worker really runs). */
const jsBackendBatch: BatchVectorScorer = async (table, queries) => {
  const count = queries.length / table.dim;
  return (await createJsBackend().scoreAll(table, queries, count, new Float32Array(count * table.count))).scores.slice();
};

describe('computeSignalsBatched: the vector signals scored in batches, one pass per table', () => {
  it('equals computeSignals exactly when the batch scorer computes what the plain loop does (float32 queries)', async () => {
    const calls: { table: VectorTable; queries: number }[] = [];
    const batched = await computeSignalsBatched(model, shopper, config, plainBatch(calls));
    const sync = syncWithFloat32Queries(shopper);
    expect([...batched.keys()]).toEqual([...sync.keys()]);
    for (const [name, scores] of sync) expect(batched.get(name), name).toEqual(scores);
    // CF and prototypes share the CF table: one pass with two queries; content gets its own.
    expect(calls.map((c) => [c.table === model.cf ? 'cf' : c.table === model.content ? 'content' : '?', c.queries])).toEqual([
      ['content', 1],
      ['cf', 2],
    ]);
  });

  it('covers the cold-start context path (content similarity to the page item)', async () => {
    const cold = toShopperHistory(model, [], ['p12']);
    const calls: { table: VectorTable; queries: number }[] = [];
    const batched = await computeSignalsBatched(model, cold, config, plainBatch(calls));
    expect(calls).toHaveLength(1);
    for (const [name, scores] of syncWithFloat32Queries(cold)) expect(batched.get(name), name).toEqual(scores);
  });

  it('falls back to the plain loop when the batch scorer fails: same scores as the sync path', async () => {
    const batched = await computeSignalsBatched(model, shopper, config, async () => Promise.reject(new Error('no backend')));
    for (const [name, scores] of computeSignals(model, shopper, config)) expect(batched.get(name), name).toEqual(scores);
  });

  it('with float32 engine arithmetic: scores within float32 rounding, same ranking of the widget', async () => {
    const batched = await computeSignalsBatched(model, shopper, config, jsBackendBatch);
    for (const [name, scores] of computeSignals(model, shopper, config)) {
      const got = batched.get(name)!;
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < scores!.length; i++) {
        worst = Math.max(worst, Math.abs(got[i]! - scores![i]!));
        scale = Math.max(scale, Math.abs(scores![i]!));
      }
      expect(worst, name).toBeLessThanOrEqual(1e-5 * scale);
    }
    const sync = rankCandidates(model, events, { candidates });
    const viaEngine = await rankCandidatesBatched(model, events, { candidates }, jsBackendBatch);
    expect(viaEngine.items).toEqual(sync.items);
    expect(viaEngine.explanations).toEqual(sync.explanations);
  });
});
