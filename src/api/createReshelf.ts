import { wrap, releaseProxy, type Remote } from 'comlink';
import { STATUS_UPDATE, type TrackReport, type WorkerApi, type ExportedData, type NetworkRecord, type WorkerStatusUpdate } from '../worker/contract.js';
import { normaliseEvent, type StoredEvent, type TrackEvent } from './events.js';
import { toReason, type ReshelfReason } from './errors.js';
import { DEFAULT_TIMEOUT_MS, type ReshelfOptions } from './options.js';
import type { OnlineFusionStatus } from '../fusion/online/onlineStatus.js';
import type { ReshelfStatus, ScoringStatus } from './status.js';
import { widgetItems } from '../dom/widgetItems.js';
import { reorderItems } from '../dom/reorderItems.js';
import { ATTR_CONTEXT, ATTR_STATE } from '../dom/attributes.js';
import { PageEventJournal } from '../storage/pageEventJournal.js';
import { deleteReshelfCaches, deleteReshelfDatabase } from '../storage/forgetEverything.js';
import { DB_NAME } from '../storage/schema.js';
import { defaultWorker } from './defaultWorker.js';
import { applicationMethods, type ReshelfApplications } from '../applications/applicationMethods.js';
import { rankApplicationWidget } from '../applications/applicationWidgets.js';

/** The result of `rank()`: the order reshelf chose, and whether the page was changed. */
export interface RankOutcome {
  /** Item ids in ranked order (the original order when `applied` is false). */
  items: string[];
  /** True when a widget element was reordered (always false for a list of ids). */
  applied: boolean;
  /** True when this shopper's history or the page context shaped the order. */
  personalised: boolean;
  /** Why the original order was kept, when it was. */
  reason?: ReshelfReason;
  /** Milliseconds the worker spent ranking (without messaging or DOM work); absent when nothing was ranked. */
  workerMs?: number;
  /** Why each item is where it is ("Similar to X", "Shoppers who liked X also liked this"), aligned with `items`; plain text, never markup. */
  explanations?: (string | undefined)[];
  /** The fused score of each item, aligned with `items` (-Infinity for items left in page order). */
  scores?: number[];
  /** Online learning after this ranking: the per-signal weight multipliers in use (see `status().online`). */
  online?: OnlineFusionStatus;
}

/** Options of `rank()`. */
export interface RankOptions {
  /** Item ids the page is about (defaults to the widget's `data-reshelf-context`). */
  context?: string[];
  /** Rank as for a first-time shopper (no history; the page context still counts). Nothing is deleted. */
  ignoreHistory?: boolean;
  /**
   * Overrides of the fusion configuration for this call, merged over the bundle's default: e.g.
   * `{ method: 'rrf' }`, `{ weights: { content: 2 } }`, `{ diversity: { lambda: 0.7 } }` (see FusionConfig);
   * `{ onlineLearning: false }` ranks with the shipped weights and learns nothing from this ranking.
   */
  config?: Record<string, unknown>;
}

/** A running reshelf instance. Every method is safe to call in any state; failures keep the page's order. */
export interface Reshelf extends ReshelfApplications {
  /** Settles when reshelf is ready or has given up; never rejects. */
  readonly ready: Promise<ReshelfStatus>;
  /** The current state, including why personalisation is off when it is. */
  status(): ReshelfStatus;
  /** Records an interaction on this device. Throws a TypeError for a malformed event. */
  track(event: TrackEvent): void;
  /** Resolves when every event tracked so far is stored. */
  flush(): Promise<void>;
  /** Orders a widget element in place, or a list of item ids. */
  rank(target: Element | string[], options?: RankOptions): Promise<RankOutcome>;
  /** Everything stored about this shopper, for a download. */
  exportData(): Promise<ExportedData>;
  /** Deletes everything reshelf stored on this device. */
  forget(): Promise<void>;
  /** Every request reshelf's worker made (URLs and sizes), to show what left the device: only shared files. */
  requests(): Promise<NetworkRecord[]>;
  /** Stops the worker. */
  close(): void;
}

