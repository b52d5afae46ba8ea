import { rankWithBackend } from './rankWithBackend.js';
import { ScoringError } from './scoringError.js';
import { gaussianArray } from './syntheticTable.js';
import type { BackendName, ScoringBackend, VectorTable } from './types.js';

/** Limits of one measurement, so first load stays short even when a backend is very slow. */
export interface MeasureBudget {
  /** Timed passes per backend after the warm-up pass (the median is kept). */
  passes: number;
  /** Stop timing a backend once its timed passes used this many ms. */
  timedMs: number;
  /** A backend whose start-up or first pass (upload + shader compile) takes longer is dropped. */
  startMs: number;
}

export const DEFAULT_MEASURE_BUDGET: MeasureBudget = { passes: 5, timedMs: 300, startMs: 10_000 };

export interface Measurement {
  name: BackendName;
  /** Median ms of one pass (score + top 50), or undefined when the backend failed. */
  medianMs?: number;
  error?: string;
  backend?: ScoringBackend;
}

/**
 * Times every candidate on the real table shape (one untimed warm-up pass, then up to `passes` timed ones)
 * with a fixed synthetic query, one candidate at a time. A candidate that fails to start, throws, loses its
 * device, returns non-finite scores or exceeds `startMs` is reported with its error and disposed.
 * Returns measurements fastest first (failures last); successful ones keep their started backend, but only the
 * fastest keeps its copy of the table: the others release it as soon as they are beaten, so at most two copies
 * (e.g. a 256 MB float32 upload) exist at any time.
 */
export async function measureBackends(
  table: VectorTable,
  candidates: { name: BackendName; start: () => Promise<ScoringBackend> }[],
  budget: MeasureBudget = DEFAULT_MEASURE_BUDGET,
): Promise<Measurement[]> {
  const queries = gaussianArray(table.dim, 20240611);
  const request = { table, queries, k: 50 };
  const scratch = {};
  const results: Measurement[] = [];
  let best: Measurement | undefined;
  for (const candidate of candidates) {
    let backend: ScoringBackend | undefined;
    try {
      backend = await withTimeout(candidate.start(), budget.startMs, `${candidate.name} start`);
      await withTimeout(rankWithBackend(backend, request, scratch), budget.startMs, `${candidate.name} first pass`);
      const times: number[] = [];
      let spent = 0;
      while (times.length < Math.max(1, budget.passes) && (times.length === 0 || spent < budget.timedMs)) {
        const start = performance.now();
        await rankWithBackend(backend, request, scratch);
        const ms = performance.now() - start;
        times.push(ms);
        spent += ms;
      }
      times.sort((a, b) => a - b);
      const measured: Measurement = { name: candidate.name, medianMs: times[Math.floor((times.length - 1) / 2)]!, backend };
      results.push(measured);
      if (best === undefined || measured.medianMs! < best.medianMs!) {
        best?.backend?.release(table);
        best = measured;
      } else {
        backend.release(table);
      }
    } catch (error) {
      backend?.dispose();
      results.push({ name: candidate.name, error: error instanceof ScoringError ? `${error.code}: ${error.message}` : String(error) });
    }
  }
  return results.sort((a, b) => (a.medianMs ?? Infinity) - (b.medianMs ?? Infinity));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScoringError('SCORING_BACKEND_FAILED', `${what} took more than ${ms} ms; the backend is too slow on this device.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
