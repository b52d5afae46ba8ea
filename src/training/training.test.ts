import { describe, expect, it } from 'vitest';
import type { UserSequence } from '../datasets/dataset.js';
import { DEFAULT_CF_SIGNAL, foldInUser } from '../signals/cfFoldInSignal.js';
import { buildContentVectors } from './contentVectors.js';
import { buildCooccurrence } from './cooccurrence.js';
import { buildEaseNeighbours } from './ease.js';
import { trainImplicitAls } from './implicitAls.js';
import { buildInteractionMatrix } from './interactionMatrix.js';
import { buildItemNeighbours } from './itemNeighbours.js';
import { tokenize } from './tokenize.js';
import { buildTransitions } from './transitions.js';

const seq = (...items: number[]): UserSequence => ({ userId: String(items), items: Int32Array.from(items) });

/** Dense Gauss-Jordan inverse for the reference computations below. */
function inverse(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = a.reduce((best, row, r) => (r >= c && Math.abs(row[c]!) > Math.abs(a[best]![c]!) ? r : best), c);
    [a[c], a[p]] = [a[p]!, a[c]!];
    const d = a[c]![c]!;
    a[c] = a[c]!.map((x) => x / d);
    for (let r = 0; r < n; r++) if (r !== c) a[r] = a[r]!.map((x, j) => x - a[r]![c]! * a[c]![j]!);
  }
  return a.map((row) => row.slice(n));
}

describe('item neighbours', () => {
  const train = [seq(0, 1, 2), seq(0, 1), seq(1, 2), seq(2, 3)];
  const matrix = buildInteractionMatrix(train, 4);
  const co = buildCooccurrence(matrix);
  it('cosine = co-count / sqrt(n_i n_j), worked by hand', () => {
    // n = [2, 3, 3, 1]; co(0,1) = 2 -> 2/sqrt(6); co(0,2) = 1 -> 1/sqrt(6).
    const table = buildItemNeighbours(matrix, co, { similarity: 'cosine', k: 3 });
    expect(Array.from(table.items.subarray(0, 3))).toEqual([1, 2, -1]);
    expect(table.weights[0]).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(table.weights[1]).toBeCloseTo(1 / Math.sqrt(6), 6);
  });
  it('Pearson of binary columns over all users, only positive kept', () => {
    // U = 4; (0,1): (4*2 - 2*3) / sqrt(2*2*3*1) = 2/sqrt(12).
    const table = buildItemNeighbours(matrix, co, { similarity: 'pearson', k: 3 });
    expect(table.items[0]).toBe(1);
    expect(table.weights[0]).toBeCloseTo(2 / Math.sqrt(12), 6);
    expect(Array.from(table.items.subarray(0, 3))).not.toContain(2); // (4*1 - 2*3) < 0
  });
  it('local EASE equals closed-form EASE (B = I - P / diag(P)) when every pair co-occurs', () => {
    const dense = [seq(0, 1, 2), seq(0, 1), seq(1, 2), seq(0, 2), seq(0, 1, 2)];
    const m = buildInteractionMatrix(dense, 3);
    const lambda = 0.5;
    const table = buildEaseNeighbours(m, buildCooccurrence(m), { lambda, candidates: 10, k: 2 });
    const g = [0, 1, 2].map((i) => [0, 1, 2].map((j) => dense.filter((u) => u.items.includes(i) && u.items.includes(j)).length + (i === j ? lambda : 0)));
    const p = inverse(g);
    for (let a = 0; a < 3; a++) {
      for (let slot = 0; slot < 2; slot++) {
        const j = table.items[a * 2 + slot]!;
        if (j < 0) continue;
        expect(table.weights[a * 2 + slot]).toBeCloseTo(-p[a]![j]! / p[j]![j]!, 5);
      }
    }
  });
});

describe('transitions', () => {
  it('counts direct successors, with optional gaps and the reverse direction', () => {
    const t = buildTransitions([seq(0, 1, 2), seq(0, 1)], 3, { k: 2, maxGap: 1, gapDecay: 1, backward: 0 });
    expect(t.items[0]).toBe(1);
    expect(t.weights[0]).toBe(2);
    const both = buildTransitions([seq(0, 1, 2)], 3, { k: 2, maxGap: 2, gapDecay: 0.5, backward: 0.25 });
    // row 2: reverse of 1->2 (0.25) and of 0->2 at gap 2 (0.5 * 0.25).
    expect(Array.from(both.items.subarray(4, 6))).toEqual([1, 0]);
    expect(both.weights[5]).toBeCloseTo(0.125, 6);
  });
});

