// The real reshelf worker where IndexedDB exists but refuses every open (storage blocked by a browser setting).
const blocked = (): never => {
  throw new DOMException('The user denied permission to access the database.', 'SecurityError');
};
Object.defineProperty(globalThis.indexedDB, 'open', { value: blocked, configurable: true });
await import('../../../src/worker/worker.js');
