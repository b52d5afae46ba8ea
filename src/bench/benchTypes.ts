/**
 * The `reshelf bench` report: shared by the page that measures (src/bench) and the CLI that writes it
 * (src/cli/commands/bench.ts). Types only, so node and browser code can both import it.
 */
export interface BenchConfig {
  sizes: { n: number; d: number }[];
  k: number;
  /** Timed passes per engine and size (after warm-up), at most. */
  reps: number;
  /** Stop timing an engine after this many ms of timed passes (at least `minReps` passes run). */
  budgetMs: number;
  minReps: number;
  /** Orama is skipped above this catalog size (its index build grows past the machine's patience). */
  oramaMaxN: number;
  /** `--ranking <bundle dir>`: also time the worker's rank() on that catalog (served at this URL path). */
  ranking?: RankingBenchConfig;
  /** `--encode <model or bundle dir,...>`: also time the worker's sequence-model encoder on these models. */
  encode?: EncodeBenchConfig;
}

export interface EncodeBenchConfig {
  /**
   * Each model directory (from `reshelf train`) or bundle directory (`bundle`: from `reshelf build --model`, whose
   * model section may be an ensemble): where the bench server serves it, and the directory given.
   */
  models: { path: string; source: string; bundle?: boolean }[];
  /** `worker` (what the worker's model signal loads by default) and/or forced tfjs backends (wasm, cpu, webgl, webgpu). */
  modes: string[];
  /** History length encoded (capped by the model's max length). */
  length: number;
  /** Timed encodings per model and mode, at most (after warm-up). */
  reps: number;
  /** Stop timing a mode after this many ms of timed encodings (at least 5 run). */
  budgetMs: number;
}

/**
 * One encoder timing: the `model` signal's encoder (src/models/workerModelSignal.ts, loadWorkerSequenceEncoder)
 * in a module worker, encoding one history of `length` items into the user vector, warm, repeated.
 */
export interface EncodeBenchResult {
  /** The model (or bundle) directory given on the command line. */
  model: string;
  kind: string;
  items: number;
  dim: number;
  maxLen: number;
  length: number;
  /** `worker` or a forced tfjs backend. */
  mode: string;
  /** What ran: `js` (plain loops) or the tfjs backend. */
  backend: string;
  p50_ms: number;
  p95_ms: number;
  reps: number;
  first_ms: number;
  /** Load + warm-up of the model in the worker. */
  load_ms: number;
}

export interface RankingBenchConfig {
  /** Path of the bundle's manifest.json on the bench server. */
  manifestPath: string;
  /** Where the bundle came from (the directory given on the command line), for the report. */
  source: string;
  /** Items per widget (candidates of one rank() call). */
  candidates: number;
  /** Events of history each ranking considers (the last ones of a growing history). */
  history: number;
  /** Backends ranked with: `measured` (the product default), `plain` (no engine: the sync loops), or forced ones. */
  modes: string[];
}

/**
 * One worker rank() timing: the reshelf worker service (the code of the shipped worker) in a module worker,
 * ranking one widget with every signal the bundle supports, each signal scored over the whole catalog.
 */
export interface RankingBenchResult {
  /** `measured`, `plain` or a forced backend name. */
  mode: string;
  /** The backend that scored the vector signals (the measured choice, the forced one, or `plain`). */
  backend: string;
  items: number;
  candidates: number;
  history: number;
  /** Signals the configuration turns on (those without data in the bundle abstain). */
  signals: string[];
  p50_ms: number;
  p90_ms: number;
  reps: number;
  first_ms: number;
  /** init() of the worker service: bundle load and decode, backend choice (measurement or cache) and warm-up. */
  init_ms: number;
}

export interface BenchResult {
  /** `reshelf:<backend>`, `orama` or `tfjs-naive`. */
  engine: string;
  n: number;
  d: number;
  p50_ms: number;
  p90_ms: number;
  /** The table the engine scored: float32, or its int8 twin (per-row scales). */
  table: 'float32' | 'int8';
  reps: number;
  /** The first, untimed pass (upload, shader compile, JIT), for context. */
  first_ms: number;
  /** Preparation outside the timed passes (e.g. Orama's index build), when there is one. */
  setup_ms?: number;
  /** Share of the float64 reference's top k that the engine's top k contains (on the first query). */
  recall: number;
  /** For tfjs-naive: the backend tfjs picked by default. */
  backend?: string;
}

export interface BenchBound {
  n: number;
  d: number;
  /** float32 catalog bytes / gbps: the time to read the float32 catalog once. */
  bound_ms: number;
  gbps: number;
  /** Read bandwidth (GB/s) of every method tried; the fastest one defines the bound. */
  methods: Record<string, number>;
}

export interface BenchSkip {
  engine: string;
  n: number;
  d: number;
  table?: 'float32' | 'int8';
  reason: string;
}

export interface BenchChoice {
  backend: string;
  timings: Record<string, number | { error: string }>;
}

export interface BenchReport {
  results: BenchResult[];
  bounds: BenchBound[];
  /** The engine's own measured choice per size (`<n>x<d>`) and table type, with the timings behind it. */
  chosen: Record<string, Partial<Record<'float32' | 'int8', BenchChoice>>>;
  skipped: BenchSkip[];
  environment: Record<string, unknown>;
  config: BenchConfig;
  /** Worker rank() timings (`--ranking`), with the run they come from when it differs from the scoring run's. */
  rankings?: RankingBenchResult[];
  rankingRun?: { config: RankingBenchConfig; environment: Record<string, unknown> };
  /** Sequence-model encoding timings (`--encode`), with the run they come from. */
  encodings?: EncodeBenchResult[];
  encodeRun?: { config: EncodeBenchConfig; environment: Record<string, unknown> };
}

/** Messages from a bench worker to the page. */
export type BenchWorkerMessage =
  | { type: 'progress'; text: string }
  | { type: 'result'; result: BenchResult }
  | { type: 'bound'; bound: BenchBound }
  | { type: 'skip'; skip: BenchSkip }
  | { type: 'chosen'; size: string; table: 'float32' | 'int8'; choice: BenchChoice }
  | { type: 'ranking'; result: RankingBenchResult }
  | { type: 'encoding'; result: EncodeBenchResult }
  | { type: 'environment'; values: Record<string, unknown> }
  | { type: 'done' }
  | { type: 'error'; text: string };

export interface BenchWorkerRequest {
  n: number;
  d: number;
  config: BenchConfig;
  /** For the ranking worker: which RankingBenchConfig mode this worker measures. */
  mode?: string;
  /** For the encode worker: the model (index into EncodeBenchConfig.models). */
  model?: number;
}
