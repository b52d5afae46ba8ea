// The real reshelf worker in a context without IndexedDB (as in some private modes and locked-down embeds).
Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
await import('../../../src/worker/worker.js');
