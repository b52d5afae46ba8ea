import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions; training needs them all.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
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
  if (!ok || tf.getBackend() !== name) throw new Error(`MODEL_BACKEND_UNAVAILABLE: tfjs backend "${name}" did not start (got "${tf.getBackend()}").`);
  await tf.ready();
}
