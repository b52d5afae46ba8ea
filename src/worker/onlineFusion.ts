import type { EventType, StoredEvent } from '../api/events.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { exclusionMask } from '../fusion/rankCatalog.js';
import { DEFAULT_ONLINE_LEARNER, currentMultipliers, initialLearnerState, learnFromClick, parseLearnerState, type OnlineLearnerOptions, type OnlineLearnerState } from '../fusion/online/onlineLearner.js';
import type { OnlineFusionStatus } from '../fusion/online/onlineStatus.js';
import { scaleFusionWeights, signalContributions } from '../fusion/online/signalContributions.js';
import type { RankHooks } from '../ranking/rankCandidates.js';
import type { SignalName } from '../signals/registry.js';
import type { WorkerRankInput } from './contract.js';

/**
 * Worker-side glue of on-device online learning (the learner itself: src/fusion/online/onlineLearner.ts).
 * - Each personalised ranking is an impression: the items in the order shown, each with its per-signal
 *   contributions (what fusion added per unit of weight), remembered with the time it was shown.
 * - A later click, add to cart or purchase of a shown item (within CLICK_WINDOW_MS, credited to the most recent
 *   impression shown before it, once per item and impression) is a lesson for the learner.
 * - Rankings use the shipped weights times the learner's bounded multipliers, unless learning is off
 *   (`onlineLearning: false` at init or per call), in which case nothing is adapted or recorded.
 * - State (learner + pending impressions) is one small record in the same store as the events (`meta` of the
 *   IndexedDB database, or memory), so forget() deletes it with everything else and exportData() includes it.
 *   Impressions are stored too because a click usually navigates: the click reaches a new page's worker
 *   (through the store, often via the unload rescue), which must still know what was shown.
 * Nothing here sends anything anywhere.
 */
export const ONLINE_FUSION_META_KEY = 'online-fusion';
/** A click this long after an impression no longer counts as a reaction to it. */
export const CLICK_WINDOW_MS = 30 * 60_000;
/** Impressions remembered (a few page views of a few widgets each). */
export const MAX_IMPRESSIONS = 12;
/** Positions per impression remembered: clicks further down a widget are not learned from. */
export const MAX_SHOWN = 48;
/** Reactions that say "I prefer this one": views are not (a widget may report what it displays as views). */
const POSITIVE: ReadonlySet<EventType> = new Set<EventType>(['click', 'add_to_cart', 'purchase']);

/** Where the state lives: the event store's small key-value records. */
export interface OnlineFusionStore {
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** One ranking as it was shown, in plain JSON (it is stored and exported). */
export interface ShownImpression {
  /** Worker clock (ms since epoch) when the ranking was returned. */
  time: number;
  /** Shop ids in shown order (at most MAX_SHOWN). */
  items: string[];
  signals: SignalName[];
  /** Shipped weight of each signal when shown (before multipliers). */
  weights: number[];
  /** contributions[position][signal]: rounded to 1e-4. */
  contributions: number[][];
  /** Positions already learned from. */
  clicked: number[];
}

/** The stored record (also what exportData() shows of it). */
export interface OnlineFusionRecord {
  version: 1;
  learner: OnlineLearnerState;
  impressions: ShownImpression[];
}

export class OnlineFusion {
  private learner: OnlineLearnerState = initialLearnerState();
  private impressions: ShownImpression[] = [];
  private store: OnlineFusionStore | undefined;
  private enabled = true;
  /** Bumped by reset(): a write queued before forget() must not recreate the deleted database. */
  private generation = 0;
  private saving: Promise<void> = Promise.resolve();
  /** The generation a write is queued for (undefined: none queued). */
  private saveQueued: number | undefined;

