/**
 * The worker the npm package starts by default. Kept in its own module on purpose:
 * - bundlers (vite, webpack 5) see `new Worker(new URL('…', import.meta.url))` and emit the worker file;
 * - the script-tag loader (src/embed) replaces this module at build time, because it starts its worker from
 *   its own URL (possibly on a CDN) and must not carry a second copy of the worker.
 */
export function defaultWorker(): Worker {
  return new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'reshelf' });
}
