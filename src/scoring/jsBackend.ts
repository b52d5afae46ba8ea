import { scoreTable } from './jsKernels.js';
import type { ScoringBackend } from './types.js';

/** The plain TypeScript backend: always available, no state, the last resort of the fallback chain. */
export function createJsBackend(): ScoringBackend {
  return {
    name: 'js',
    async scoreAll(table, queries, queryCount, scratch) {
      scoreTable(table, queries, queryCount, scratch);
      return { scores: scratch };
    },
    release() {},
    dispose() {},
  };
}
