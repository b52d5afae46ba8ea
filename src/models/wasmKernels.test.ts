import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useTrainingBackend } from './nodeBackend.js';

/** Runs `fn` on a backend and returns the plain values, so results of two backends can be compared. */
async function on(backend: 'wasm' | 'cpu', fn: () => tf.Tensor): Promise<{ shape: number[]; values: Float32Array | Int32Array | Uint8Array }> {
  await useTrainingBackend(backend);
  const t = tf.tidy(fn);
  const values = (await t.data()) as Float32Array;
  const shape = t.shape;
  t.dispose();
  return { shape, values };
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-4);
}

describe('wasm training kernels', () => {
  it('UnsortedSegmentSum matches the cpu backend (1-D and 2-D ids, repeats, out-of-range ids dropped)', async () => {
    const x = Array.from({ length: 6 * 4 * 3 }, (_, i) => Math.sin(i) * 3);
    const ids1 = [3, 0, 3, 7, -1, 2, 0, 0, 5, 3, 1, 2, 9, 4, 4, 3, 2, 1, 0, 6, 6, 6, 3, 8];
    const compute = () => tf.unsortedSegmentSum(tf.tensor2d(x, [24, 3]), tf.tensor1d(ids1, 'int32'), 8);
    const cpu = await on('cpu', compute);
    const wasm = await on('wasm', compute);
    expect(wasm.shape).toEqual([8, 3]);
    expectClose(wasm.values, cpu.values);

    // 2-D ids: tfjs's cpu kernel cannot broadcast this case, so compare with the flattened 1-D form instead.
    const compute2 = () => tf.unsortedSegmentSum(tf.tensor3d(x, [6, 4, 3]), tf.tensor2d(ids1, [6, 4], 'int32') as unknown as tf.Tensor1D, 8);
    const wasm2 = await on('wasm', compute2);
    expect(wasm2.shape).toEqual([8, 3]);
    expectClose(wasm2.values, cpu.values);
  });

  it('the gradient of an embedding lookup (gather) runs on wasm and matches cpu', async () => {
    const table = Array.from({ length: 10 * 5 }, (_, i) => Math.cos(i * 0.7));
    const indices = [1, 4, 4, 9, 0, 1, 1, 7];
    const weights = Array.from({ length: 8 * 5 }, (_, i) => ((i * 37) % 11) - 5);
    const grad = () => {
      const w = tf.tensor2d(weights, [8, 5]);
      const g = tf.grad((e: tf.Tensor) => tf.sum(tf.mul(tf.square(tf.gather(e, tf.tensor1d(indices, 'int32'))), w)));
      return g(tf.tensor2d(table, [10, 5]));
    };
    const cpu = await on('cpu', grad);
    const wasm = await on('wasm', grad);
    expect(wasm.shape).toEqual([10, 5]);
    expectClose(wasm.values, cpu.values);
    // Rows never looked up get no gradient; a row looked up three times gets three contributions.
    expect(Array.from(wasm.values.slice(2 * 5, 3 * 5))).toEqual([0, 0, 0, 0, 0]);
  });
});
