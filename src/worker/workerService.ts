import { isInterest, type StoredEvent } from '../api/events.js';
import { toReason, type ReshelfReason } from '../api/errors.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { cacheStorageBundleCache } from '../catalog/bundleCache.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_RETENTION, type EventStore, type RetentionPolicy } from '../storage/eventStore.js';
import { IndexedDbEventStore } from '../storage/indexedDbEventStore.js';
import { MemoryEventStore } from '../storage/memoryEventStore.js';
import { StorageError } from '../storage/storageError.js';
import { deleteReshelfCaches } from '../storage/forgetEverything.js';
import { DB_NAME } from '../storage/schema.js';
import { rankCandidates, rankCandidatesBatched } from '../ranking/rankCandidates.js';
import { createApplicationService } from '../applications/applicationService.js';
import { OnlineFusion } from './onlineFusion.js';
import { createWorkerSequenceModel } from '../models/workerModelSignal.js';
import { createWorkerScoring, type WorkerScoringOptions } from './workerScoring.js';
import type { ExportedData, NetworkRecord, WorkerApi, WorkerInitOptions, WorkerInitResult, WorkerRankInput, WorkerRankOutput, WorkerStatusUpdate } from './contract.js';

/** History considered for ranking: enough for every signal, small enough to read in a few ms. */
const RANKING_HISTORY = 500;

/** Test seams: scoring backends and measurement limits (the shipped worker uses the defaults). */
export interface WorkerServiceOptions {
  scoring?: Omit<WorkerScoringOptions, 'force'>;
  /** How the worker tells the page about a status change it did not ask for (worker.ts posts it; contract.ts). */
  notify?: (update: WorkerStatusUpdate) => void;
}

