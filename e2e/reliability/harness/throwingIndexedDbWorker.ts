// The real reshelf worker where IndexedDB exists but refuses every open (storage blocked by a browser setting).
// See noIndexedDbWorker.ts for why this repeats the worker entry's body.
import { expose } from 'comlink';
import { createWorkerService } from '../../../src/worker/workerService.js';

const refuse = (): never => {
  throw new DOMException('The user denied permission to access the database.', 'SecurityError');
};
Object.defineProperty(globalThis.indexedDB, 'open', { value: refuse, configurable: true });
expose(createWorkerService());
