import type { SignalName } from '../../signals/registry.js';

/**
 * On-device online learning of the fusion weights: one shopper's own clicks on what reshelf showed them tune
 * how much each signal counts for them.
 *
 * Model. The ranking is f(i) = sum_s w_s * m_s * x_s(i): w_s the shipped weight (bundle or tuned defaults),
 * x_s(i) the signal's contribution per unit weight (its normalised score for `weighted`, its vote points for
 * Borda/RRF, see signalContributions.ts) and m_s = exp(phi_s) a per-shopper multiplier. The learner fits phi by
 * online pairwise logistic regression (RankNet / BPR style): for a clicked item c preferred over a shown item j,
 * P(c > j) = sigmoid(f(c) - f(j)), and each click takes one clipped gradient-ascent step on the log-likelihood.
 * Because the learned score IS the ranking function (only its weights change), improving the likelihood of
 * the shopper's choices moves the ranking toward them, whatever the fusion method.
 *
 * Why these choices:
 * - Pairs, not per-item labels: a pair's difference cancels everything the two items share (the widget, the page,
 *   the shopper's mood), so no intercept or click-rate model is needed.
 * - Which pairs: "clicked > skipped above" and "clicked > not-clicked next" (Joachims 2002, clickthrough data as
 *   implicit feedback). Items above a click were seen and passed over; items far below may never have been
 *   looked at. A click on the first item says little (the current weights already put it there), so it teaches
 *   only against the next one, which keeps the learner from merely reinforcing its own order.
 * - Multipliers in log space, centred (their geometric mean stays 1: fusion is scale-free, only ratios between
 *   signals change the order) and clamped to [minMultiplier, maxMultiplier]: a shopper can at most halve or
 *   double a signal, never switch one off or let one take over.
 * - Bounded steps: each click moves a multiplier by at most `maxStep` in log space (x1.105 by default), and
 *   nothing is applied before `minClicks` informative clicks: one odd click cannot reorder anything, and going
 *   from 1 to 2 takes at least seven consistent clicks.
 * - A gentle pull back toward the shipped weights at each step (`shrink`): a prior that old evidence fades under.
 * - Deterministic and pure: the same clicks give the same multipliers (tests, replays, reproducible bugs).
 */
export interface OnlineLearnerOptions {
  /** Step size of the gradient ascent on the pairwise log-likelihood. */
  learningRate: number;
  /** Largest change of one log-multiplier per click. */
  maxStep: number;
  /** Fraction of each log-multiplier taken back toward 0 (the shipped weights) per click. */
  shrink: number;
  /** Multipliers stay at 1 until this many clicks taught something. */
  minClicks: number;
  minMultiplier: number;
  maxMultiplier: number;
}

export const DEFAULT_ONLINE_LEARNER: OnlineLearnerOptions = {
  learningRate: 0.2,
  maxStep: 0.1,
  shrink: 0.01,
  minClicks: 5,
  minMultiplier: 0.5,
  maxMultiplier: 2,
};

/** What the device remembers between visits: small, plain JSON (stored in IndexedDB, part of exportData()). */
export interface OnlineLearnerState {
  version: 1;
  /** phi_s = ln(m_s) per signal that has been seen in an impression; absent = 0 (multiplier 1). */
  logMultipliers: Partial<Record<SignalName, number>>;
  /** Clicks that produced at least one preference pair (the evidence count behind `minClicks`). */
  clicks: number;
  /** Preference pairs learned from. */
  pairs: number;
}

export function initialLearnerState(): OnlineLearnerState {
  return { version: 1, logMultipliers: {}, clicks: 0, pairs: 0 };
}

/**
 * One impression as the learner sees it: the items in the order they were shown, each with its per-signal
 * contribution per unit weight, and the shipped weights in force.
 */
export interface LearnerImpression {
  signals: readonly SignalName[];
  /** Shipped (un-adapted) weight of each signal, aligned with `signals`. */
  weights: readonly number[];
  /** contributions[position][signal index]: x_s of the item shown at that position. */
  contributions: readonly (readonly number[])[];
}

/** Positions the click at `position` is preferred over: skipped items above it, and the next one if not clicked. */
export function preferencePairs(position: number, shownCount: number, clicked: ReadonlySet<number>): number[] {
  const losers: number[] = [];
  for (let j = 0; j < position; j++) if (!clicked.has(j)) losers.push(j);
  if (position + 1 < shownCount && !clicked.has(position + 1)) losers.push(position + 1);
  return losers;
}

