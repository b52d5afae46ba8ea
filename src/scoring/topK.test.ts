import { describe, expect, it } from 'vitest';
import { ScoringError } from './scoringError.js';
import { selectTopK } from './topK.js';
import { seededRandom } from './syntheticTable.js';

function bruteForce(scores: Float32Array, k: number, exclude?: Uint8Array): number[] {
  const ids = Array.from(scores.keys()).filter((i) => !exclude || exclude[i] === 0);
  ids.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return ids.slice(0, k);
}

describe('selectTopK', () => {
  it('matches a full sort on random scores, for many k', () => {
    const random = seededRandom(7);
    const scores = Float32Array.from({ length: 5000 }, () => random() * 2 - 1);
    for (const k of [1, 2, 10, 50, 4999, 5000, 6000]) {
      expect(Array.from(selectTopK(scores, 0, scores.length, k).indices)).toEqual(bruteForce(scores, k));
    }
  });

  it('ranks ties by lower index and honours the exclusion mask', () => {
    const scores = Float32Array.from([1, 3, 3, 2, 3, 0, 3]);
    const exclude = Uint8Array.from([0, 0, 1, 0, 0, 0, 0]);
    const top = selectTopK(scores, 0, scores.length, 3, exclude);
    expect(Array.from(top.indices)).toEqual([1, 4, 6]);
    expect(Array.from(top.scores)).toEqual([3, 3, 3]);
    const random = seededRandom(3);
    const many = Float32Array.from({ length: 3000 }, () => Math.floor(random() * 20));
    const mask = Uint8Array.from({ length: 3000 }, () => (random() < 0.3 ? 1 : 0));
    expect(Array.from(selectTopK(many, 0, many.length, 50, mask).indices)).toEqual(bruteForce(many, 50, mask));
  });

  it('reads a block at an offset and applies row weights', () => {
    const scores = Float32Array.from([9, 9, 1, 2, 4]);
    const top = selectTopK(scores, 2, 3, 2, undefined, Float32Array.from([10, 1, 1]));
    expect(Array.from(top.indices)).toEqual([0, 2]);
    expect(Array.from(top.scores)).toEqual([10, 4]);
  });

  it('returns an empty list for k = 0 and rejects non-finite scores', () => {
    expect(selectTopK(Float32Array.from([1, 2]), 0, 2, 0).indices.length).toBe(0);
    expect(() => selectTopK(Float32Array.from([1, Number.NaN, 2]), 0, 3, 2)).toThrow(ScoringError);
    expect(() => selectTopK(Float32Array.from([1, Infinity]), 0, 2, 1)).toThrow(/NaN or infinite/);
  });
});

describe('selectTopK with block maxima', () => {
  it('skips blocks that cannot beat the k-th best and still returns exactly the full-scan result', () => {
    const random = seededRandom(11);
    const n = 10_000;
    const size = 256;
    const scores = Float32Array.from({ length: n }, () => Math.round((random() * 2 - 1) * 50) / 10);
    const max = new Float32Array(Math.ceil(n / size)).fill(-Infinity);
    scores.forEach((s, i) => (max[Math.floor(i / size)] = Math.max(max[Math.floor(i / size)]!, s)));
    const mask = Uint8Array.from({ length: n }, () => (random() < 0.2 ? 1 : 0));
    for (const k of [1, 50, 500]) {
      expect(Array.from(selectTopK(scores, 0, n, k, mask, undefined, { max, size }).indices)).toEqual(bruteForce(scores, k, mask));
    }
  });

  it('does not trust block maxima that would hide a NaN', () => {
    const scores = Float32Array.from([5, 4, 1, Number.NaN, 1, 1]);
    expect(() => selectTopK(scores, 0, 6, 2, undefined, undefined, { max: Float32Array.from([5, Number.NaN, 1]), size: 2 })).toThrow(/NaN/);
  });
});
