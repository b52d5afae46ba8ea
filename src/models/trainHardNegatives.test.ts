import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../training/random.js';
import { useTrainingBackend } from './nodeBackend.js';
import { runTraining } from './runTraining.js';
import { sampledSoftmaxLoss } from './softmaxLoss.js';
import { tinyTrainingOptions, writeChainDataset } from './trainFixture.js';
import { buildHardNegativePools, drawHardNegatives } from './trainHardNegatives.js';

const poolOf = (pools: ReturnType<typeof buildHardNegativePools>, token: number) => Array.from(pools.tokens.subarray(token * pools.poolSize, token * pools.poolSize + pools.filled[token]!));

describe('hard-negative pools (classical candidates of the input item)', () => {
  // Dataset indices: 0 -> 1 twice, 0 -> 2 once, 3 never seen; tokens are index + 1.
  const sequences = [Int32Array.from([0, 1, 4]), Int32Array.from([0, 1]), Int32Array.from([0, 2])];

  it('ranks the items that follow most first, never the item itself, and leaves unseen items empty', () => {
    const pools = buildHardNegativePools(sequences, 5, 3);
    const zero = poolOf(pools, 1);
    expect(zero[0]).toBe(2); // index 1 follows index 0 twice
    expect(zero).toContain(3);
    expect(zero).not.toContain(1);
    expect(pools.filled[4]).toBe(0); // index 3 appears nowhere and there is no content
    // Preceding items count too (at half weight): index 1's pool holds index 0.
    expect(poolOf(pools, 2)).toContain(1);
  });

  it('fills half of each pool from the nearest content vectors, the rest from behaviour', () => {
    // 2-d content: index 3 is parallel to index 0, index 4 orthogonal.
    const vectors = Float32Array.from([1, 0, 0, 1, 0.7, 0.7, 2, 0, 0, 1]);
    const pools = buildHardNegativePools(sequences, 5, 4, { vectors, dim: 2 });
    const zero = poolOf(pools, 1);
    expect(zero.slice(0, 2)).toEqual([2, 3]); // behaviour half: followers by weight
    expect(zero[2]).toBe(4); // content half: the parallel item first
    expect(zero).toHaveLength(4);
    // An item no one interacted with still gets content neighbours.
    expect(poolOf(pools, 4)[0]).toBe(1);
  });

  it('draws only from the input item\'s pool, 0 where the pool is empty', () => {
    const pools = buildHardNegativePools(sequences, 5, 3);
    const drawn = drawHardNegatives(pools, Int32Array.from([1, 4]), 50, seededRandom(1));
    const allowed = new Set(poolOf(pools, 1));
    for (const token of drawn.subarray(0, 50)) expect(allowed.has(token)).toBe(true);
    expect(new Set(drawn.subarray(0, 50)).size).toBe(allowed.size);
    expect(Array.from(drawn.subarray(50)).every((t) => t === 0)).toBe(true);
  });
});

describe('sampled softmax with hard negatives', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('adds each row\'s own hard negatives to its softmax, masking its target and empty slots', () => {
    const random = seededRandom(5);
    const table = tf.tensor2d(Float32Array.from({ length: 6 * 4 }, () => random() - 0.5), [6, 4]);
    const states = tf.tensor2d(Float32Array.from({ length: 2 * 4 }, () => random() - 0.5), [2, 4]);
    const targets = Int32Array.from([1, 2]);
    const negatives = Int32Array.from([3, 4]);
    const value = (hard?: Int32Array) => sampledSoftmaxLoss(states, table, targets, negatives, undefined, hard ? { tokens: hard, perPosition: 2 } : undefined).arraySync() as number;
    const plain = value();
    // Only masked candidates (own target, empty slot): the same loss.
    expect(value(Int32Array.from([1, 0, 2, 0]))).toBeCloseTo(plain, 6);
    // A real extra candidate per row: the partition grows by exp(its logit), computed by hand here.
    const s = states.arraySync();
    const t = table.arraySync();
    const dot = (a: number[], b: number[]) => a.reduce((sum, x, k) => sum + x * b[k]!, 0);
    const expected = [0, 1].map((p) => {
      const pos = dot(s[p]!, t[targets[p]!]!);
      const candidates = [pos, dot(s[p]!, t[3]!), dot(s[p]!, t[4]!), dot(s[p]!, t[5]!)];
      return Math.log(candidates.reduce((sum, x) => sum + Math.exp(x), 0)) - pos;
    });
    expect(value(Int32Array.from([5, 0, 5, 2]))).toBeCloseTo((expected[0]! + expected[1]!) / 2, 5);
    tf.dispose([table, states]);
  });
});

describe('reshelf train --hard-negatives (tiny fixture)', () => {
  const root = mkdtempSync(join(tmpdir(), 'reshelf-hard-'));
  const data = writeChainDataset(join(root, 'data'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('still learns the chain and records the option', async () => {
    const lines: string[] = [];
    const report = await runTraining(tinyTrainingOptions(data, join(root, 'hard'), { hardNegatives: 4, hardPool: 6, log: (l) => lines.push(l) }));
    expect(report.validNdcg10).toBeGreaterThan(0.5);
    expect(report.options.hardNegatives).toBe(4);
    expect(lines.some((l) => l.startsWith('hard negatives: 4 per position from pools of 6'))).toBe(true);
  }, 60_000);

  it('refuses hard negatives with full softmax', async () => {
    await expect(runTraining(tinyTrainingOptions(data, join(root, 'full'), { hardNegatives: 4, negatives: 0 }))).rejects.toThrow(/needs sampled softmax/);
  });
});
