import type { CatalogModel, VectorTable } from '../catalog/catalogModel.js';
import type { SignalScores } from '../fusion/combine.js';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import { activeSignals, computeSignals } from '../fusion/rankCatalog.js';
import type { ShopperHistory } from '../signals/history.js';
import type { SignalName } from '../signals/registry.js';
import { plainScoreItemVectors, withVectorScorer, type VectorScorer } from '../signals/scoreItemVectors.js';

/**
 * Scores several queries against one table in one pass: `queries` holds q vectors of `table.dim` numbers, the
 * result q blocks of `table.count` scores (query-major). The worker passes the scoring engine's `scores`.
 */
export type BatchVectorScorer = (table: VectorTable, queries: Float32Array) => Promise<Float32Array>;

/** One "score this query against that table" a signal asked for, and the answer once it is known. */
interface VectorRequest {
  table: VectorTable;
  query: Float32Array;
  scores?: Float32Array;
}

/**
 * The same signal scores as `computeSignals` (src/fusion/rankCatalog.ts), with every vector product
 * (scoreItemVectors: content, CF, prototypes, cold-start context) computed by `scoreBatch` instead of the
 * plain loop, and all queries against the same table scored in one pass:
 *
 * 1. record: each active signal runs once with a scorer that only records what it asks for; a signal that
 *    asked for nothing (popularity, item-kNN, sequence) is finished there;
 * 2. score: the recorded queries are grouped by table and scored, one `scoreBatch` call per table;
 * 3. replay: the signals that asked run again and their requests are answered from step 2 (in the same order;
 *    the signals are deterministic), so whatever a signal does with the products afterwards is unchanged.
 *
 * Never fails because of scoring: a table whose batch rejects, or a request that does not match its
 * recording, is answered by the plain loop. The only difference from the sync path is the backend's float32
 * arithmetic (the plain loop accumulates in float64), i.e. scores equal to a few ulps.
 */
export async function computeSignalsBatched(model: CatalogModel, history: ShopperHistory, config: FusionConfig, scoreBatch: BatchVectorScorer): Promise<SignalScores> {
  const names = activeSignals(config, history.events.length);
  const finished = new Map<SignalName, Float32Array | null>();
  const recorded = new Map<SignalName, VectorRequest[]>();
  for (const name of names) {
    const requests: VectorRequest[] = [];
    const recorder: VectorScorer = (table, query) => void requests.push({ table, query: Float32Array.from(query) });
    const result = withVectorScorer(recorder, () => computeSignals(model, history, config, [name]));
    if (requests.length === 0) finished.set(name, result.get(name) ?? null);
    else recorded.set(name, requests);
  }

  await scoreByTable([...recorded.values()].flat(), scoreBatch);

  for (const [name, requests] of recorded) {
    let next = 0;
    const replay: VectorScorer = (table, query, out) => {
      const request = requests[next++];
      if (request?.scores && request.table === table && sameQuery(request.query, query)) out.set(request.scores);
      else plainScoreItemVectors(table, query, out);
    };
    finished.set(name, withVectorScorer(replay, () => computeSignals(model, history, config, [name])).get(name) ?? null);
  }
  // In the order computeSignals would have produced them: fusion sums signals in map order.
  return new Map(names.map((name) => [name, finished.get(name) ?? null]));
}

async function scoreByTable(requests: VectorRequest[], scoreBatch: BatchVectorScorer): Promise<void> {
  const byTable = new Map<VectorTable, VectorRequest[]>();
  for (const request of requests) {
    const group = byTable.get(request.table);
    if (group) group.push(request);
    else byTable.set(request.table, [request]);
  }
  for (const [table, group] of byTable) {
    const queries = new Float32Array(group.length * table.dim);
    group.forEach((request, q) => queries.set(request.query, q * table.dim));
    let scores: Float32Array;
    try {
      scores = await scoreBatch(table, queries);
    } catch {
      continue; // the replay scores these requests with the plain loop
    }
    if (scores.length < group.length * table.count) continue;
    group.forEach((request, q) => (request.scores = scores.subarray(q * table.count, (q + 1) * table.count)));
  }
}

function sameQuery(recorded: Float32Array, query: ArrayLike<number>): boolean {
  if (recorded.length !== query.length) return false;
  for (let j = 0; j < recorded.length; j++) if (recorded[j] !== Math.fround(query[j]!)) return false;
  return true;
}
