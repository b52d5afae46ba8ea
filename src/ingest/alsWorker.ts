/**
 * Worker-thread entry for `reshelf build`: trains implicit ALS on its own core while the main thread builds
 * the neighbour, transition and content sections. Same function, same inputs, same result as inline.
 * Importing this module on the main thread does nothing (alsInWorker.ts imports it so the CLI build compiles it).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { trainImplicitAls, type AlsOptions } from '../training/implicitAls.js';
import type { InteractionMatrix } from '../training/interactionMatrix.js';

export const ALS_WORKER_KIND = 'reshelf-build-als';

interface AlsJob {
  kind: typeof ALS_WORKER_KIND;
  matrix: InteractionMatrix;
  options: AlsOptions;
}

const job = workerData as AlsJob | undefined;
if (!isMainThread && parentPort && job?.kind === ALS_WORKER_KIND) {
  const factors = trainImplicitAls(job.matrix, job.options);
  parentPort.postMessage(factors, [factors.users.buffer as ArrayBuffer, factors.items.buffer as ArrayBuffer]);
}
