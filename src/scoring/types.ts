import type { VectorTable } from '../catalog/catalogModel.js';

/**
 * Names of the scoring backends. `js` and `simd` are reshelf's own kernels (plain TypeScript loops, and a
 * hand-written WebAssembly SIMD module); the others are TensorFlow.js backends imported from their own packages.
 */
export const BACKEND_NAMES = ['simd', 'js', 'wasm', 'webgpu', 'webgl', 'cpu'] as const;
/** One scoring backend (see BACKEND_NAMES); `createReshelf({ backend })` forces one, `status().scoring` reports the chosen one. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** How a row's score is computed from a query: plain dot product, or cosine (dot over both norms). */
export type Metric = 'dot' | 'cosine';

/**
 * One ranking request. `queries` holds `queryCount` vectors of `table.dim` numbers, row-major; each query gets
 * its own top-k list. `exclude[i] !== 0` removes item i from every list (items the shopper already has).
 */
export interface ScoreRequest {
  table: VectorTable;
  queries: Float32Array;
  k: number;
  exclude?: Uint8Array;
  metric?: Metric;
}

/** Top-k of one query, best first. Ties are broken by the lower item index, so results are deterministic. */
export interface TopKList {
  indices: Int32Array;
  scores: Float32Array;
}

/**
 * Scores of one pass, query-major (`queryCount` blocks of `table.count`). A backend may add the largest score of
 * every run of `blockSize` rows (`blockMax`, query-major, NaN when the run holds a NaN), which lets the top-k
 * skip runs that cannot beat its current k-th best.
 */
export interface ScoredRows {
  scores: Float32Array;
  blockSize?: number;
  blockMax?: Float32Array;
}

/**
 * A backend computes raw dot products of every table row with every query. Selection (top-k, exclusion,
 * cosine) is shared code (selectTopK), so every backend ranks by the same rules.
 *
 * Contract: `scoreAll` returns `queryCount` blocks of `table.count` scores (query-major) in `scores`: either `scratch` (at
 * least that long) filled in, or a view of the backend's own memory (WASM heap, tfjs download) that stays valid
 * until the next call on this backend; returning a view saves a copy. It may keep per-table state (uploaded
 * tensors, WASM copies) between calls, keyed by table identity; `release` frees it.
 * Backends never mutate the table or the queries.
 */
export interface ScoringBackend {
  readonly name: BackendName;
  scoreAll(table: VectorTable, queries: Float32Array, queryCount: number, scratch: Float32Array): Promise<ScoredRows>;
  /** Frees per-table state (tensors, WASM memory); the backend stays usable. */
  release(table: VectorTable): void;
  /** Frees everything; the backend is unusable afterwards. */
  dispose(): void;
  /** Set when the backend lost its device (WebGL context lost, WebGPU device lost): the engine drops it. */
  readonly lost?: boolean;
}

export type { VectorTable };
