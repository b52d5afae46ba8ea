import { choiceKey, currentBrowser, type BackendChoiceRecord, type ChoiceCache } from './choiceCache.js';
import { DEFAULT_MEASURE_BUDGET, measureBackends, type MeasureBudget } from './measureBackends.js';
import { rankWithBackend, scoreWithBackend, validateRequest } from './rankWithBackend.js';
import { ScoringError } from './scoringError.js';
import type { BackendName, ScoreRequest, ScoringBackend, TopKList, VectorTable } from './types.js';

/** How to start each backend this environment offers (see backendFactories.ts and cpuBackendFactories.ts). */
export type BackendFactories = Partial<Record<BackendName, () => Promise<ScoringBackend>>>;

export interface ScoringEngineOptions {
  /** Use this backend first without measuring (the others remain as fallbacks). */
  force?: BackendName;
  /** Where measured choices persist (the worker passes one backed by its IndexedDB `meta` store). */
  cache?: ChoiceCache;
  /** Backends to consider, in measurement order; default: every backend the factories offer. */
  candidates?: BackendName[];
  budget?: Partial<MeasureBudget>;
  /** Browser identity for the cache key; default navigator.userAgent. */
  browser?: string;
  /** Called once per dropped backend with the reason (the worker surfaces it through the API). */
  onBackendDropped?: (name: BackendName, reason: string) => void;
}

/** The backend serving one table shape, how it was chosen, and the measurements behind it. */
export interface BackendChoice {
  key: string;
  backend: BackendName;
  source: 'measured' | 'cache' | 'forced';
  /** Median ms per pass (score + top 50) on this table shape; errors for backends that failed. */
  timings: BackendChoiceRecord['timings'];
  /** Serving order: the chosen backend, then the fallbacks. */
  order: BackendName[];
  /** Backends dropped since (failed, lost their device, returned non-finite scores), with the reason. */
  dropped: { backend: BackendName; reason: string }[];
}

export interface ScoringEngine {
  /** One top-k list per query (see ScoreRequest). Chooses a backend for the table's shape on first use. */
  topK(request: ScoreRequest): Promise<TopKList[]>;
  /**
   * Every row's score for every query, in one pass over the table: `queries` holds q vectors of `table.dim`
   * numbers and the result q blocks of `table.count` scores (query-major, a fresh array). Raw dot products:
   * no exclusion, no cosine. Same choice, drop and fallback rules as topK.
   */
  scores(request: Pick<ScoreRequest, 'table' | 'queries'>): Promise<Float32Array>;
  /** Chooses (cache, force or measurement) for this table now; `catalogVersion` re-checks on a new catalog. */
  choose(table: VectorTable, options?: { catalogVersion?: string; remeasure?: boolean }): Promise<BackendChoice>;
  /** The current choice for a table shape, if made. */
  choiceFor(table: VectorTable): BackendChoice | undefined;
  /** The choice made most recently (for status displays). */
  readonly lastChoice: BackendChoice | undefined;
  /** Frees a table's uploaded copies (tensors, WASM memory) on every backend. */
  release(table: VectorTable): void;
  dispose(): void;
}

const DEFAULT_ORDER: BackendName[] = ['simd', 'js', 'wasm', 'cpu', 'webgl', 'webgpu'];

/**
 * Builds an engine over the given backend factories. Requests are serialised (tfjs has one global active
 * backend, and measurements must not overlap with serving). A backend that throws, loses its device or returns
 * non-finite scores is dropped for good and the next backend in the choice's order serves the same request.
 */