/** Starts reshelf: a module worker with the shopper's history and the catalog bundle. */
export function createReshelf(options: ReshelfOptions): Reshelf {
  let current: ReshelfStatus = { state: 'starting' };
  let warned = false;
  let remote: Remote<WorkerApi> | undefined;
  let worker: Worker | undefined;
  let pending: StoredEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let warnedStorage = false;
  const warnedBackends = new Set<string>();
  // Events the worker has not confirmed are written from the page if it unloads first (storage/pageEventJournal.ts).
  const journal = new PageEventJournal({
    ...(options.dbName ? { dbName: options.dbName } : {}),
    durable: (options.storage ?? 'indexeddb') === 'indexeddb',
    mayRescue: () => current.state === 'starting' || (current.state === 'ready' && current.storage === 'indexeddb'),
    workerStarting: () => current.state === 'starting',
  });

  /** Quota drops and failed writes do not stop reshelf: they show in status() and warn once. */
  function noteStorage(report: TrackReport, batch: number): void {
    if (report.droppedForQuota === 0 && !report.notStored) return;
    if (current.state !== 'ready') return;
    const before = current.storageReport ?? { droppedForQuota: 0, notStored: 0 };
    const reason = report.notStored ?? { code: 'STORAGE_QUOTA' as const, message: `the device is out of storage quota; deleted the ${report.droppedForQuota} oldest events to make room` };
    current = { ...current, storageReport: { droppedForQuota: before.droppedForQuota + report.droppedForQuota, notStored: before.notStored + (report.notStored ? batch : 0), reason } };
    warnStorageOnce(reason);
  }

  /** Personalisation goes on from memory or with less history; the integrator hears about it once. */
  function warnStorageOnce(reason: ReshelfReason): void {
    if (warnedStorage) return;
    warnedStorage = true;
    console.warn(`reshelf: history storage degraded (${reason.code}): ${reason.message}`);
  }

  /** The worker's scoring status after a ranking; a backend lost while ranking is worth one warning (the next one answered). */
  function noteScoring(scoring: ScoringStatus | undefined, lost: { backend: string; reason: string }[] | undefined): void {
    if (scoring && current.state === 'ready') current = { ...current, scoring };
    for (const { backend, reason } of lost ?? []) {
      if (warnedBackends.has(backend)) continue;
      warnedBackends.add(backend);
      console.warn(`reshelf: scoring backend ${backend} failed while ranking (${reason}); the next backend answered`);
    }
  }

  function giveUp(reason: ReshelfReason): ReshelfStatus {
    current = { state: 'unavailable', reason };
    if (!warned && reason.code !== 'NOT_IN_BROWSER' && reason.code !== 'CLOSED') {
      warned = true;
      console.warn(`reshelf: keeping the page's original order (${reason.code}): ${reason.message}`);
    }
    options.onFallback?.(reason);
    return current;
  }

  async function start(): Promise<ReshelfStatus> {
    if (typeof window === 'undefined' || typeof Worker === 'undefined') {
      return giveUp({ code: 'NOT_IN_BROWSER', message: 'no window or Worker here (server-side rendering?); reshelf stays inert' });
    }
    try {
      worker = (options.createWorker ?? defaultWorker)();
    } catch (error) {
      return giveUp({ code: 'WORKER_UNAVAILABLE', message: `could not start the worker: ${(error as Error).message}` });
    }
    const crashed = new Promise<ReshelfStatus>((resolve) => {
      worker?.addEventListener('error', (event) => {
        event.preventDefault?.();
        resolve(giveUp({ code: 'WORKER_CRASHED', message: `the worker failed to load or crashed: ${event.message || 'no detail (blocked by CSP or a network error?)'}` }));
      });
    });
    // The worker says on its own when a background measurement finished (contract.ts WorkerStatusUpdate): status()
    // is current without waiting for a ranking.
    worker.addEventListener('message', (event) => {
      const update = (event.data as { [STATUS_UPDATE]?: WorkerStatusUpdate } | null)?.[STATUS_UPDATE];
      if (update && current.state === 'ready') current = { ...current, ...update };
    });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timedOut = new Promise<ReshelfStatus>((resolve) => {
      setTimeout(() => resolve(current.state === 'starting' ? giveUp({ code: 'WORKER_TIMEOUT', message: `not ready after ${timeoutMs} ms` }) : current), timeoutMs);
    });
    remote = wrap<WorkerApi>(worker);
    const catalogUrl = new URL(options.catalog, location.href).href;
    const initialised = remote
      .init({
        catalogUrl,
        storage: options.storage ?? 'indexeddb',
        ...(options.retention ? { retention: options.retention } : {}),
        ...(options.dbName ? { dbName: options.dbName } : {}),
        ...(options.backend ? { backend: options.backend } : {}),
        ...(options.onlineLearning === false ? { onlineLearning: false } : {}),
      })
      .then(
        (result): ReshelfStatus => {
          if (current.state !== 'starting') return current;
          if (!result.ok) return giveUp(result.reason);
          // The worker's fields are the ready status's (storage, catalog, storageReason, online, scoring, scoringState).
          const { ok, ...fields } = result;
          current = { ...fields, state: 'ready' };
          if (result.storageReason) warnStorageOnce(result.storageReason);
          return current;
        },
        (error: unknown) => giveUp(toReason(error)),
      );
    const status = await Promise.race([initialised, crashed, timedOut]);
    if (status.state !== 'ready') shutdown();
    return status;
  }

  function shutdown(): void {
    remote?.[releaseProxy]();
    worker?.terminate();
    remote = undefined;
    worker = undefined;
  }

  const ready = start();

  function scheduleFlush(): Promise<void> {
    flushing = flushing.then(async () => {
      const status = await ready;
      const batch = pending;
      pending = [];
      if (status.state !== 'ready' || !remote || batch.length === 0) return;
      const report = await remote.track(batch).catch((error: unknown) => void giveUp(toReason(error)));
      if (!report) return;
      if (!report.notStored) journal.confirm(batch);
      noteStorage(report, batch.length);
    });
    return flushing;
  }

  return {
    ...applicationMethods({ ready, worker: () => remote, flush: () => scheduleFlush() }),
    ready,
    status: () => current,

    track(event) {
      const result = normaliseEvent(event, Date.now());
      if ('error' in result) throw new TypeError(`reshelf.track: ${result.error}`);
      pending.push(journal.keyed(result.event));
      // One worker message per burst of events (e.g. many views reported together), not one per event.
      if (pending.length === 1) queueMicrotask(() => void scheduleFlush());
    },

    flush: () => scheduleFlush(),

    async rank(target, rankOptions = {}) {
      const isElement = typeof Element !== 'undefined' && target instanceof Element;
      const items = isElement ? widgetItems(target as Element) : [];
      const ids = isElement ? items.map((i) => i.id) : [...(target as string[])];
      const keep = (reason: ReshelfReason): RankOutcome => ({ items: ids, applied: false, personalised: false, reason });
      const status = await ready;
      if (status.state !== 'ready' || !remote) return keep(status.state === 'unavailable' ? status.reason : { code: 'CLOSED', message: 'reshelf was closed' });
      await scheduleFlush();
      const contextAttr = isElement ? (target as Element).getAttribute(ATTR_CONTEXT) : null;
      const context = rankOptions.context ?? (contextAttr ? contextAttr.split(/\s+/).filter(Boolean) : undefined);
      try {
        // new-arrivals, shops and coupons widgets are ordered by their application (src/applications).
        const application = isElement ? await rankApplicationWidget(target as Element, remote, { ...(context ? { context } : {}), ...(rankOptions.ignoreHistory ? { ignoreHistory: true } : {}) }) : undefined;
        if (application) return application;
        const { scoring, scoringDropped, ...ranked } = await remote.rank({ candidates: ids, context, ignoreHistory: rankOptions.ignoreHistory, config: rankOptions.config });
        noteScoring(scoring, scoringDropped);
        if (ranked.online && current.state === 'ready') current = { ...current, online: ranked.online };
        if (!isElement) return { ...ranked, applied: false };
        if (!reorderItems(items, ranked.items)) return keep({ code: 'INVALID_ARGUMENT', message: 'the widget changed while it was being ranked; its order was left alone' });
        (target as Element).setAttribute(ATTR_STATE, ranked.personalised ? 'personalised' : 'popular');
        return { ...ranked, applied: true };
      } catch (error) {
        return keep(toReason(error));
      }
    },

    async exportData() {
      const status = await ready;
      if (status.state !== 'ready' || !remote) return { format: 'reshelf-export', version: 1, exportedAt: new Date().toISOString(), events: [] };
      await scheduleFlush();
      return remote.exportData();
    },

    async forget() {
      pending = [];
      journal.clear();
      const status = await ready;
      if (status.state === 'ready' && remote) {
        await remote.forget();
        // Learned weights are gone with the rest: back to the shipped ones until new clicks teach otherwise.
        if (current.state === 'ready' && current.online) current = { ...current, online: { ...current.online, active: false, clicks: 0, multipliers: {} } };
        return;
      }
      // No worker (the bundle failed, say): history from earlier visits may still be on the device.
      if (typeof window !== 'undefined') await Promise.all([deleteReshelfDatabase(options.dbName ?? DB_NAME), deleteReshelfCaches()]);
    },

    async requests() {
      const status = await ready;
      return status.state === 'ready' && remote ? remote.requests() : [];
    },

    close() {
      journal.dispose();
      shutdown();
      current = { state: 'unavailable', reason: { code: 'CLOSED', message: 'reshelf was closed' } };
    },
  };
}
