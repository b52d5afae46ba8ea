import { describe, expect, it } from 'vitest';
import { createStrategy, type Observation, type StrategyName } from './strategies.js';

/** A smooth objective with its optimum at 0.3 in every dimension. */
const objective = (p: number[]): number => -p.reduce((s, x) => s + (x - 0.3) ** 2, 0);

function bestAfter(name: StrategyName, budget: number, seed: number): number {
  const strategy = createStrategy(name, 3, budget, seed);
  const history: Observation[] = [];
  for (let t = 0; t < budget; t++) {
    const point = strategy.next(history);
    history.push({ point, score: objective(point) });
  }
  return Math.max(...history.map((o) => o.score));
}

describe('search strategies', () => {
  it('grid visits a full factorial design inside the unit cube', () => {
    const strategy = createStrategy('grid', 2, 9);
    const history: Observation[] = [];
    for (let t = 0; t < 9; t++) history.push({ point: strategy.next(history), score: 0 });
    expect(new Set(history.map((o) => o.point.join(','))).size).toBe(9);
    expect(history.every((o) => o.point.every((x) => x >= 0 && x <= 1))).toBe(true);
  });

  it('TPE uses its surrogate: over 8 seeds it ends closer to the optimum than random search', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const mean = (name: StrategyName): number => seeds.reduce((s, seed) => s + bestAfter(name, 40, seed), 0) / seeds.length;
    expect(mean('bayes')).toBeGreaterThan(mean('random'));
  });
});
