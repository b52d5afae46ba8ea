// Bench worker 2 of 3: Orama's vector search over the same unit-length vectors: what a developer might pick
// instead of reshelf. Orama scores cosine over every stored vector (exhaustive search), keeps the matches
// above `similarity`, sorts them and returns `limit`.
import { create, insertMultiple, search } from '@orama/orama';
import { benchCatalog, benchQueries, benchReference, recallOf, timePasses } from './benchTiming.js';
import type { BenchWorkerMessage, BenchWorkerRequest } from './benchTypes.js';

const send = (message: BenchWorkerMessage) => postMessage(message);

self.onmessage = async ({ data }: MessageEvent<BenchWorkerRequest>) => {
  const { n, d, config } = data;
  try {
    send({ type: 'progress', text: `orama ${n}x${d}: building index` });
    const table = benchCatalog(n, d);
    const queries = benchQueries(d);
    const reference = benchReference(table, queries[0]!, config.k);
    const setupStart = performance.now();
    const db = create({ schema: { embedding: `vector[${d}]` } as const });
    const batch = 10_000;
    for (let start = 0; start < n; start += batch) {
      const docs = [];
      for (let i = start; i < Math.min(n, start + batch); i++) docs.push({ id: String(i), embedding: Array.from(table.values.subarray(i * d, (i + 1) * d)) });
      await insertMultiple(db, docs, batch);
    }
    const setup = performance.now() - setupStart;
    let firstIds: number[] | undefined;
    const timing = await timePasses(config, queries, async (query) => {
      // similarity -1 keeps every item eligible, as a top-k needs (Orama's default threshold is 0.8).
      const found = await search(db, { mode: 'vector', vector: { value: Array.from(query), property: 'embedding' }, similarity: -1, limit: config.k });
      firstIds ??= found.hits.map((hit) => Number(hit.id));
    });
    send({
      type: 'result',
      result: { engine: 'orama', n, d, table: 'float32', p50_ms: timing.p50, p90_ms: timing.p90, reps: timing.reps, first_ms: timing.first, setup_ms: setup, recall: recallOf(firstIds!, reference) },
    });
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
