import type { ScoringState, ScoringStatus } from '../api/status.js';
import type { CatalogModel, VectorTable } from '../catalog/catalogModel.js';
import type { BatchVectorScorer } from '../ranking/batchedVectorScores.js';
import { browserBackendFactories } from '../scoring/backendFactories.js';
import { cpuBackendFactories } from '../scoring/cpuBackendFactories.js';
import type { ChoiceCache } from '../scoring/choiceCache.js';
import { createScoringEngineWith, type BackendChoice, type BackendFactories, type ScoringEngine } from '../scoring/engine.js';
import type { MeasureBudget } from '../scoring/measureBackends.js';
import { metaStoreChoiceCache } from '../scoring/metaStoreChoiceCache.js';
import { BACKEND_NAMES, type BackendName } from '../scoring/types.js';
import type { EventStore } from '../storage/eventStore.js';

export interface WorkerScoringOptions {
  /** Serve with this backend without measuring (createReshelf's `backend` option); the others stay as fallbacks. */
  force?: BackendName;
  /** Tests inject sabotaged backends here; default: every browser backend. */
  factories?: BackendFactories;
  budget?: Partial<MeasureBudget>;
  /** How long catalog loading waits for the choice; a longer measurement finishes in the background. */
  chooseWaitMs?: number;
}

/**
 * Measurement bounded so that first load stays short: 3 timed passes within 100 ms per backend, and a backend
 * whose start-up plus first pass (upload, shader compile) exceeds 2.5 s is dropped as too slow for this device.
 */
export const WORKER_MEASURE_BUDGET: MeasureBudget = { passes: 3, timedMs: 100, startMs: 2_500 };
/**
 * How long init() waits for the choice: enough for a cached or forced choice and its warm-up pass on the CPU
 * backends; a first-visit measurement (every backend, GPU shader compiles included) takes seconds and
 * finishes in the background instead, while rankings use the plain loops, so init is never held up by it.
 */
export const CHOOSE_WAIT_MS = 500;

/**
 * The worker's scoring engine (src/scoring) for the catalog's vector tables. On catalog load it chooses a
 * backend per table shape (cached choice, forced, or measured), keeping the choice in the reshelf database's
 * `meta` store (the memory store's map in memory mode) keyed by browser + table shape and re-checked when the
 * catalog version changes, then runs one warm-up pass so the first ranking does not pay start-up.
 *
 * Rankings use `scoreBatch` only once a table's choice is settled (`ready`); until then, and for any table the
 * engine cannot serve, the caller keeps the plain synchronous loop. Never throws into ranking: a failing
 * backend is dropped by the engine and the next one answers; when none is left `scoreBatch` rejects and the
 * caller's plain loop answers.
 */
export interface WorkerScoring {
  load(catalog: CatalogModel, store: EventStore): Promise<void>;
  /** True when every vector table of the catalog has a settled choice (the engine path can serve). */
  ready(catalog: CatalogModel): boolean;
  scoreBatch: BatchVectorScorer;
  /** Called after each ranking with its worker ms; returns the status to report. */
  noteRank(ms: number): ScoringStatus | undefined;
  status(): ScoringStatus | undefined;
  /** `none` without vector tables, `measuring` until every table's choice has settled (or the engine gave up), then `chosen`. */
  state(): ScoringState;
  /** Resolves when the current load's choosing has finished (at once when it already has, or nothing was loaded). */
  measured(): Promise<void>;
  /** How many backends were dropped so far; with dropsSince, tells which were lost during one ranking. */
  dropCount(): number;
  dropsSince(count: number): { backend: BackendName; reason: string }[];
  /** After forget(): the choice is not written to storage any more (a write would recreate the database). */
  stopPersisting(): void;
  dispose(): void;
}

