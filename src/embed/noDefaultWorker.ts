/**
 * Stands in for src/api/defaultWorker.ts in the script-tag build (see vite.config.ts, mode `embed`): the loader
 * always passes `createWorker` (src/embed/startWorker.ts), so the npm package's bundler-oriented worker
 * reference, and a second copy of the worker, stay out of dist/reshelf.js.
 */
export function defaultWorker(): Worker {
  throw new Error('the embed passes createWorker');
}
