import { describe, expect, it } from 'vitest';
import { listMetrics, rankMetrics, rankOfTarget, topKLexicographic } from './metrics.js';

describe('ranking metrics, worked out by hand', () => {
  it('single target at 0-based rank 2 (third place), k = 5', () => {
    // NDCG = 1/log2(4) = 0.5; MRR = 1/3; P = 1/5; R = 1; F1 = 2*(0.2*1)/(1.2) = 1/3; MAP = (1/3)/1.
    const m = rankMetrics(2, 5);
    expect(m.HR).toBe(1);
    expect(m.NDCG).toBeCloseTo(0.5, 12);
    expect(m.MRR).toBeCloseTo(1 / 3, 12);
    expect(m.P).toBeCloseTo(0.2, 12);
    expect(m.R).toBe(1);
    expect(m.F1).toBeCloseTo(1 / 3, 12);
    expect(m.MAP).toBeCloseTo(1 / 3, 12);
  });

  it('a target at rank k or beyond is a miss everywhere; an unreachable one too', () => {
    for (const rank of [5, 6, Infinity]) expect(Object.values(rankMetrics(rank, 5)).every((v) => v === 0)).toBe(true);
  });

  it('first place: NDCG 1, MRR 1, F1 2/(k+1)', () => {
    const m = rankMetrics(0, 10);
    expect(m.NDCG).toBe(1);
    expect(m.MRR).toBe(1);
    expect(m.F1).toBeCloseTo(2 / 11, 12);
  });

  it('listMetrics with two relevant items in [7, 3, 9, 1, 4], relevant {3, 4}, k = 5', () => {
    // hits at ranks 1 and 4: DCG = 1/log2(3) + 1/log2(6); IDCG = 1 + 1/log2(3).
    // P = 2/5, R = 1, F1 = 2*0.4/(1.4) = 4/7; AP = (1/2 + 2/5)/2 = 0.45; MRR = 1/2.
    const m = listMetrics([7, 3, 9, 1, 4], new Set([3, 4]), 5);
    expect(m.HR).toBe(1);
    expect(m.NDCG).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3)), 12);
    expect(m.MRR).toBe(0.5);
    expect(m.P).toBeCloseTo(0.4, 12);
    expect(m.R).toBe(1);
    expect(m.F1).toBeCloseTo(4 / 7, 12);
    expect(m.MAP).toBeCloseTo(0.45, 12);
  });

  it('rank-based and list-based metrics agree for one target at every rank', () => {
    const list = [5, 8, 2, 9, 0, 1, 3, 4, 6, 7];
    for (let r = 0; r < list.length; r++) {
      for (const k of [3, 5, 10]) {
        const a = rankMetrics(r, k);
        const b = listMetrics(list, new Set([list[r]!]), k);
        for (const key of Object.keys(a) as (keyof typeof a)[]) expect(a[key]).toBeCloseTo(b[key], 12);
      }
    }
  });
});

describe('rank of the target (protocol tie rule)', () => {
  it('counts higher scores, then equal scores with a smaller index; masked items do not count', () => {
    const scores = [3, 5, 5, 1, 5, 0];
    // Target 4 (score 5): items 1 and 2 tie with smaller index -> rank 2; masking item 1 -> rank 1.
    expect(rankOfTarget(scores, 4, undefined)).toBe(2);
    expect(rankOfTarget(scores, 4, Uint8Array.from([0, 1, 0, 0, 0, 0]))).toBe(1);
    expect(rankOfTarget(scores, 4, Uint8Array.from([0, 0, 0, 0, 1, 0]))).toBe(Infinity);
  });

  it('a secondary score (popularity back-off) breaks ties before the index', () => {
    const scores = [0, 0, 0, 2];
    const popularity = [1, 9, 4, 0];
    expect(rankOfTarget(scores, 2, undefined, popularity)).toBe(2); // item 3 (score 2), item 1 (pop 9)
    expect(Array.from(topKLexicographic(scores, 4, undefined, popularity))).toEqual([3, 1, 2, 0]);
  });
});