export function createWorkerScoring(options: WorkerScoringOptions = {}): WorkerScoring {
  const dropped: { backend: BackendName; reason: string }[] = [];
  let persisting = true;
  let lastRankMs: number | undefined;
  let engine: ScoringEngine | undefined;
  let loadedTables: VectorTable[] = [];
  let tableNames = new Map<VectorTable, string>();
  const settled = new Set<VectorTable>();
  /** The engine cannot serve at all any more (no backend left): rankings stay on the plain loop. */
  let exhausted = false;
  let choosingDone: Promise<void> = Promise.resolve();

  function primaryChoice(): BackendChoice | undefined {
    for (const table of loadedTables) {
      const choice = engine?.choiceFor(table);
      if (choice) return choice;
    }
    return undefined;
  }

  function status(): ScoringStatus | undefined {
    const choice = primaryChoice();
    if (!choice && dropped.length === 0) return undefined;
    // With no choice left (every backend failed), the plain TypeScript loop serves: report it as `js`.
    const backend = choice && !exhausted ? choice.backend : 'js';
    const tables: NonNullable<ScoringStatus['tables']> = [];
    for (const table of loadedTables) {
      const tableChoice = engine?.choiceFor(table);
      if (!tableChoice) continue;
      tables.push({ table: tableNames.get(table) ?? 'vectors', shape: `${table.count}x${table.dim} ${table.dtype}`, backend: exhausted ? 'js' : tableChoice.backend, source: tableChoice.source });
    }
    return {
      backend,
      source: choice?.source ?? 'measured',
      timings: { ...(choice?.timings ?? {}) },
      dropped: dropped.map((d) => ({ ...d })),
      ...(lastRankMs !== undefined ? { lastRankMs } : {}),
      ...(tables.length > 0 ? { tables } : {}),
    };
  }

  return {
    async load(catalog, store) {
      engine?.dispose();
      settled.clear();
      exhausted = false;
      const cache = eventStoreChoiceCache(store, () => persisting);
      const current = createScoringEngineWith(options.factories ?? defaultFactories(), {
        cache,
        budget: { ...WORKER_MEASURE_BUDGET, ...options.budget },
        ...(options.force ? { force: options.force } : {}),
        onBackendDropped: (backend, reason) => void dropped.push({ backend, reason }),
      });
      engine = current;
      tableNames = vectorTableNames(catalog);
      loadedTables = [...tableNames.keys()];
      const choosing = (async () => {
        for (const table of loadedTables) {
          try {
            // Tables of the same shape share one choice (the engine keys choices by shape).
            if (!current.choiceFor(table)) await current.choose(table, { catalogVersion: catalog.version });
            // Warm-up: starts a cached or forced backend and uploads the table, so the first ranking is fast.
            await current.scores({ table, queries: new Float32Array(table.dim) });
            if (engine === current) settled.add(table);
          } catch {
            if (engine === current) exhausted = true;
          }
        }
      })();
      choosingDone = choosing;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.chooseWaitMs ?? CHOOSE_WAIT_MS)));
      await Promise.race([choosing, wait]).finally(() => clearTimeout(timer));
    },

    ready(catalog) {
      if (!engine || exhausted) return false;
      const tables = [...vectorTableNames(catalog).keys()];
      return tables.length > 0 && tables.every((t) => settled.has(t));
    },

    async scoreBatch(table, queries) {
      if (!engine || exhausted || !settled.has(table)) throw new Error('the scoring engine has no settled choice for this table');
      try {
        return await engine.scores({ table, queries });
      } catch (error) {
        if ((error as { code?: string }).code === 'SCORING_NO_BACKEND') exhausted = true;
        throw error;
      }
    },

    noteRank(ms) {
      lastRankMs = ms;
      return status();
    },

    status,

    state() {
      if (loadedTables.length === 0) return 'none';
      return exhausted || loadedTables.every((t) => settled.has(t)) ? 'chosen' : 'measuring';
    },

    measured: () => choosingDone,

    dropCount: () => dropped.length,
    dropsSince: (count) => dropped.slice(count).map((d) => ({ ...d })),

    stopPersisting() {
      persisting = false;
    },

    dispose() {
      engine?.dispose();
      engine = undefined;
    },
  };
}

/** Every backend in a browser; outside one (node tests of the worker service) the CPU backends, without tfjs. */
function defaultFactories(): BackendFactories {
  const inBrowser = typeof window !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  return inBrowser ? browserBackendFactories : cpuBackendFactories;
}

/**
 * The tables signals score queries against (scoreItemVectors), by name: CF factors (CF, prototypes), content
 * vectors (content, cold-start context) and a sequence model's item table (model signal).
 */
function vectorTableNames(catalog: CatalogModel): Map<VectorTable, string> {
  const named: [string, VectorTable | undefined][] = [['cf', catalog.cf], ['content', catalog.content], ['model', catalog.sequenceModel?.itemTable]];
  return new Map(named.filter((e): e is [string, VectorTable] => e[1] !== undefined && e[1].count > 0).map(([name, table]) => [table, name]));
}

/** The engine's choice cache over the event store's `meta` records (IndexedDB, or memory in memory mode). */
function eventStoreChoiceCache(store: EventStore, persisting: () => boolean): ChoiceCache {
  return metaStoreChoiceCache({
    async get(_store, key) {
      const value = await store.getMeta<unknown>(key);
      return value === undefined ? undefined : { key, value };
    },
    async put(_store, row) {
      if (persisting()) await store.setMeta(row.key, row.value);
    },
  });
}

export function isBackendName(value: unknown): value is BackendName {
  return (BACKEND_NAMES as readonly unknown[]).includes(value);
}
