// Bench worker 1 of 3: every reshelf backend on the float32 catalog and its int8 twin, the read-bandwidth
// bound, and the engine's own measured choice. Runs in a module worker of the production build.
import { browserBackendFactories } from '../scoring/backendFactories.js';
import { createScoringEngine } from '../scoring/index.js';
import { quantiseTable } from '../scoring/quantise.js';
import { rankWithBackend } from '../scoring/rankWithBackend.js';
import { BACKEND_NAMES, type TopKList } from '../scoring/types.js';
import { measureReadBandwidth } from './readBandwidth.js';
import { benchCatalog, benchQueries, benchReference, recallOf, timePasses } from './benchTiming.js';
import type { BenchWorkerMessage, BenchWorkerRequest } from './benchTypes.js';

const send = (message: BenchWorkerMessage) => postMessage(message);

self.onmessage = async ({ data }: MessageEvent<BenchWorkerRequest>) => {
  const { n, d, config } = data;
  try {
    send({ type: 'progress', text: `reshelf ${n}x${d}: building catalog` });
    const float32 = benchCatalog(n, d);
    const int8 = quantiseTable(float32);
    const queries = benchQueries(d);
    const reference = benchReference(float32, queries[0]!, config.k);

    send({ type: 'progress', text: `reshelf ${n}x${d}: read bandwidth` });
    const bandwidth = await measureReadBandwidth(float32.values);
    const gbps = Math.max(...Object.values(bandwidth));
    send({ type: 'bound', bound: { n, d, gbps, bound_ms: (float32.values.byteLength / 1e9 / gbps) * 1000, methods: bandwidth } });

    for (const name of BACKEND_NAMES) {
      for (const table of [float32, int8]) {
        send({ type: 'progress', text: `reshelf:${name} ${table.dtype} ${n}x${d}` });
        try {
          const backend = await browserBackendFactories[name]!();
          const scratch = {};
          let firstList: TopKList | undefined;
          const timing = await timePasses(config, queries, async (query) => {
            const [list] = await rankWithBackend(backend, { table, queries: query, k: config.k }, scratch);
            firstList ??= list;
          });
          backend.release(table);
          backend.dispose();
          send({
            type: 'result',
            result: { engine: `reshelf:${name}`, n, d, table: table.dtype, p50_ms: timing.p50, p90_ms: timing.p90, reps: timing.reps, first_ms: timing.first, recall: recallOf(firstList!.indices, reference) },
          });
        } catch (error) {
          send({ type: 'skip', skip: { engine: `reshelf:${name}`, n, d, table: table.dtype, reason: String(error) } });
        }
      }
    }

    for (const table of [float32, int8]) {
      send({ type: 'progress', text: `engine choice ${table.dtype} ${n}x${d}` });
      const engine = createScoringEngine({ browser: 'bench' });
      const choice = await engine.choose(table);
      send({ type: 'chosen', size: `${n}x${d}`, table: table.dtype, choice: { backend: choice.backend, timings: choice.timings } });
      engine.dispose();
    }
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
