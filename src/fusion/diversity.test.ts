import { describe, expect, it } from 'vitest';
import type { VectorTable } from '../catalog/catalogModel.js';
import { mmrRerank } from './diversity.js';

describe('MMR diversity', () => {
  // Items 0 and 1 are identical in content, 2 is orthogonal to both.
  const content: VectorTable = { dtype: 'float32', count: 3, dim: 2, values: Float32Array.from([1, 0, 1, 0, 0, 1]) };
  const scores = Float32Array.from([1, 0.9, 0.5]);
  it('lambda 1 keeps the relevance order; a lower lambda lifts the dissimilar item over the near-duplicate', () => {
    expect(Array.from(mmrRerank(Int32Array.from([0, 1, 2]), scores, content, 1))).toEqual([0, 1, 2]);
    expect(Array.from(mmrRerank(Int32Array.from([0, 1, 2]), scores, content, 0.5))).toEqual([0, 2, 1]);
  });
});
