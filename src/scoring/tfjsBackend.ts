import type * as TfCore from '@tensorflow/tfjs-core';
import { ScoringError } from './scoringError.js';
import type { ScoringBackend, VectorTable } from './types.js';

export type TfjsBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface TfjsBackendOptions {
  /** URLs of the tfjs wasm binaries by file name (see tfjsWasmPaths.ts); required for `wasm` in browsers. */
  wasmPaths?: Record<string, string>;
}

/**
 * A TensorFlow.js backend as a scoring backend: the table is uploaded once as a float32 [count, dim] tensor
 * (int8 tables dequantised), each pass runs one matMul of all queries against it ([q, dim] x [count, dim]^T)
 * and reads the [q, count] scores back; the top k is then selected in JS. tf.topk is deliberately not used:
 * on WebGL it ran on the GPU and was 5-10x slower than reading scores back (toolchain notes).
 *
 * tfjs has one global active backend, so every pass first activates this one; the engine serialises passes.
 * Loss of the device (webglcontextlost, WebGPU device.lost) sets `lost`, and the engine then drops the backend.
 */
export async function createTfjsBackend(name: TfjsBackendName, options: TfjsBackendOptions = {}): Promise<ScoringBackend> {
  const tf = await import('@tensorflow/tfjs-core');
  await importBackendPackage(name, options);
  // Threads gave no speed-up here and crash minified builds (toolchain notes). The flag exists only once the
  // wasm package is loaded, and must be set before the backend initialises.
  if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch (error) {
    throw new ScoringError('SCORING_BACKEND_INIT_FAILED', `tfjs backend "${name}" failed to initialise: ${(error as Error).message}`, { cause: error });
  }
  // setBackend resolves false (it does not throw) when the backend cannot start; read it back to be sure.
  if (!ok || tf.getBackend() !== name) {
    throw new ScoringError('SCORING_BACKEND_INIT_FAILED', `tfjs backend "${name}" is not available on this device.`);
  }
  const tensors = new Map<VectorTable, TfCore.Tensor2D>();
  const state = { lost: false };
  const backend = tf.backend();
  watchDeviceLoss(name, backend, () => (state.lost = true));
  const contextLost = () => state.lost || (name === 'webgl' && (backend as WebGlLike).gpgpu?.gl?.isContextLost?.() === true);

  async function activate(): Promise<void> {
    if (contextLost()) throw new ScoringError('SCORING_CONTEXT_LOST', `tfjs backend "${name}" lost its device.`);
    if (tf.getBackend() !== name && !(await tf.setBackend(name))) {
      throw new ScoringError('SCORING_BACKEND_FAILED', `tfjs backend "${name}" could not be re-activated.`);
    }
  }

  return {
    name,
    get lost() {
      return contextLost();
    },
    async scoreAll(table, queries, queryCount) {
      await activate();
      let matrix = tensors.get(table);
      if (!matrix) {
        matrix = tf.tensor2d(dequantised(table), [table.count, table.dim], 'float32');
        tensors.set(table, matrix);
      }
      const scores = tf.tidy(() => tf.matMul(tf.tensor2d(queries, [queryCount, table.dim], 'float32'), matrix, false, true));
      try {
        // data() downloads into a fresh Float32Array that tfjs no longer references: returned as is, no copy.
        // A device lost meanwhile can leave the download pending forever (WebGL polls a fence that never
        // passes): the pass then fails with SCORING_CONTEXT_LOST instead, and the engine asks the next backend.
        return { scores: (await untilLost(scores.data(), contextLost, name)) as Float32Array };
      } finally {
        scores.dispose();
      }
    },
    release(table) {
      tensors.get(table)?.dispose();
      tensors.delete(table);
    },
    dispose() {
      for (const tensor of tensors.values()) tensor.dispose();
      tensors.clear();
    },
  };
}

async function importBackendPackage(name: TfjsBackendName, options: TfjsBackendOptions): Promise<void> {
  // Each package registers its backend with tfjs-core on import; dynamic imports keep them out of the page script.
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
  }
}

function dequantised(table: VectorTable): Float32Array {
  if (table.dtype === 'float32') return table.values.subarray(0, table.count * table.dim);
  const values = new Float32Array(table.count * table.dim);
  for (let i = 0; i < table.count; i++) {
    const scale = table.scales[i]!;
    for (let j = 0; j < table.dim; j++) values[i * table.dim + j] = table.codes[i * table.dim + j]! * scale;
  }
  return values;
}

/** Minimal shapes of the tfjs backend internals we watch (typed here; tfjs's own types need @webgpu/types). */
interface WebGpuLike {
  device?: { lost?: Promise<unknown> };
}
interface WebGlLike {
  gpgpu?: { gl?: { canvas?: { addEventListener?: (type: string, listener: () => void) => void }; isContextLost?: () => boolean } };
}

const LOSS_POLL_MS = 25;

/** Settles like `work`, or rejects with SCORING_CONTEXT_LOST as soon as the device is seen lost (polled). */
function untilLost<T>(work: Promise<T>, lost: () => boolean, name: TfjsBackendName): Promise<T> {
  if (name !== 'webgl' && name !== 'webgpu') return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    const check = () => {
      if (lost()) reject(new ScoringError('SCORING_CONTEXT_LOST', `tfjs backend "${name}" lost its device during a pass.`));
      else timer = setTimeout(check, LOSS_POLL_MS);
    };
    timer = setTimeout(check, LOSS_POLL_MS);
  });
  return Promise.race([work, watchdog]).finally(() => clearTimeout(timer));
}

function watchDeviceLoss(name: TfjsBackendName, backend: unknown, onLost: () => void): void {
  if (name === 'webgpu') {
    void (backend as WebGpuLike).device?.lost?.then(onLost);
  } else if (name === 'webgl') {
    (backend as WebGlLike).gpgpu?.gl?.canvas?.addEventListener?.('webglcontextlost', onLost);
  }
}