  constructor(
    private readonly options: OnlineLearnerOptions = DEFAULT_ONLINE_LEARNER,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the stored state and learns from reactions stored since (e.g. a click rescued while the page unloaded). */
  async start(store: OnlineFusionStore, settings: { enabled: boolean }, history: readonly StoredEvent[]): Promise<void> {
    this.store = store;
    this.enabled = settings.enabled;
    if (!this.enabled) return;
    const generation = this.generation;
    const stored = await store.getMeta<OnlineFusionRecord>(ONLINE_FUSION_META_KEY).catch(() => undefined);
    if (generation !== this.generation) return;
    const learner = parseLearnerState(stored?.learner);
    if (learner) {
      this.learner = learner;
      this.impressions = Array.isArray(stored?.impressions) ? stored.impressions.filter(isImpression) : [];
    }
    this.learn(history);
  }

  /**
   * Splits a ranking request into the ranker's input (without the `onlineLearning` switch) and the hooks that
   * adapt and record it. No hooks (the non-adaptive ranking) when learning is off, for "see it as a new
   * shopper" requests (the multipliers are this shopper's data too), and per call with `config.onlineLearning: false`.
   */
  prepare(input: WorkerRankInput, catalog: CatalogModel): { input: WorkerRankInput; hooks?: RankHooks } {
    let rankInput = input;
    let perCall: unknown;
    if (input.config && 'onlineLearning' in input.config) {
      const { onlineLearning, ...config } = input.config;
      perCall = onlineLearning;
      if (typeof perCall !== 'boolean') throw new TypeError('config.onlineLearning must be true or false');
      rankInput = { ...input, config };
    }
    if (!this.enabled || perCall === false || input.ignoreHistory) return { input: rankInput };
    const multipliers = this.learner.clicks >= this.options.minClicks ? currentMultipliers(this.learner, this.options) : undefined;
    const hooks: RankHooks = {
      ...(multipliers ? { adaptConfig: (config, shopper) => scaleFusionWeights(config, shopper.events.length, multipliers) } : {}),
      observe: (ranked) => {
        // Learning is a nicety: whatever goes wrong recording an impression must not fail the ranking.
        try {
          this.record(ranked, catalog);
        } catch {
          /* not remembered: this impression teaches nothing */
        }
      },
    };
    return { input: rankInput, hooks };
  }

  /** Remembers one ranking as an impression: per-signal contributions of the shown items, per unit weight. */
  private record({ shopper, config, signals, ranking }: Parameters<NonNullable<RankHooks['observe']>>[0], catalog: CatalogModel): void {
    const shown = ranking.indices.subarray(0, MAX_SHOWN);
    if (shown.length < 2) return;
    const mask = exclusionMask(catalog, shopper, config);
    const { signals: names, weights, contributions } = signalContributions(signals, config, shopper.events.length, mask, shown);
    if (names.length === 0) return;
    this.remember({
      time: this.now(),
      items: ranking.items.slice(0, shown.length),
      signals: names,
      weights,
      contributions: contributions.map((row) => row.map((x) => Math.round(x * 1e4) / 1e4)),
      clicked: [],
    });
  }

  /** Learns from new events (each positive reaction on a remembered impression counts once). Never throws. */
  learn(events: readonly StoredEvent[]): void {
    try {
      this.learnFrom(events);
    } catch {
      /* learning is a nicety: tracking goes on whatever happens here */
    }
  }

  private learnFrom(events: readonly StoredEvent[]): void {
    if (!this.enabled || this.impressions.length === 0) return;
    let changed = false;
    const reactions = events.filter((e) => POSITIVE.has(e.type)).sort((a, b) => a.time - b.time);
    for (const event of reactions) {
      let target: ShownImpression | undefined;
      for (const impression of this.impressions) {
        if (event.time < impression.time || event.time - impression.time > CLICK_WINDOW_MS) continue;
        if (!impression.items.includes(event.itemId)) continue;
        if (!target || impression.time >= target.time) target = impression;
      }
      if (!target) continue;
      const position = target.items.indexOf(event.itemId);
      if (target.clicked.includes(position)) continue;
      this.learner = learnFromClick(this.learner, target, position, new Set(target.clicked), this.options);
      target.clicked.push(position);
      changed = true;
    }
    if (changed) this.save();
  }

  /** What the page may show about it (status().online, rank outcomes). */
  status(): OnlineFusionStatus {
    const multipliers = currentMultipliers(this.learner, this.options);
    return { enabled: this.enabled, active: this.enabled && this.learner.clicks >= this.options.minClicks, clicks: this.learner.clicks, multipliers: this.enabled ? multipliers : {} };
  }

  /** The state as exportData() returns it (undefined when there is nothing). */
  exportState(): OnlineFusionRecord | undefined {
    if (this.learner.clicks === 0 && this.impressions.length === 0) return undefined;
    return structuredClone(this.snapshot());
  }

  /** Back to the shipped weights; waits for a write in flight so forget() can then delete the database. */
  async reset(): Promise<void> {
    this.generation++;
    this.learner = initialLearnerState();
    this.impressions = [];
    await this.saving;
  }

  private remember(impression: ShownImpression): void {
    const cutoff = impression.time - CLICK_WINDOW_MS;
    const key = impression.items.join('\u0000');
    // A widget ranked again with the same order replaces its older impression instead of crowding others out.
    this.impressions = this.impressions.filter((i) => i.time >= cutoff && !(i.clicked.length === 0 && i.items.join('\u0000') === key));
    this.impressions.push(impression);
    if (this.impressions.length > MAX_IMPRESSIONS) this.impressions = this.impressions.slice(-MAX_IMPRESSIONS);
    this.save();
  }

  private snapshot(): OnlineFusionRecord {
    return { version: 1, learner: this.learner, impressions: this.impressions };
  }

  /** One write at a time; writes queued meanwhile collapse into one of the latest state. */
  private save(): void {
    const store = this.store;
    const generation = this.generation;
    if (!store || this.saveQueued === generation) return;
    this.saveQueued = generation;
    this.saving = this.saving.then(async () => {
      if (this.saveQueued === generation) this.saveQueued = undefined;
      if (generation !== this.generation) return;
      // Learning is a nicety: a failed write (quota, storage gone) must never disturb ranking.
      await store.setMeta(ONLINE_FUSION_META_KEY, structuredClone(this.snapshot())).catch(() => undefined);
    });
  }
}

function isImpression(value: unknown): value is ShownImpression {
  const v = value as ShownImpression;
  return (
    typeof v === 'object' && v !== null && typeof v.time === 'number' && Array.isArray(v.items) && Array.isArray(v.signals) &&
    Array.isArray(v.weights) && Array.isArray(v.contributions) && Array.isArray(v.clicked) && v.contributions.length === v.items.length &&
    v.items.every((id) => typeof id === 'string') && v.contributions.every((row) => Array.isArray(row) && row.length === v.signals.length)
  );
}
