import { describe, expect, it } from 'vitest';
import type { SignalName } from '../../signals/registry.js';
import { gaussianSource, seededRandom } from '../../training/random.js';
import {
  DEFAULT_ONLINE_LEARNER,
  currentMultipliers,
  initialLearnerState,
  learnFromClick,
  parseLearnerState,
  preferencePairs,
  type LearnerImpression,
  type OnlineLearnerState,
} from './onlineLearner.js';

const SIGNALS: SignalName[] = ['content', 'cf', 'pop', 'sequence'];
/** Shipped weights on different scales, as in a real bundle. */
const WEIGHTS = [2.8, 0.2, 0.05, 1];
const { minMultiplier, maxMultiplier, maxStep, minClicks } = DEFAULT_ONLINE_LEARNER;

/**
 * A simulated shopper: each round a widget of `size` items with independent per-signal contributions is ranked
 * by the shipped weights times the current multipliers; the shopper clicks the shown item that `follows`
 * scores highest. Returns the final state and where the clicked item was shown each round.
 */
function simulate(follows: SignalName, rounds: number, seed: number, size = 12): { state: OnlineLearnerState; clickedAt: number[] } {
  const normal = gaussianSource(seededRandom(seed));
  const target = SIGNALS.indexOf(follows);
  let state = initialLearnerState();
  const clickedAt: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const items = Array.from({ length: size }, () => SIGNALS.map(() => normal()));
    const m = currentMultipliers(state);
    const score = (x: number[]) => x.reduce((sum, v, s) => sum + WEIGHTS[s]! * (m[SIGNALS[s]!] ?? 1) * v, 0);
    const shown = [...items].sort((a, b) => score(b) - score(a));
    let position = 0;
    for (let k = 1; k < shown.length; k++) if (shown[k]![target]! > shown[position]![target]!) position = k;
    clickedAt.push(position);
    const impression: LearnerImpression = { signals: SIGNALS, weights: WEIGHTS, contributions: shown };
    state = learnFromClick(state, impression, position);
  }
  return { state, clickedAt };
}

/** Mean position at which held-out widgets (a seed the learner never saw) show the item `follows` scores highest. */
function heldOutPosition(follows: SignalName, multipliers: Partial<Record<SignalName, number>>, seed = 999, widgets = 300, size = 12): number {
  const normal = gaussianSource(seededRandom(seed));
  const target = SIGNALS.indexOf(follows);
  const score = (x: number[]) => x.reduce((sum, v, s) => sum + WEIGHTS[s]! * (multipliers[SIGNALS[s]!] ?? 1) * v, 0);
  let total = 0;
  for (let w = 0; w < widgets; w++) {
    const items = Array.from({ length: size }, () => SIGNALS.map(() => normal()));
    const best = items.reduce((a, b) => (b[target]! > a[target]! ? b : a));
    total += items.filter((x) => score(x) > score(best)).length;
  }
  return total / widgets;
}

describe('online fusion learner', () => {
  for (const follows of ['pop', 'cf', 'sequence'] as const) {
    it(`moves toward the signal the shopper follows (${follows}) and ranks its items higher`, () => {
      const { state } = simulate(follows, 80, 7);
      const m = currentMultipliers(state);
      // The followed signal gains weight relative to every other one...
      for (const other of SIGNALS) if (other !== follows) expect(m[follows]!, other).toBeGreaterThan(m[other]!);
      expect(m[follows]!).toBeGreaterThan(1);
      // ...and on widgets it never saw, the item that signal prefers is shown higher than with the shipped weights.
      expect(heldOutPosition(follows, m)).toBeLessThan(heldOutPosition(follows, {}));
    });
  }

  it('stays within its bounds however consistent the evidence', () => {
    const { state } = simulate('pop', 300, 3);
    for (const value of Object.values(currentMultipliers(state))) {
      expect(value).toBeGreaterThanOrEqual(minMultiplier - 1e-12);
      expect(value).toBeLessThanOrEqual(maxMultiplier + 1e-12);
    }
    // pop starts far below content (0.05 vs 2.8): it reaches the upper bound, content the lower one.
    expect(currentMultipliers(state).pop).toBeCloseTo(maxMultiplier, 6);
  });

  it('one odd click moves no multiplier by more than one bounded step, and nothing applies before minClicks', () => {
    const impression: LearnerImpression = { signals: ['content', 'pop'], weights: [1, 1], contributions: [[1e6, -1e6], [-1e6, 1e6]] };
    const once = learnFromClick(initialLearnerState(), impression, 1);
    for (const phi of Object.values(once.logMultipliers)) expect(Math.abs(phi)).toBeLessThanOrEqual(maxStep + 1e-12);
    expect(once.logMultipliers.pop).toBeGreaterThan(0);
    expect(currentMultipliers(once)).toEqual({ content: 1, pop: 1 });
    let state = once;
    for (let i = 1; i < minClicks; i++) state = learnFromClick(state, impression, 1);
    expect(state.clicks).toBe(minClicks);
    expect(currentMultipliers(state).pop).toBeGreaterThan(1);
    expect(currentMultipliers(state).pop).toBeLessThanOrEqual(Math.exp(minClicks * maxStep) + 1e-9);
  });

  it('learns from "clicked > skipped above" and "clicked > next", not from a repeated click', () => {
    expect(preferencePairs(3, 6, new Set())).toEqual([0, 1, 2, 4]);
    expect(preferencePairs(3, 6, new Set([1, 4]))).toEqual([0, 2]);
    expect(preferencePairs(0, 1, new Set())).toEqual([]);
    const impression: LearnerImpression = { signals: ['content'], weights: [1], contributions: [[0]] };
    expect(learnFromClick(initialLearnerState(), impression, 0)).toEqual(initialLearnerState());
  });

  it('ignores missing or non-finite contributions instead of producing NaN multipliers', () => {
    const broken: LearnerImpression = { signals: ['content', 'pop'], weights: [1, 1], contributions: [[Number.NaN, 1], [2]] };
    const state = learnFromClick(initialLearnerState(), broken, 1);
    for (const phi of Object.values(state.logMultipliers)) expect(Number.isFinite(phi)).toBe(true);
    // Only pop learned (the clicked item lacks it: 0 against 1); content moved only through the centring.
    expect(state.logMultipliers.pop).toBeLessThan(0);
    expect(state.logMultipliers.content).toBeCloseTo(-state.logMultipliers.pop!, 12);
  });

  it('is deterministic and resets to the shipped weights', () => {
    expect(simulate('cf', 40, 11).state).toEqual(simulate('cf', 40, 11).state);
    expect(currentMultipliers(initialLearnerState())).toEqual({});
  });

  it('accepts only a well-formed stored state', () => {
    const { state } = simulate('cf', 10, 5);
    expect(parseLearnerState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(parseLearnerState({ version: 2, logMultipliers: {}, clicks: 0, pairs: 0 })).toBeUndefined();
    expect(parseLearnerState('nonsense')).toBeUndefined();
    expect(parseLearnerState({ version: 1, logMultipliers: { cf: 'x', pop: 0.1 }, clicks: 3, pairs: 4 })).toEqual({ version: 1, logMultipliers: { pop: 0.1 }, clicks: 3, pairs: 4 });
  });
});
