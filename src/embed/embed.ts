import { createReshelf, type RankOutcome, type Reshelf } from '../api/createReshelf.js';
import type { ReshelfReason } from '../api/errors.js';
import type { TrackEvent } from '../api/events.js';
import type { ReshelfStatus } from '../api/status.js';
import { ATTR_RANK, ATTR_STATE, ATTR_WIDGET } from '../dom/attributes.js';
import { reorderItems } from '../dom/reorderItems.js';
import type { ReshelfApplications } from '../applications/applicationMethods.js';
import { emptyApplicationResult } from '../applications/emptyApplicationResults.js';
import { widgetEntries } from '../applications/widgetEntries.js';
import { deleteReshelfCaches, deleteReshelfDatabase } from '../storage/forgetEverything.js';
import { DB_NAME } from '../storage/schema.js';
import type { ExportedData } from '../worker/contract.js';
import { trackClicks } from './clickTracker.js';
import type { EmbedConfig } from './scriptConfig.js';
import { APPLICATION_METHODS, loadApplicationsPart, loadPart, setApplicationsPartUrl } from './lazyApplications.js';
import { startWorker } from './startWorker.js';
import type { AutoTrackSettings, EmbedCommand, ReshelfEmbed } from './types.js';
import { watchWidgets } from './watchWidgets.js';

/** The same auto-tracked event twice within this window (e.g. a click seen by reshelf and by GA4) counts once. */
const DEDUPE_MS = 1000;

/**
 * The script-tag embed: consent, the worker, every widget on the page and auto-tracking, behind the
 * `window.reshelf` object. Contract: it never throws into the page; whatever fails, every widget keeps the
 * page's order (`data-reshelf-state="original"`), one console warning says why, and `status()` gives the reason.
 */
