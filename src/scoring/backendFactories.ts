import { cpuBackendFactories } from './cpuBackendFactories.js';
import type { BackendFactories } from './engine.js';

/**
 * Every backend, for the worker. tfjs and its backend packages load only when a backend is started (dynamic
 * imports), so none of them is in the page's or the worker's initial script.
 */
export const browserBackendFactories: BackendFactories = {
  ...cpuBackendFactories,
  wasm: async () => {
    const [{ createTfjsBackend }, { TFJS_WASM_PATHS }] = await Promise.all([import('./tfjsBackend.js'), import('./tfjsWasmPaths.js')]);
    return createTfjsBackend('wasm', { wasmPaths: TFJS_WASM_PATHS });
  },
  cpu: async () => (await import('./tfjsBackend.js')).createTfjsBackend('cpu'),
  webgl: async () => (await import('./tfjsBackend.js')).createTfjsBackend('webgl'),
  webgpu: async () => (await import('./tfjsBackend.js')).createTfjsBackend('webgpu'),
};
