import { describe, expect, it } from 'vitest';
import { parseS3Rec } from '../datasets/s3rec.js';
import { DEFAULT_TRAINING_OPTIONS } from '../training/buildCatalogModel.js';
import { evaluate } from './evaluate.js';
import { resolveMethods } from './methods.js';

/**
 * Three users over four items, small enough to rank by hand:
 *   u1: 1 2 3   u2: 2 3 4   u3: 1 3 2
 * test split: training = [1 2], [2 3], [1 3] -> counts 1:2, 2:2, 3:2, 4:0 -> popularity order 1, 2, 3, 4 (ties by id).
 *   u1 masks {1,2}: 3 is first -> rank 0;  u2 masks {2,3}: 1 then 4 -> rank 1;  u3 masks {1,3}: 2 first -> rank 0.
 * valid split: training = [1], [2], [1] -> counts 1:2, 2:1 -> order 1, 2, 3, 4; targets 2, 3, 3.
 *   u1 masks {1}: 2 first -> rank 0;  u2 masks {2}: 1, 3 -> rank 1;  u3 masks {1}: 2, 3 -> rank 1.
 */
const dataset = parseS3Rec('hand', '1 1 2 3\n2 2 3 4\n3 1 3 2\n', undefined);
const POPULARITY_ONLY = {
  ...DEFAULT_TRAINING_OPTIONS,
  sections: { content: false, cf: false, neighbours: false, pearson: false, ease: false, transitions: false, prototypes: false },
};
const ndcgRank1 = 1 / Math.log2(3);

describe('evaluate on a hand-made dataset', () => {
  it('test split: every metric of leak-free popularity, worked out by hand', () => {
    const m = evaluate(dataset, { split: 'test', methods: resolveMethods(['pop']), training: POPULARITY_ONLY }).methods.pop!.metrics;
    expect(m['HR@5']).toBe(1);
    expect(m['NDCG@5']).toBeCloseTo((2 + ndcgRank1) / 3, 5);
    expect(m['MRR@5']).toBeCloseTo((1 + 0.5 + 1) / 3, 5);
    expect(m['MAP@5']).toBeCloseTo((1 + 0.5 + 1) / 3, 5);
    expect(m['P@5']).toBeCloseTo(0.2, 5);
    expect(m['R@5']).toBe(1);
    expect(m['F1@5']).toBeCloseTo(2 / 6, 5);
    // Top lists: u1 [3, 4], u2 [1, 4], u3 [2, 4] -> all four items covered.
    expect(m['Coverage@10']).toBe(1);
    // Mean training count of the recommended items: u1 (2 + 0)/2, u2 (2 + 0)/2, u3 (2 + 0)/2.
    expect(m['ARP@10']).toBe(1);
  });

  it('valid split: training excludes the last two items and targets move back one', () => {
    const m = evaluate(dataset, { split: 'valid', methods: resolveMethods(['pop']), training: POPULARITY_ONLY }).methods.pop!.metrics;
    expect(m['NDCG@5']).toBeCloseTo((1 + 2 * ndcgRank1) / 3, 5);
    expect(m['HR@1' as string]).toBeUndefined();
    expect(m['MRR@5']).toBeCloseTo((1 + 0.5 + 0.5) / 3, 5);
  });

  it('pop-leaky counts the held-out items (1:2, 2:3, 3:3, 4:1), the leak the protocol forbids', () => {
    const r = evaluate(dataset, { split: 'valid', methods: resolveMethods(['pop-leaky']), training: POPULARITY_ONLY }).methods['pop-leaky']!.metrics;
    // valid: u1 masks {1}: order 2, 3 -> target 2 rank 0; u2 masks {2}: 3 first -> rank 0; u3 masks {1}: 2, 3 -> rank 1.
    expect(r['NDCG@5']).toBeCloseTo((2 + ndcgRank1) / 3, 5);
  });
});