export function createEmbed(config: EmbedConfig): { api: ReshelfEmbed; boot(queue: readonly unknown[]): void } {
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  let consent = !gpc && !config.consentRequired;
  let consentWhy = gpc ? 'the browser sends Global Privacy Control' : 'the page has not given consent yet (data-consent="required")';
  let booted = false;
  let domReady = false;
  let facade: Reshelf | undefined;
  /** Set once reshelf gave up for this page view; then the page keeps its order. */
  let failure: ReshelfReason | undefined;
  let usable = false;
  let warned = false;
  let settled: Promise<unknown> = Promise.resolve();
  let ranked = new WeakSet<Element>();
  let early: TrackEvent[] = [];
  const originals = new WeakMap<Element, string[]>();
  const recent = new Map<string, number>();
  const settings: AutoTrackSettings = { ...config.autotrack };
  /** Widget items found before the part with the view tracker loaded; it observes them once it is here. */
  const unobserved = new Set<Element>();
  let views: { observe(item: Element): void } | undefined;
  /** The dataLayer entries before this index were pushed while dataLayer tracking was off: never learned from. */
  let dataLayerFrom = 0;
  if (config.workerUrl) setApplicationsPartUrl(config.workerUrl);

  function warnOnce(reason: ReshelfReason): void {
    if (warned) return;
    warned = true;
    console.warn(`reshelf: keeping the page's original order (${reason.code}): ${reason.message}`);
  }

  function guard<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      fail({ code: 'INTERNAL', message: `unexpected error, please report it: ${(error as Error)?.message ?? String(error)}` });
      return undefined;
    }
  }

  const widgets = (): Element[] => Array.from(document.querySelectorAll(`[${ATTR_WIDGET}]`)).filter((w) => w.getAttribute(ATTR_RANK) !== 'off');

  function restore(widget: Element): void {
    const original = originals.get(widget);
    if (original) reorderItems(widgetEntries(widget), original);
    widget.setAttribute(ATTR_STATE, 'original');
  }

  function stop(): void {
    facade?.close();
    facade = undefined;
    usable = false;
    early = [];
    ranked = new WeakSet();
  }

  /** Gives up for this page view: one warning, the worker stopped, every widget in the page's order. */
  function fail(reason: ReshelfReason): void {
    if (failure) return;
    failure = reason;
    warnOnce(reason);
    stop();
    if (domReady) for (const widget of widgets()) restore(widget);
  }

  function start(): void {
    if (!booted || facade || failure || !consent) return;
    const { catalog, workerUrl } = config;
    if (!catalog) return fail({ code: 'INVALID_ARGUMENT', message: 'the reshelf <script> tag needs data-catalog="<URL of the catalog manifest.json>"' });
    if (!workerUrl) return fail({ code: 'WORKER_UNAVAILABLE', message: 'cannot tell where the loader came from; add data-worker="<URL of reshelf/worker.js>"' });
    if (typeof Worker === 'undefined') return fail({ code: 'WORKER_UNAVAILABLE', message: 'this browser cannot run Web Workers' });
    if (typeof indexedDB === 'undefined') return fail({ code: 'STORAGE_UNAVAILABLE', message: 'no IndexedDB on this page (storage blocked, or a private mode?)' });
    const instance = createReshelf({
      catalog,
      storage: 'indexeddb',
      ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      ...(config.backend ? { backend: config.backend } : {}),
      createWorker: () => startWorker(workerUrl, location.origin),
      // createReshelf prints the warning for its own fallbacks; this keeps the total at one.
      onFallback: () => void (warned = true),
    });
    facade = instance;
    for (const event of early) send(event);
    early = [];
    // The view (product page, card impressions) and dataLayer trackers live in the lazily loaded part
    // (applicationsPart.ts), loaded now that there is consent. Nothing is lost: views are only recorded with consent,
    // card impressions after the dwell, from the items found so far (`unobserved`) and later; the dataLayer backlog
    // is read from the array. If the part cannot load, none is learned from (silently: the page's one warning belongs
    // to whatever else fails, as the part sits beside the worker).
    void loadPart().then(
      (part) =>
        guard(() => {
          // Installed once per page view (consent may be withdrawn and granted again: start() runs again).
          if (!views) {
            const rec = (event: TrackEvent) => void guard(() => record(event));
            views = part.trackViews(config.viewMs, tracking('views'), rec);
            part.trackDataLayer(tracking('dataLayer'), rec, dataLayerFrom);
          }
          for (const item of unobserved) views.observe(item);
          unobserved.clear();
        }),
      () => undefined,
    );
    // Ranking and `ready` do not wait for the part: a stalled part must not hold the page's widgets. (It is requested
    // together with the worker, which has megabytes more to load, so the backlog is in practice read before ready.)
    settled = instance.ready.then((status) =>
      guard(() => {
        if (facade !== instance) return;
        // createReshelf already warned about its own fallbacks (onFallback), so fail() adds no second warning.
        if (status.state !== 'ready') return fail(status.state === 'unavailable' ? status.reason : { code: 'INTERNAL', message: 'not ready' });
        // Without IndexedDB, history would die with this page: ranking from it would only shuffle the shop's order.
        // (createReshelf has already warned about a storageReason: that stays the one warning.)
        if (status.storage !== 'indexeddb') return fail(status.storageReason ? ((warned = true), status.storageReason) : { code: 'STORAGE_UNAVAILABLE', message: 'IndexedDB cannot be used here' });
        usable = true;
        for (const widget of widgets()) void rankWidget(widget, false);
      }),
    );
  }

  async function rankWidget(widget: Element, again: boolean): Promise<RankOutcome | undefined> {
    if (widget.getAttribute(ATTR_RANK) === 'off' || (!again && ranked.has(widget))) return undefined;
    if (failure || !consent) {
      restore(widget);
      return undefined;
    }
    // Products, or the shops / coupons of an application widget (the facade ranks those with their application).
    const items = widgetEntries(widget);
    if (!usable || !domReady || !facade || items.length === 0) return undefined;
    ranked.add(widget);
    if (!originals.has(widget)) originals.set(widget, items.map((item) => item.id));
    const outcome = await facade.rank(widget);
    if (!outcome.applied) widget.setAttribute(ATTR_STATE, 'original');
    return outcome;
  }

  function send(event: TrackEvent): void {
    if (!facade) {
      early.push(event);
      return;
    }
    try {
      facade.track(event);
    } catch (error) {
      console.warn(`reshelf: ignored an event: ${(error as Error).message}`);
    }
  }

  /** Auto-tracked events: dropped without consent, and deduplicated (several sources often see one action). */
  function record(event: TrackEvent): void {
    if (!consent || failure) return;
    const key = `${event.type} ${event.itemId}`;
    const now = Date.now();
    const last = recent.get(key);
    if (last !== undefined && (event.type === 'view' || now - last < DEDUPE_MS)) return;
    recent.set(key, now);
    send(event);
  }

  const tracking = (part: keyof AutoTrackSettings) => () => settings[part] && consent && !failure;

  /** Called before tracking may turn on: while dataLayer tracking is off, what is in the dataLayer so far stays unlearned. */
  function markDataLayer(): void {
    if (!tracking('dataLayer')()) dataLayerFrom = (window as unknown as { dataLayer?: unknown[] }).dataLayer?.length ?? 0;
  }

  function onDomReady(): void {
    domReady = true;
    watchWidgets(
      (widget) => void guard(() => rankWidget(widget, false)),
      (item) => guard(() => (views ? views.observe(item) : unobserved.add(item))),
    );
  }

  // The applications (new arrivals, shops, coupons, portable profile) answer once reshelf is ready or gave up:
  // through the running facade, else (no facade once settled: no consent, or a failure) with an empty result and
  // this page's reason, as applicationMethods answers when not ready, without loading anything.
  const answer = (name: keyof ReshelfApplications, args: unknown[]) =>
    facade ? (facade[name] as (...a: unknown[]) => unknown)(...args) : { ...emptyApplicationResult(name), reason: (api.status() as { reason?: ReshelfReason }).reason };

  const api: ReshelfEmbed = {
    ...(Object.fromEntries(APPLICATION_METHODS.map((name) => [name, (...args: unknown[]) => settled.then(() => answer(name, args))])) as unknown as ReshelfApplications),

    push(...commands: EmbedCommand[]) {
      for (const command of commands) {
        guard(() => {
          const [name, first, second] = command as unknown as [string, never, never];
          if (name === 'ready') void api.ready.then((status) => guard(() => (first as (s: ReshelfStatus) => void)(status)));
          else if (name === 'consent') api.consent(first === true);
          else if (['track', 'autotrack', 'rank', 'forget'].includes(name)) void (api[name as 'track'] as (a: never, b: never) => unknown)(first, second);
          else console.warn(`reshelf: unknown command ${String(name)}`);
        });
      }
      return 0;
    },

    track(event, properties) {
      guard(() => {
        if (!consent || failure) return;
        if (typeof event !== 'string') return send(event);
        // Named (GA4 / Segment) events are read by the lazily loaded part; consent is checked again once it is here.
        loadApplicationsPart().then(
          (part) =>
            guard(() => {
              const events = part.eventsFromNamed(event, properties);
              if (!events) return console.warn(`reshelf: ignored unknown event "${event}"`);
              if (consent && !failure) for (const e of events) send(e);
            }),
          () => undefined, // loadApplicationsPart warned once
        );
      });
    },

    consent(granted) {
      guard(() => {
        if (granted === consent) return;
        markDataLayer();
        consent = granted;
        consentWhy = 'the page withdrew consent (consent: false)';
        if (granted) return start();
        stop();
        if (domReady) for (const widget of widgets()) restore(widget);
      });
    },

    autotrack(changes) {
      markDataLayer();
      for (const part of ['views', 'clicks', 'dataLayer'] as const) if (typeof changes?.[part] === 'boolean') settings[part] = changes[part];
    },

    async rank(target) {
      const chosen = typeof target === 'string' ? Array.from(document.querySelectorAll(target)) : target ? [target] : widgets();
      const outcomes = await Promise.all(chosen.map((widget) => guard(() => rankWidget(widget, true))));
      return outcomes.filter((outcome): outcome is RankOutcome => outcome !== undefined);
    },

    status() {
      if (failure) return { state: 'unavailable', reason: failure };
      if (!consent) return { state: 'unavailable', reason: { code: 'NO_CONSENT', message: `${consentWhy}: nothing is stored and the page keeps its order` } };
      const status = facade?.status() ?? { state: 'starting' };
      return status.state === 'ready' && !usable ? { state: 'starting' } : status;
    },

    get ready() {
      return settled.then(() => api.status());
    },

    async forget() {
      recent.clear();
      early = [];
      if (facade) {
        await facade.forget().catch(() => undefined);
        for (const widget of widgets()) void rankWidget(widget, true);
        return;
      }
      // No worker runs (no consent, or reshelf gave up): delete what an earlier visit stored, from here.
      await Promise.all([deleteReshelfDatabase(DB_NAME), deleteReshelfCaches()]);
    },

    async exportData(): Promise<ExportedData> {
      if (facade) return facade.exportData();
      return { format: 'reshelf-export', version: 1, exportedAt: new Date().toISOString(), events: [] };
    },
  };

  function boot(queue: readonly unknown[]): void {
    markDataLayer();
    api.push(...(queue as EmbedCommand[]));
    booted = true;
    guard(start);
    trackClicks(tracking('clicks'), (event) => guard(() => record(event)));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => guard(onDomReady), { once: true });
    else onDomReady();
  }

  return { api, boot: (queue) => void guard(() => boot(queue)) };
}
