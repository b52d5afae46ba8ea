import { describe, expect, it } from 'vitest';
import type { DatasetItem, UserSequence } from '../../datasets/dataset.js';
import type { EvalCase } from '../../datasets/split.js';
import { buildCatalogModel } from '../../training/buildCatalogModel.js';
import { DEFAULT_FUSION_CONFIG } from '../defaultConfig.js';
import { DEFAULT_ONLINE_LEARNER } from './onlineLearner.js';
import { replayOnlineLearning } from './replay.js';

// Two departments; training shoppers walk item i -> i+1 inside one; replayed shoppers (not in training) do the same.
const items: DatasetItem[] = Array.from({ length: 24 }, (_, i) => ({ id: `i${i}`, attributes: { title: `item ${i}`, category: [i < 12 ? 'A' : 'B'] }, text: i < 12 ? 'alpha' : 'beta', tags: [] }));
const walk = (start: number, length: number) => Int32Array.from({ length }, (_, k) => (start + k) % 24);
const train: UserSequence[] = Array.from({ length: 40 }, (_, u) => ({ userId: `t${u}`, items: walk(u % 24, 5) }));
const model = { ...buildCatalogModel(items, train), version: 'test' };
const cases: EvalCase[] = Array.from({ length: 6 }, (_, u) => ({ user: u, history: { userId: `r${u}`, items: walk(u * 3, 8) }, target: (u * 3 + 8) % 24 }));
const config = { ...DEFAULT_FUSION_CONFIG, rules: { excludeHistory: 'all' as const } };

describe('online learning replay', () => {
  it('counts impressions and lessons, and ranks exactly like the shipped weights when nobody reaches minClicks', () => {
    const result = replayOnlineLearning(model, cases, { config, widget: 5, learner: { ...DEFAULT_ONLINE_LEARNER, minClicks: 1000 } });
    expect(result.users).toBe(6);
    expect(result.impressions).toBe(6 * 7);
    expect(result.lessons).toBeGreaterThan(0);
    expect(result.lessons).toBeLessThanOrEqual(result.impressions);
    expect(result.adaptedUsers).toBe(0);
    expect(result.adapted).toEqual(result.shipped);
  });

  it('adapts the shoppers with enough lessons, within the bounds', () => {
    const result = replayOnlineLearning(model, cases, { config, widget: 5, learner: { ...DEFAULT_ONLINE_LEARNER, minClicks: 1 } });
    expect(result.adaptedUsers).toBeGreaterThan(0);
    for (const m of Object.values(result.meanMultipliers)) {
      expect(m).toBeGreaterThanOrEqual(DEFAULT_ONLINE_LEARNER.minMultiplier);
      expect(m).toBeLessThanOrEqual(DEFAULT_ONLINE_LEARNER.maxMultiplier);
    }
  });
});