/** The worker's state and operations; the entry file only exposes this over comlink (tests call it directly). */
export function createWorkerService(serviceOptions: WorkerServiceOptions = {}): WorkerApi {
  let store: EventStore | undefined;
  let catalog: CatalogModel | undefined;
  let retention: RetentionPolicy = DEFAULT_RETENTION;
  /**
   * Recent interest cached in memory so a ranking right after `track` does not wait on IndexedDB. Impressions
   * (cards shown) are stored but never enter it: they are not interest (api/events.ts isInterest), and a long
   * scroll through listings would otherwise push the shopper's real interactions out of the window.
   */
  let history: StoredEvent[] = [];
  let forgetChannel: BroadcastChannel | undefined;
  /** On-device online learning of the fusion weights (onlineFusion.ts). */
  const online = new OnlineFusion();
  /** The scoring engine serving the vector signals (workerScoring.ts); made per init for its `backend` option. */
  let scoring = createWorkerScoring(serviceOptions.scoring);
  /** The bundle's trained sequence model (issue 8), loaded on first use; on the engine's tfjs backend if it has one. */
  const sequenceModel = createWorkerSequenceModel({ preferredBackend: () => scoring.status()?.backend });

  async function openStore(options: WorkerInitOptions): Promise<{ store: EventStore; reason?: ReshelfReason }> {
    if (options.storage === 'memory') return { store: new MemoryEventStore() };
    try {
      return { store: await IndexedDbEventStore.open(options.dbName) };
    } catch (error) {
      const code = error instanceof StorageError ? error.code : 'STORAGE_UNAVAILABLE';
      return { store: new MemoryEventStore(), reason: { code, message: `history is kept in memory for this page view only: ${(error as Error).message}` } };
    }
  }

  function requireReady(): { store: EventStore; catalog: CatalogModel } {
    if (!store || !catalog) throw new Error('reshelf worker used before init()');
    return { store, catalog };
  }

  const service: WorkerApi = {
    ...createApplicationService({ catalog: () => requireReady().catalog, history: () => history, store: (events) => service.track(events) }),

    async init(options) {
      retention = { ...DEFAULT_RETENTION, ...options.retention };
      // forget() in another tab deletes the database; this tab's derived history must go too.
      forgetChannel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`reshelf-forget:${options.dbName ?? DB_NAME}`);
      forgetChannel?.addEventListener('message', () => {
        history = [];
        catalog?.sequenceModel?.queries.clear();
        scoring.stopPersisting();
        void online.reset();
      });
      const [opened, loaded] = await Promise.all([
        openStore(options),
        // Verified files are kept in the Cache API; a new manifest refetches only the files whose hash changed.
        loadBundle(options.catalogUrl, { cache: cacheStorageBundleCache() }).then(
          (model) => ({ model }),
          (error: unknown) => ({ error: toReason(error, 'BUNDLE_FETCH_FAILED') }),
        ),
      ]);
      store = opened.store;
      if ('error' in loaded) return { ok: false, reason: loaded.error } satisfies WorkerInitResult;
      catalog = loaded.model;
      await store.applyRetention(retention, Date.now());
      history = await store.recent(RANKING_HISTORY, isInterest);
      await online.start(store, { enabled: options.onlineLearning !== false }, history);
      scoring.dispose();
      scoring = createWorkerScoring({ ...serviceOptions.scoring, ...(options.backend ? { force: options.backend } : {}) });
      // Bounded: a measurement that takes longer finishes in the background while rankings use the plain loop.
      await scoring.load(catalog, store);
      const scoringStatus = scoring.status();
      const scoringState = scoring.state();
      if (scoringState === 'measuring') {
        const measuring = scoring;
        // Tell the page when it finishes, so status() needs no ranking to catch up. A macrotask later: the reply
        // to this init() is posted first (the page only takes updates once it is ready).
        void measuring.measured().then(() =>
          setTimeout(() => {
            const scoringNow = measuring.status();
            if (scoring === measuring) serviceOptions.notify?.({ scoringState: measuring.state(), ...(scoringNow ? { scoring: scoringNow } : {}) });
          }),
        );
      }
      return {
        ok: true,
        storage: store.kind,
        ...(opened.reason ? { storageReason: opened.reason } : {}),
        catalog: { version: catalog.version, items: catalog.ids.length },
        online: online.status(),
        ...(scoringStatus ? { scoring: scoringStatus } : {}),
        scoringState,
      };
    },

    async track(events) {
      const ready = requireReady();
      // Memory first so the next ranking sees the events even while the write is in flight.
      history.push(...events.filter(isInterest));
      if (history.length > RANKING_HISTORY) history = history.slice(-RANKING_HISTORY);
      online.learn(events);
      try {
        return await ready.store.append(events);
      } catch (error) {
        const code = error instanceof StorageError ? error.code : 'STORAGE_UNAVAILABLE';
        const droppedForQuota = (error as { droppedForQuota?: number }).droppedForQuota ?? 0;
        return { added: 0, duplicates: 0, droppedForQuota, notStored: { code, message: (error as Error).message } };
      }
    },

    async rank(input: WorkerRankInput): Promise<WorkerRankOutput> {
      const ready = requireReady();
      const started = performance.now();
      const adaptive = online.prepare(input, ready.catalog);
      // Async model encoding first; the synchronous `model` signal then finds the vector (or abstains).
      await sequenceModel.prepare(ready.catalog, input.ignoreHistory ? [] : history, adaptive.input);
      const events = input.ignoreHistory ? [] : history;
      const dropsBefore = scoring.dropCount();
      // The engine's chosen backend scores the vector signals once its choice is settled; the plain loop before.
      const ranked = scoring.ready(ready.catalog)
        ? await rankCandidatesBatched(ready.catalog, events, adaptive.input, scoring.scoreBatch, adaptive.hooks)
        : rankCandidates(ready.catalog, events, adaptive.input, adaptive.hooks);
      const workerMs = performance.now() - started;
      const scoringStatus = scoring.noteRank(workerMs);
      const lost = scoring.dropsSince(dropsBefore);
      return { ...ranked, online: online.status(), workerMs, ...(scoringStatus ? { scoring: scoringStatus } : {}), ...(lost.length > 0 ? { scoringDropped: lost } : {}) };
    },

    async exportData(): Promise<ExportedData> {
      const ready = requireReady();
      const onlineFusion = online.exportState();
      return { format: 'reshelf-export', version: 1, exportedAt: new Date().toISOString(), events: await ready.store.all(), ...(onlineFusion ? { onlineFusion } : {}) };
    },

    async forget() {
      history = [];
      catalog?.sequenceModel?.queries.clear(); // user vectors are derived from the history
      // The backend choice is about this browser and catalog shape, nothing about the shopper; destroying the
      // database removes it anyway, and a measurement still running must not write it into a new database.
      scoring.stopPersisting();
      await online.reset();
      await store?.destroy();
      await deleteReshelfCaches();
      forgetChannel?.postMessage('forget');
    },

    async requests(): Promise<NetworkRecord[]> {
      if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return [];
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
        url: entry.name,
        initiatorType: entry.initiatorType,
        startTime: performance.timeOrigin + entry.startTime,
        duration: entry.duration,
        transferSize: entry.transferSize,
        encodedBodySize: entry.encodedBodySize,
      }));
    },
  };
  return service;
}
