import * as tf from '@tensorflow/tfjs-core';
// Training needs every gradient function and the chained ops tfjs's Adam uses (`tensor.variable()`). tfjs-core's
// Node build registers no gradients and its ESM files cannot be loaded by Node (extensionless imports); the
// union package registers both, in Node (its CJS build) and under vite/vitest (ESM). Node-only file: the browser
// encoder never imports it.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ModelError } from './modelSpec.js';
import { registerWasmTrainingKernels } from './wasmKernels.js';

/**
 * Node-only: selects the tfjs backend used for training. 'wasm' (SIMD) is the fast one here (native tfjs-node cannot
 * be installed); 'cpu' is the pure-JS reference the kernel tests compare against. Throws when the backend fails
 * to start, instead of letting tfjs silently fall back to another one.
 */
export type TrainingBackend = 'wasm' | 'cpu';

export async function useTrainingBackend(name: TrainingBackend): Promise<void> {
  registerWasmTrainingKernels();
  // Threads gave no speed-up on this machine and can break the wasm backend (toolchain.md): stay single-threaded.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new ModelError('MODEL_BACKEND_UNAVAILABLE', `tfjs backend "${name}" did not start (got "${tf.getBackend()}").`);
  await tf.ready();
}
