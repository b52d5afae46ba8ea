// Bench worker 3 of 3: what a developer writes by hand with TensorFlow.js: the whole @tensorflow/tfjs package
// on its default backend, tf.matMul then tf.topk. A worker of its own, so tfjs picks its default backend as it
// would in that developer's app (reshelf's worker registers other backends).
import * as tf from '@tensorflow/tfjs';
import { benchCatalog, benchQueries, benchReference, recallOf, timePasses } from './benchTiming.js';
import type { BenchWorkerMessage, BenchWorkerRequest } from './benchTypes.js';

const send = (message: BenchWorkerMessage) => postMessage(message);

self.onmessage = async ({ data }: MessageEvent<BenchWorkerRequest>) => {
  const { n, d, config } = data;
  try {
    send({ type: 'progress', text: `tfjs-naive ${n}x${d}` });
    const table = benchCatalog(n, d);
    const queries = benchQueries(d);
    const reference = benchReference(table, queries[0]!, config.k);
    await tf.ready();
    const items = tf.tensor2d(table.values, [n, d]);
    let firstIds: number[] | undefined;
    const timing = await timePasses(config, queries, async (query) => {
      const { values, indices } = tf.tidy(() => tf.topk(tf.matMul(tf.tensor2d(query, [1, d]), items, false, true).squeeze(), config.k));
      const [ids] = await Promise.all([indices.data(), values.data()]);
      firstIds ??= Array.from(ids);
      values.dispose();
      indices.dispose();
    });
    items.dispose();
    send({
      type: 'result',
      result: { engine: 'tfjs-naive', n, d, table: 'float32', p50_ms: timing.p50, p90_ms: timing.p90, reps: timing.reps, first_ms: timing.first, recall: recallOf(firstIds!, reference), backend: tf.getBackend() },
    });
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
