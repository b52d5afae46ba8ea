/**
 * The scoring engine for node tools (`reshelf eval`): the CPU backends only (WASM SIMD, then plain loops),
 * nothing browser- or vite-specific. Same ranking rules as the worker: see index.ts for the API.
 */
import { cpuBackendFactories } from './cpuBackendFactories.js';
import { createScoringEngineWith, type ScoringEngine, type ScoringEngineOptions } from './engine.js';

export function createNodeScoringEngine(options: ScoringEngineOptions = {}): ScoringEngine {
  return createScoringEngineWith(cpuBackendFactories, { browser: 'node', ...options });
}

export { rankWithBackend } from './rankWithBackend.js';
export { selectTopK } from './topK.js';
export { ScoringError } from './scoringError.js';
export type { BackendName, ScoreRequest, TopKList } from './types.js';
