import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { trainImplicitAls, type AlsFactors, type AlsOptions } from '../training/implicitAls.js';
import type { InteractionMatrix } from '../training/interactionMatrix.js';
import { ALS_WORKER_KIND } from './alsWorker.js';

/**
 * Runs implicit ALS (the longest build step) in a worker thread, so it overlaps with the other sections on a
 * second core. Falls back to running inline where the compiled worker file does not exist (tests run the
 * TypeScript sources). The result is the same either way: the training is deterministic.
 */
export function trainAlsInWorker(matrix: InteractionMatrix, options: AlsOptions): Promise<AlsFactors> {
  const script = new URL('./alsWorker.js', import.meta.url);
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return Promise.resolve().then(() => trainImplicitAls(matrix, options));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { kind: ALS_WORKER_KIND, matrix, options } });
    worker.once('message', (factors: AlsFactors) => {
      resolve(factors);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`ALS worker exited with code ${code}`));
    });
  });
}
