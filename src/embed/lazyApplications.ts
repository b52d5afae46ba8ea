import type { Remote } from 'comlink';
import type { RankOutcome } from '../api/createReshelf.js';
import { toReason } from '../api/errors.js';
import type { ApplicationMethodsAccess, ReshelfApplications } from '../applications/applicationMethods.js';
import type { ApplicationWorkerApi } from '../applications/applicationService.js';
import { emptyApplicationResult } from '../applications/emptyApplicationResults.js';
import { ATTR_WIDGET } from '../dom/attributes.js';

/**
 * Stands in for src/applications/applicationMethods.ts and applicationWidgets.ts in the script-tag build
 * (vite.config.ts, mode `embed`, aliases both to this file), so the main-thread loader stays inside its size
 * budget: the real glue (src/embed/applicationsPart.ts, built to `applications.js` beside the worker) is
 * imported on first use: when an application widget is ranked or an application method is called.
 * Contract kept: application methods never reject, and a widget that cannot be ranked keeps its order; if the
 * part cannot be loaded, one console warning says so and every answer carries the reason.
 */
type Part = typeof import('./applicationsPart.js');

let partUrl = '';
let part: Promise<Part> | undefined;
let applicationsPart: Promise<Part> | undefined;

/** The application methods, in the order of ReshelfApplications. */
export const APPLICATION_METHODS: readonly (keyof ReshelfApplications)[] = ['newArrivals', 'shops', 'coupons', 'exportProfile', 'importProfile'];

/** Where the part lives: `applications.js` next to the worker script (set by the embed when it is created). */
export function setApplicationsPartUrl(workerUrl: string): void {
  partUrl = new URL('applications.js', workerUrl).href;
}

/** The part, imported once; rejects (silently) if it cannot be loaded: callers decide what to say. */
export function loadPart(): Promise<Part> {
  return (part ??= import(/* @vite-ignore */ partUrl));
}

/** For the applications and named events: as loadPart, with one warning if it cannot be loaded. */
export function loadApplicationsPart(): Promise<Part> {
  return (applicationsPart ??= loadPart().catch((error: unknown) => {
    console.warn(`reshelf: could not load ${partUrl} (WORKER_UNAVAILABLE): applications keep the page's order, named events are ignored`);
    throw error;
  }));
}

/** As applicationWidgets.ts: undefined for product widgets (ranked by the item ranking; no part loaded). */
export async function rankApplicationWidget(widget: Element, worker: Remote<ApplicationWorkerApi>, options: { context?: string[]; ignoreHistory?: boolean }): Promise<RankOutcome | undefined> {
  if (!['new-arrivals', 'shops', 'coupons'].includes(widget.getAttribute(ATTR_WIDGET) as string)) return undefined;
  return (await loadApplicationsPart()).rankApplicationWidget(widget, worker, options);
}

/** As applicationMethods.ts, whose answers (and reasons) these are once the part is loaded. */
export function applicationMethods(access: ApplicationMethodsAccess): ReshelfApplications {
  let methods: ReshelfApplications | undefined;
  return Object.fromEntries(
    APPLICATION_METHODS.map((name) => [
      name,
      async (...args: unknown[]) => {
        const status = await access.ready;
        // Not ready (no consent, a failure, closed): the same answer the real methods give, without loading them.
        if (status.state !== 'ready' || !access.worker()) return { ...emptyApplicationResult(name), reason: status.state === 'unavailable' ? status.reason : { code: 'CLOSED', message: 'reshelf was closed' } };
        return loadApplicationsPart().then(
          (loaded) => ((methods ??= loaded.applicationMethods(access))[name] as (...a: unknown[]) => Promise<unknown>)(...args),
          (error: unknown) => ({ ...emptyApplicationResult(name), reason: toReason(error, 'WORKER_UNAVAILABLE') }),
        );
      },
    ]),
  ) as unknown as ReshelfApplications;
}
