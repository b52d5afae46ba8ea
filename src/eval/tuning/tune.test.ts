import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../datasets/dataset.js';
import { DEFAULT_FUSION_CONFIG } from '../../fusion/defaultConfig.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../../training/buildCatalogModel.js';
import { tune } from './tune.js';

/**
 * Eight items in two product lines (pens, hoses) and users who stay within a line, so every signal has
 * something to say. Small enough that a whole tuning run (stage 1 grid, a few trials, stacking) takes
 * milliseconds.
 */
const texts = ['red ball pen fine', 'red ball pen bold', 'blue ball pen fine', 'blue ink refill pen', 'garden hose green long', 'garden hose spray nozzle', 'garden hose reel', 'spray nozzle brass'];
const sequences = [
  [0, 1, 2, 3],
  [1, 2, 3, 0],
  [2, 3, 0, 1],
  [3, 0, 1, 2],
  [4, 5, 6, 7],
  [5, 6, 7, 4],
  [6, 7, 4, 5],
  [7, 4, 5, 6],
  [0, 2, 1, 3],
  [4, 6, 5, 7],
];
const dataset: Dataset = {
  name: 'lines',
  items: texts.map((text, i) => ({ id: String(i + 1), attributes: { title: text }, text, tags: [] })),
  users: sequences.map((items, u) => ({ userId: `u${u}`, items: Int32Array.from(items) })),
};
const small = (neighbours: number): TrainingOptions => ({
  ...DEFAULT_TRAINING_OPTIONS,
  content: { ...DEFAULT_TRAINING_OPTIONS.content, dim: 4, neighbours },
  als: { ...DEFAULT_TRAINING_OPTIONS.als, factors: 2 },
  sections: { ...DEFAULT_TRAINING_OPTIONS.sections, prototypes: false },
});
const run = (neighbours: number) => tune(dataset, DEFAULT_FUSION_CONFIG, { strategy: 'random', budget: 3, folds: 1, maxUsers: 100, depth: 8, seed: 1, training: small(neighbours) });

describe('tune', () => {
  it('searches contentKnn (decay grid and fusion weight) only when the model has a content neighbour table', () => {
    const withTable = run(2);
    expect(withTable.result.signalSearch.filter((e) => e.signal === 'contentKnn').map((e) => e.params.decay)).toEqual([0.3, 0.6, 0.9]);
    expect(withTable.result.trials.every((t) => (t.weights.contentKnn ?? 0) > 0)).toBe(true);
    expect(withTable.config.weights.contentKnn).toBeGreaterThan(0);
    expect(withTable.config.signals.contentKnn?.neighbours).toBe('content');

    const without = run(0);
    expect(without.result.signalSearch.some((e) => e.signal === 'contentKnn')).toBe(false);
    expect(without.result.trials.every((t) => t.weights.contentKnn === undefined)).toBe(true);
    expect(without.config.weights.contentKnn ?? 0).toBe(0);
  });

  it('searches weights up to --weight-max and reports the signals chosen at either end of the range', () => {
    const wide = tune(dataset, DEFAULT_FUSION_CONFIG, { strategy: 'random', budget: 12, folds: 1, maxUsers: 100, depth: 8, seed: 1, training: small(0), weightMax: 1000 });
    expect(wide.result.weightRange).toEqual([0.01, 1000]);
    const all = wide.result.trials.flatMap((t) => Object.values(t.weights));
    expect(Math.max(...all)).toBeGreaterThan(10); // the default range would never try this
    expect(Math.max(...all)).toBeLessThanOrEqual(1000);
    for (const [signal, w] of Object.entries(wide.config.weights)) {
      const atEnd = signal !== 'sequence' && (w * 1.25 >= 1000 || w <= 0.0125);
      expect(wide.result.atBound.includes(signal)).toBe(atEnd);
    }
    const narrow = run(0);
    expect(narrow.result.weightRange).toEqual([0.01, 10]);
    expect(Math.max(...narrow.result.trials.flatMap((t) => Object.values(t.weights)))).toBeLessThanOrEqual(10);
    expect(() => tune(dataset, DEFAULT_FUSION_CONFIG, { strategy: 'random', budget: 1, folds: 1, maxUsers: 100, depth: 8, seed: 1, training: small(0), weightMax: 1 })).toThrow(/above/);
  });

  it('holds --weight-reference at 1 and searches every other signal relative to it', () => {
    const byEase = tune(dataset, DEFAULT_FUSION_CONFIG, { strategy: 'random', budget: 6, folds: 1, maxUsers: 100, depth: 8, seed: 1, training: small(0), reference: 'ease' });
    expect(byEase.result.reference).toBe('ease');
    expect(byEase.result.trials.every((t) => t.weights.ease === 1)).toBe(true);
    // The default reference is searched like any other signal now, so some trial moves it off 1.
    expect(byEase.result.trials.some((t) => t.weights.sequence !== 1)).toBe(true);
    expect(byEase.result.atBound.includes('ease')).toBe(false);
    expect(run(0).result.reference).toBe('sequence');
    expect(() => tune(dataset, DEFAULT_FUSION_CONFIG, { strategy: 'random', budget: 1, folds: 1, maxUsers: 100, depth: 8, seed: 1, training: small(0), reference: 'model' })).toThrow(/reference signal model is not among/);
  });
});