export function createScoringEngineWith(factories: BackendFactories, options: ScoringEngineOptions = {}): ScoringEngine {
  const budget = { ...DEFAULT_MEASURE_BUDGET, ...options.budget };
  const browser = options.browser ?? currentBrowser();
  const available = (options.candidates ?? DEFAULT_ORDER).filter((name) => factories[name] !== undefined);
  const started = new Map<BackendName, Promise<ScoringBackend>>();
  const dropped = new Map<BackendName, string>();
  const choices = new Map<string, BackendChoice>();
  const scratch: { scores?: Float32Array } = {};
  let lastChoice: BackendChoice | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(() => {
      if (disposed) throw new ScoringError('SCORING_NO_BACKEND', 'The scoring engine was disposed; create a new one.');
      return task();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  function start(name: BackendName): Promise<ScoringBackend> {
    let backend = started.get(name);
    if (!backend) {
      backend = factories[name]!();
      started.set(name, backend);
    }
    return backend;
  }

  function drop(name: BackendName, reason: string): void {
    if (dropped.has(name)) return;
    dropped.set(name, reason);
    void started.get(name)?.then((b) => b.dispose(), () => undefined);
    started.delete(name);
    for (const choice of choices.values()) choice.dropped.push({ backend: name, reason });
    options.onBackendDropped?.(name, reason);
  }

  async function chooseNow(table: VectorTable, catalogVersion?: string, remeasure = false): Promise<BackendChoice> {
    const key = choiceKey(table, browser);
    const usable = available.filter((name) => !dropped.has(name));
    if (usable.length === 0) throw new ScoringError('SCORING_NO_BACKEND', 'No scoring backend is usable on this device.');
    let choice: BackendChoice;
    if (options.force && !dropped.has(options.force)) {
      if (!factories[options.force]) throw new ScoringError('SCORING_BAD_REQUEST', `Forced backend "${options.force}" is not offered here; use one of: ${available.join(', ')}.`);
      choice = { key, backend: options.force, source: 'forced', timings: {}, order: [options.force, ...usable.filter((n) => n !== options.force)], dropped: [] };
    } else {
      const cached = remeasure ? undefined : await options.cache?.get(key).catch(() => undefined);
      if (cached && usable.includes(cached.backend) && (catalogVersion === undefined || cached.catalogVersion === catalogVersion)) {
        choice = { key, backend: cached.backend, source: 'cache', timings: cached.timings, order: orderByTimings(usable, cached.timings, cached.backend), dropped: [] };
      } else {
        choice = await measure(table, key, usable, catalogVersion);
      }
    }
    choices.set(key, choice);
    lastChoice = choice;
    return choice;
  }

  async function measure(table: VectorTable, key: string, usable: BackendName[], catalogVersion?: string): Promise<BackendChoice> {
    const results = await measureBackends(table, usable.map((name) => ({ name, start: () => start(name) })), budget);
    const timings: BackendChoiceRecord['timings'] = {};
    for (const r of results) {
      if (r.medianMs !== undefined) timings[r.name] = r.medianMs;
      else {
        timings[r.name] = { error: r.error ?? 'failed' };
        drop(r.name, r.error ?? 'failed during measurement');
      }
    }
    const order = results.filter((r) => r.medianMs !== undefined).map((r) => r.name);
    if (order.length === 0) throw new ScoringError('SCORING_NO_BACKEND', `Every scoring backend failed on this device: ${JSON.stringify(timings)}`);
    // measureBackends left only the winner's copy of the table; fallbacks upload again if they are ever needed.
    const record: BackendChoiceRecord = { key, backend: order[0]!, timings, measuredAt: Date.now(), ...(catalogVersion !== undefined ? { catalogVersion } : {}) };
    await options.cache?.set(key, record).catch(() => undefined);
    return { key, backend: order[0]!, source: 'measured', timings, order, dropped: [] };
  }

  /** Runs one pass on the table's chosen backend; a backend that fails is dropped and the next one runs the same pass. */
  async function serve<T>(table: VectorTable, pass: (backend: ScoringBackend) => Promise<T>): Promise<T> {
    const choice = choices.get(choiceKey(table, browser)) ?? (await chooseNow(table));
    for (const name of choice.order) {
      if (dropped.has(name)) continue;
      try {
        const result = await pass(await start(name));
        choice.backend = name;
        lastChoice = choice;
        return result;
      } catch (error) {
        drop(name, error instanceof ScoringError ? `${error.code}: ${error.message}` : `SCORING_BACKEND_FAILED: ${String(error)}`);
      }
    }
    throw new ScoringError('SCORING_NO_BACKEND', `Every scoring backend failed for this request: ${[...dropped].map(([n, r]) => `${n} (${r})`).join('; ')}`);
  }

  return {
    get lastChoice() {
      return lastChoice;
    },
    choiceFor(table) {
      return choices.get(choiceKey(table, browser));
    },
    choose(table, chooseOptions = {}) {
      return serialised(() => chooseNow(table, chooseOptions.catalogVersion, chooseOptions.remeasure));
    },
    topK(request) {
      return serialised(async () => {
        validateRequest(request);
        return serve(request.table, (backend) => rankWithBackend(backend, request, scratch));
      });
    },
    scores(request) {
      return serialised(async () => {
        validateRequest({ ...request, k: 0 });
        return serve(request.table, (backend) => scoreWithBackend(backend, request.table, request.queries, scratch));
      });
    },
    release(table) {
      for (const backend of started.values()) void backend.then((b) => b.release(table), () => undefined);
    },
    dispose() {
      disposed = true;
      for (const backend of started.values()) void backend.then((b) => b.dispose(), () => undefined);
      started.clear();
    },
  };
}

/** Measured backends fastest first, then the unmeasured ones in default order; the chosen one leads. */
function orderByTimings(usable: BackendName[], timings: BackendChoiceRecord['timings'], chosen: BackendName): BackendName[] {
  const ms = (name: BackendName) => {
    const t = timings[name];
    return typeof t === 'number' ? t : Infinity;
  };
  const rest = usable.filter((n) => n !== chosen).sort((a, b) => ms(a) - ms(b));
  return [chosen, ...rest];
}
