import type { ReshelfReason } from './errors.js';
import type { OnlineFusionStatus } from '../fusion/online/onlineStatus.js';
import type { BackendName } from '../scoring/types.js';

/**
 * Which scoring backend computes the vector signals (content, CF, prototypes) in the worker, and why.
 * `timings` are the measured median ms per pass (score + top 50) on this catalog's table shape, or the error of
 * a backend that could not run; empty when the choice was forced or came from the cache without timings.
 */
export interface ScoringStatus {
  backend: BackendName;
  /** measured on this device now, read from the cache of an earlier visit, or forced by the `backend` option. */
  source: 'measured' | 'cache' | 'forced';
  timings: Partial<Record<BackendName, number | { error: string }>>;
  /** Backends given up in this page view (failed to start, threw, lost their GPU, non-finite scores), with why. */
  dropped: { backend: BackendName; reason: string }[];
  /** Milliseconds the worker spent on the most recent ranking. */
  lastRankMs?: number;
  /**
   * Each vector table the signals score against (`cf`, `content`, `model`), its shape and the backend serving
   * it: choices are per table shape, so tables of different shapes may be served by different backends.
   * `backend`, `source` and `timings` above describe the first of them.
   */
  tables?: { table: string; shape: string; backend: BackendName; source: 'measured' | 'cache' | 'forced' }[];
}

/**
 * Where the choice of scoring backend stands: `measuring` while the backends are timed in the background (a
 * first visit; rankings use reshelf's plain loops meanwhile, and `status()` updates by itself when it finishes),
 * `chosen` once `scoring` says which backend serves (or that all failed and the plain loops serve), `none` when
 * the catalog has no vector tables (no CF, content or model vectors): there is nothing to score on an engine, so
 * nothing is measured and the other signals rank in plain loops.
 */
export type ScoringState = 'measuring' | 'chosen' | 'none';

/** Storage trouble reshelf handled without stopping: the device ran out of quota, or a write failed. */
export interface StorageReport {
  /** Oldest events deleted so newer ones fit (the browser refused a write for lack of quota). */
  droppedForQuota: number;
  /** Events that could not be stored at all; they still shaped ranking in this page view. */
  notStored: number;
  /** The last storage problem, with a code. */
  reason: ReshelfReason;
}

/** What reshelf is doing right now, readable at any time through `status()`. */
export type ReshelfStatus =
  | { state: 'starting' }
  | {
      state: 'ready';
      /** Where history lives; 'memory' means it will not survive a reload (see `storageReason`). */
      storage: 'indexeddb' | 'memory';
      storageReason?: ReshelfReason;
      catalog: { version: string; items: number };
      /** Present once storage had to give something up in this page view: what and why. */
      storageReport?: StorageReport;
      /** On-device online learning of the fusion weights: on or off, evidence so far, multipliers in use (updated after each ranking). */
      online?: OnlineFusionStatus;
      /** The scoring backend serving rankings; absent until the worker has chosen one (updated when the measurement finishes and after each ranking). */
      scoring?: ScoringStatus;
      /** Whether a backend is still being measured, chosen, or not needed (no vector tables): see ScoringState. */
      scoringState?: ScoringState;
    }
  /** Personalisation is off; every widget keeps the page's original order. */
  | { state: 'unavailable'; reason: ReshelfReason };
