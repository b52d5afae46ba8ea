// The real reshelf worker in a context without IndexedDB (as in some private modes and locked-down embeds).
// Same body as src/worker/worker.ts: a side-effect-only import of it would be dropped (package.json sideEffects),
// and a top-level await would let the page's first message go unheard. Storage reads `indexedDB` lazily.
import { expose } from 'comlink';
import { createWorkerService } from '../../../src/worker/workerService.js';

Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
expose(createWorkerService());
