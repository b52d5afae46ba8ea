import { registerKernel, getKernel, UnsortedSegmentSum, type KernelConfig, type TensorInfo, type DataType, type UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';

/**
 * Kernels the tfjs wasm backend (4.22) lacks but training needs, written in TypeScript against the backend's heap.
 * Only `UnsortedSegmentSum` so far: it is the gradient of `gather`, i.e. of every embedding lookup.
 * Without it, `tf.grads` on wasm throws "Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'" and the
 * only way out would be the cpu backend, ~10x slower on matMul. Tested against the cpu backend's own kernel.
 */

/** The slice of BackendWasm these kernels use (the package does not export the class type from its root). */
interface WasmBackendLike {
  readSync(dataId: unknown): ArrayLike<number>;
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * out[s, ...] = sum of x[i, ...] over every i whose segmentIds[i] == s. segmentIds may have any rank r; x's first
 * r dimensions must equal its shape. Ids outside [0, numSegments) are dropped, as in TensorFlow.
 */
function unsortedSegmentSumWasm({ inputs, backend, attrs }: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: unknown }): TensorInfo {
  const wasm = backend as WasmBackendLike;
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const ids = wasm.readSync(segmentIds.dataId);
  const values = wasm.readSync(x.dataId);
  const segmentCount = ids.length;
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = innerShape.reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...innerShape], x.dtype);
  const target = wasm.typedArrayFromHeap(out);
  target.fill(0);
  for (let i = 0; i < segmentCount; i++) {
    const segment = ids[i]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let k = 0; k < inner; k++) target[to + k]! += values[from + k]!;
  }
  return out;
}

const WASM_TRAINING_KERNELS: KernelConfig[] = [
  { kernelName: UnsortedSegmentSum, backendName: 'wasm', kernelFunc: unsortedSegmentSumWasm as unknown as KernelConfig['kernelFunc'] },
];

/** Registers the missing training kernels for 'wasm'; idempotent, and leaves a kernel tfjs itself provides alone. */
export function registerWasmTrainingKernels(): void {
  for (const config of WASM_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) === undefined) registerKernel(config);
  }
}
