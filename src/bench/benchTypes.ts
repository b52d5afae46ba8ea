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
}

/** Messages from a bench worker to the page. */
export type BenchWorkerMessage =
  | { type: 'progress'; text: string }
  | { type: 'result'; result: BenchResult }
  | { type: 'bound'; bound: BenchBound }
  | { type: 'skip'; skip: BenchSkip }
  | { type: 'chosen'; size: string; table: 'float32' | 'int8'; choice: BenchChoice }
  | { type: 'environment'; values: Record<string, unknown> }
  | { type: 'done' }
  | { type: 'error'; text: string };

export interface BenchWorkerRequest {
  n: number;
  d: number;
  config: BenchConfig;
}