/**
 * Learns from one click on the item at `position` of `impression` (`clicked`: positions of that impression
 * clicked before, which are not counted as skipped). Returns a new state; the input is not changed.
 */
export function learnFromClick(
  state: OnlineLearnerState,
  impression: LearnerImpression,
  position: number,
  clicked: ReadonlySet<number> = new Set(),
  options: OnlineLearnerOptions = DEFAULT_ONLINE_LEARNER,
): OnlineLearnerState {
  const { signals, weights, contributions } = impression;
  if (position < 0 || position >= contributions.length) return state;
  const losers = preferencePairs(position, contributions.length, clicked);
  if (losers.length === 0) return state;
  const phi = { ...state.logMultipliers };
  // The learner's own model weights: shipped weight x current multiplier (applied or not yet).
  const effective = signals.map((name, s) => weights[s]! * Math.exp(phi[name] ?? 0));
  const winner = contributions[position]!;
  const gradient = new Float64Array(signals.length);
  const difference = new Float64Array(signals.length);
  for (const j of losers) {
    const loser = contributions[j]!;
    let margin = 0;
    for (let s = 0; s < signals.length; s++) {
      // A malformed stored impression (a missing or non-finite value) must not turn the multipliers into NaN.
      const d = (winner[s] ?? 0) - (loser[s] ?? 0);
      difference[s] = Number.isFinite(d) ? d : 0;
      margin += effective[s]! * difference[s]!;
    }
    // d/dphi_s log sigmoid(margin) = (1 - sigmoid(margin)) * w_s m_s (x_s(c) - x_s(j)).
    const surprise = 1 / (1 + Math.exp(margin));
    for (let s = 0; s < signals.length; s++) gradient[s]! += surprise * effective[s]! * difference[s]!;
  }
  const lo = Math.log(options.minMultiplier);
  const hi = Math.log(options.maxMultiplier);
  signals.forEach((name, s) => {
    if (weights[s] === 0) return;
    // Averaged over the click's pairs: one click is one unit of evidence wherever it was in the list.
    const raw = (options.learningRate * gradient[s]!) / losers.length;
    const step = Number.isFinite(raw) ? clip(raw, options.maxStep) : 0;
    phi[name] = (1 - options.shrink) * (phi[name] ?? 0) + step;
  });
  return { version: 1, logMultipliers: centreAndClamp(phi, lo, hi), clicks: state.clicks + 1, pairs: state.pairs + losers.length };
}

/**
 * The multipliers to apply now: exp(phi) once `minClicks` informative clicks were seen, else 1 for every
 * signal (so a new shopper ranks exactly like the shipped fusion).
 */
export function currentMultipliers(state: OnlineLearnerState, options: OnlineLearnerOptions = DEFAULT_ONLINE_LEARNER): Partial<Record<SignalName, number>> {
  const out: Partial<Record<SignalName, number>> = {};
  const active = state.clicks >= options.minClicks;
  const lo = Math.log(options.minMultiplier);
  const hi = Math.log(options.maxMultiplier);
  for (const [name, phi] of Object.entries(state.logMultipliers) as [SignalName, number][]) {
    out[name] = active && Number.isFinite(phi) ? Math.exp(Math.min(hi, Math.max(lo, phi))) : 1;
  }
  return out;
}

/** Accepts a stored state only if it has the expected shape (a stored record may come from another version). */
export function parseLearnerState(value: unknown): OnlineLearnerState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<OnlineLearnerState>;
  if (v.version !== 1 || typeof v.clicks !== 'number' || typeof v.pairs !== 'number' || typeof v.logMultipliers !== 'object' || v.logMultipliers === null) return undefined;
  const logMultipliers: Partial<Record<SignalName, number>> = {};
  for (const [name, phi] of Object.entries(v.logMultipliers)) if (typeof phi === 'number' && Number.isFinite(phi)) logMultipliers[name as SignalName] = phi;
  return { version: 1, logMultipliers, clicks: v.clicks, pairs: v.pairs };
}

function clip(value: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, value));
}

/** Subtracts the mean log-multiplier (geometric mean 1: the ranking only sees ratios), then clamps each. */
function centreAndClamp(phi: Partial<Record<SignalName, number>>, lo: number, hi: number): Partial<Record<SignalName, number>> {
  const entries = Object.entries(phi) as [SignalName, number][];
  const mean = entries.reduce((sum, [, value]) => sum + value, 0) / (entries.length || 1);
  const out: Partial<Record<SignalName, number>> = {};
  for (const [name, value] of entries) out[name] = Math.min(hi, Math.max(lo, value - mean));
  return out;
}
