/**
 * reshelf scoring engine: top-k of query vectors against an item VectorTable, on the fastest backend this
 * device has. Runs inside the worker (never on the main thread).
 *
 * API
 *   const engine = createScoringEngine({ force?, cache?, candidates?, budget?, onBackendDropped? });
 *   const [top] = await engine.topK({ table, queries, k: 50, exclude?, metric?: 'dot' | 'cosine' });
 *     // one { indices: Int32Array, scores: Float32Array } per query (queries: Float32Array of q x table.dim),
 *     // best first, ties by lower index; exclude[i] !== 0 drops item i (already bought, ...).
 *   const scores = await engine.scores({ table, queries })  // every row for every query, one pass (q x count)
 *   await engine.choose(table, { catalogVersion? })  // measure now (e.g. right after a catalog loads)
 *   engine.choiceFor(table) / engine.lastChoice       // { backend, source, timings, order, dropped }
 *   engine.release(table); engine.dispose();
 *
 * Backends: 'simd' (hand-written WASM SIMD; int8 tables as int8 x int16), 'js' (TypeScript loops), and tfjs
 * 'wasm', 'cpu', 'webgl', 'webgpu' (loaded lazily). On first use per table shape the engine times each backend
 * that starts (bounded by `budget`), serves with the fastest and stores { backend, timings } through `cache`
 * (ChoiceCache: get/set of a BackendChoiceRecord by key). In the worker: `cache: metaStoreChoiceCache(db)` with
 * the reshelf IndexedDB database (its `meta` store).
 * A backend that fails, loses its device or returns non-finite scores is dropped and the next serves the
 * same request. Errors are ScoringError with a stable `code`.
 *
 * Node code (e.g. `reshelf eval`) imports './node' instead: same engine, CPU backends only, no vite imports.
 */
import { browserBackendFactories } from './backendFactories.js';
import { createScoringEngineWith, type ScoringEngine, type ScoringEngineOptions } from './engine.js';

export function createScoringEngine(options: ScoringEngineOptions = {}): ScoringEngine {
  return createScoringEngineWith(browserBackendFactories, options);
}

export type { BackendChoice, BackendFactories, ScoringEngine, ScoringEngineOptions } from './engine.js';
export { createScoringEngineWith } from './engine.js';
export { choiceKey, memoryChoiceCache, type BackendChoiceRecord, type ChoiceCache } from './choiceCache.js';
export { metaStoreChoiceCache, type MetaStore } from './metaStoreChoiceCache.js';
export { ScoringError, type ScoringErrorCode } from './scoringError.js';
export { BACKEND_NAMES, type BackendName, type Metric, type ScoreRequest, type TopKList } from './types.js';
export { quantiseTable } from './quantise.js';
