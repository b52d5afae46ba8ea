import { createJsBackend } from './jsBackend.js';
import { createSimdBackend } from './simdBackend.js';
import type { BackendFactories } from './engine.js';

/**
 * Backends that need no browser API: usable in node (`reshelf eval`) and in any worker. The tfjs backends
 * are browser factories (backendFactories.ts) because the wasm one needs bundler-emitted binary URLs.
 */
export const cpuBackendFactories: BackendFactories = {
  simd: createSimdBackend,
  js: async () => createJsBackend(),
};
