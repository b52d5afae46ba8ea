import { describe, expect, it } from 'vitest';
import { inferS3RecBrands } from './s3recBrands.js';

describe('inferS3RecBrands', () => {
  it('finds brands from their position, in the layout S3-Rec writes (brand first, then categories)', () => {
    // 1 = "Skin Care", 2 = "Face", 3 = "Makeup" (categories); 10, 11 = brands; 12 = a brand named like category 2.
    const data = {
      a: [10, 1, 2],
      b: [11, 3],
      c: [1, 2], // no brand: starts with a level-1 category
      d: [10, 3, 2],
      e: [12, 1, 12], // brand "Face"-like: its id also appears as a category
      f: [3, 12],
    };
    const result = inferS3RecBrands(data);
    expect([...result.topLevel].sort()).toEqual([1, 3]);
    expect(Object.fromEntries(result.brandOf)).toEqual({ a: 10, b: 11, d: 10, e: 12 });
    expect([...result.ambiguous]).toEqual([12]);
  });
});
