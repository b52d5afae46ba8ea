/**
 * The one contract between the page and the worker (comlink). The page never reads IndexedDB, the catalog or
 * the ranking code: everything below runs off the main thread. (Its one write path is the unload rescue of
 * events the worker has not confirmed yet, storage/pageEventJournal.ts.)
 */
import type { StoredEvent } from '../api/events.js';
import type { ReshelfReason } from '../api/errors.js';
import type { AppendReport, RetentionPolicy } from '../storage/eventStore.js';
import type { RankInput, RankOutput } from '../ranking/rankCandidates.js';
import type { ApplicationWorkerApi } from '../applications/applicationService.js';
import type { ScoringState, ScoringStatus } from '../api/status.js';
import type { BackendName } from '../scoring/types.js';
import type { OnlineFusionStatus } from '../fusion/online/onlineStatus.js';
import type { OnlineFusionRecord } from './onlineFusion.js';

export interface WorkerInitOptions {
  /** Absolute URL of the bundle's manifest.json. */
  catalogUrl: string;
  /** 'memory' keeps history for this page view only (also the automatic fallback without IndexedDB). */
  storage: 'indexeddb' | 'memory';
  retention?: Partial<RetentionPolicy>;
  /** IndexedDB database name; tests use their own. */
  dbName?: string;
  /** Serve vector scoring with this backend instead of measuring (the others remain fallbacks). */
  backend?: BackendName;
  /** false: fusion weights do not adapt to this shopper's clicks (default true; see onlineFusion.ts). */
  onlineLearning?: boolean;
}

export type WorkerInitResult =
  | { ok: true; storage: 'indexeddb' | 'memory'; storageReason?: ReshelfReason; catalog: { version: string; items: number }; online?: OnlineFusionStatus; scoring?: ScoringStatus; scoringState?: ScoringState }
  | { ok: false; reason: ReshelfReason };

/**
 * What the worker tells the page on its own, without a call: the background measurement of the scoring backends
 * finished, so `status()` changes without waiting for a ranking. Posted as a plain message beside comlink's
 * replies (`{ [STATUS_UPDATE]: update }`, which comlink ignores: it has no call id) and merged into the page's
 * ready status (api/createReshelf.ts).
 */
export interface WorkerStatusUpdate {
  scoring?: ScoringStatus;
  scoringState: ScoringState;
}
export const STATUS_UPDATE = 'reshelfStatus';

/**
 * One request the worker made, from the browser's resource timing (URL and sizes only; the browser records no
 * bodies or headers there). Lets a page show that reshelf only ever downloaded its public, shared files.
 */
export interface NetworkRecord {
  url: string;
  /** How the request was made: `fetch`, `script`, `other`, ... (PerformanceResourceTiming.initiatorType). */
  initiatorType: string;
  /** When it started, ms since the epoch. */
  startTime: number;
  duration: number;
  /** Bytes over the network (0 when served from cache or not exposed). */
  transferSize: number;
  encodedBodySize: number;
}

/** Ranking input as the worker receives it: the ranker's input plus page-side switches. */
export type WorkerRankInput = RankInput & {
  /** Rank as for a shopper without history ("see it as a new shopper"); the stored history is untouched. */
  ignoreHistory?: boolean;
};

/** What `track` did with a batch: stored, skipped as already stored, old events dropped to make room. */
export interface TrackReport extends AppendReport {
  /** Set when the batch could not be stored; it still shapes ranking in this page view. */
  notStored?: ReshelfReason;
}

/**
 * The ranker's output plus how long the worker spent on it (ms, from the worker's own clock), the scoring
 * status after it, and the backends lost while serving it (the next one answered; the page warns once each).
 */
export type WorkerRankOutput = RankOutput & {
  workerMs: number;
  online?: OnlineFusionStatus;
  scoring?: ScoringStatus;
  scoringDropped?: { backend: BackendName; reason: string }[];
};

/** Everything reshelf stored about this shopper, as handed to `exportData()`. */
export interface ExportedData {
  format: 'reshelf-export';
  version: 1;
  exportedAt: string;
  events: StoredEvent[];
  /** On-device online learning: the learned weight multipliers and the recent impressions they learn from. */
  onlineFusion?: OnlineFusionRecord;
}

/** The applications (new arrivals, shops, coupons, portable profiles) add their methods: src/applications/applicationService.ts. */
export interface WorkerApi extends ApplicationWorkerApi {
  init(options: WorkerInitOptions): Promise<WorkerInitResult>;
  /** Stores events; resolves once they are committed, with what was stored, skipped and dropped for quota. */
  track(events: StoredEvent[]): Promise<TrackReport>;
  rank(input: WorkerRankInput): Promise<WorkerRankOutput>;
  exportData(): Promise<ExportedData>;
  /**
   * Deletes every stored event and record and the database itself, drops in-memory state derived from them,
   * and tells the workers of other tabs to drop theirs.
   */
  forget(): Promise<void>;
  /** The requests this worker made so far (its resource timing entries). */
  requests(): Promise<NetworkRecord[]>;
}