describe('CF fold-in', () => {
  it('solves the implicit-ALS user equation exactly against the item factors', () => {
    const train = [seq(0, 1, 2), seq(1, 2, 3), seq(3, 4), seq(0, 4), seq(2, 4, 1)];
    const als = trainImplicitAls(buildInteractionMatrix(train, 5), { factors: 3, regularization: 0.5, alpha: 4, iterations: 5, cgSteps: 3, seed: 1 });
    const model = { version: 't', ids: ['0', '1', '2', '3', '4'], attributes: [], cf: { dtype: 'float32' as const, count: 5, dim: 3, values: als.items, regularization: 0.5, confidence: 4 } };
    const history = { events: [{ item: 1 }, { item: 3 }] };
    const x = foldInUser(model, history, DEFAULT_CF_SIGNAL)!;
    const y = (i: number): number[] => Array.from(als.items.subarray(i * 3, i * 3 + 3));
    const a = [0, 1, 2].map((p) => [0, 1, 2].map((q) => [0, 1, 2, 3, 4].reduce((s, i) => s + y(i)[p]! * y(i)[q]!, 0) + (p === q ? 0.5 : 0) + [1, 3].reduce((s, i) => s + 4 * y(i)[p]! * y(i)[q]!, 0)));
    const b = [0, 1, 2].map((p) => 5 * (y(1)[p]! + y(3)[p]!));
    const inv = inverse(a);
    for (let p = 0; p < 3; p++) expect(x[p]).toBeCloseTo(inv[p]!.reduce((s, v, q) => s + v * b[q]!, 0), 4);
  });
});

describe('content vectors', () => {
  it('tokenises scripts without spaces into several words', () => {
    expect(tokenize('東京の電気製品を買う').length).toBeGreaterThan(2);
    expect(tokenize('Red Pen, 0.5 mm and refills')).toEqual(['red', 'pen', '0.5', 'mm', 'refills']);
  });
  it('similar texts stay closer than unrelated ones after SVD reduction', () => {
    const items = ['red ball pen fine', 'red ball pen bold', 'garden hose green long', 'garden hose spray nozzle', 'blue ink refill pen'].map((text, i) => ({ id: String(i), attributes: {}, text, tags: [] }));
    const table = buildContentVectors(items, { dim: 3, tagWeight: 1, powerIterations: 2, seed: 3 });
    if (table.dtype !== 'float32') throw new Error('float32 expected');
    const cos = (a: number, b: number): number => [0, 1, 2].reduce((s, d) => s + table.values[a * 3 + d]! * table.values[b * 3 + d]!, 0);
    expect(cos(0, 1)).toBeGreaterThan(cos(0, 2));
    expect(cos(2, 3)).toBeGreaterThan(cos(2, 1));
  });
});

describe('cold item factors', () => {
  it('predicts a CF vector from content for items without interactions', async () => {
    const { fillColdItemFactors } = await import('./coldItemFactors.js');
    // Content is 2-d; CF = 2 x content for the warm items, so the map is learned and applied to item 3.
    const content = { dtype: 'float32' as const, count: 4, dim: 2, values: Float32Array.from([1, 0, 0, 1, 1, 1, 0.5, 0.5]) };
    const cf = Float32Array.from([2, 0, 0, 2, 2, 2, 0, 0]);
    expect(fillColdItemFactors(content, cf, 2, Uint8Array.from([1, 1, 1, 0]), 1e-6)).toBe(1);
    expect(cf[6]).toBeCloseTo(1, 4);
    expect(cf[7]).toBeCloseTo(1, 4);
  });
});

describe('content neighbours', () => {
  it('hold each item\'s top-k items by exact TF-IDF cosine, best first, never the item itself', async () => {
    const { buildContentNeighbours } = await import('./contentNeighbours.js');
    const { buildTfIdf } = await import('./contentVectors.js');
    const texts = ['red ball pen fine', 'red ball pen bold', 'garden hose green long', 'garden hose spray nozzle', 'blue ink refill pen', 'unique words only'];
    const items = texts.map((text, i) => ({ id: String(i), attributes: {}, text, tags: i < 2 ? ['brand:acme'] : [] }));
    const table = buildContentNeighbours(items, 2, { tagWeight: 1 });
    // Reference: dense cosine of the full-vocabulary TF-IDF rows.
    const rows = buildTfIdf(items, 1);
    const dense = items.map((_, i) => {
      const v = new Float64Array(rows.vocabulary);
      for (let p = rows.start[i]!; p < rows.start[i + 1]!; p++) v[rows.columns[p]!] = rows.values[p]!;
      return v;
    });
    const cos = (a: number, b: number): number => dense[a]!.reduce((s, x, d) => s + x * dense[b]![d]!, 0);
    for (let i = 0; i < items.length; i++) {
      const expected = items.map((_, j) => j).filter((j) => j !== i && cos(i, j) > 1e-6).sort((a, b) => cos(i, b) - cos(i, a) || a - b).slice(0, 2);
      const got = Array.from(table.items.subarray(i * 2, i * 2 + 2)).filter((j) => j >= 0);
      expect(got).toEqual(expected);
      got.forEach((j, p) => expect(table.weights[i * 2 + p]).toBeCloseTo(cos(i, j), 5));
    }
    // 'unique words only' shares no term with any other item: an empty row.
    expect(Array.from(table.items.subarray(10, 12))).toEqual([-1, -1]);
    expect(table.items[0]).toBe(1);
  });
});
