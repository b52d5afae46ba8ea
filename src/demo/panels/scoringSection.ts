import type { ReshelfStatus } from '../../index.js';
import { el } from '../shop/format.js';
import { dataTable, facts, row, section } from './controls.js';

type BackendName = 'simd' | 'js' | 'wasm' | 'webgpu' | 'webgl' | 'cpu';

/**
 * What `status().scoring` reports (the contract in src/api/status.ts): the backend serving the catalog's
 * vectors, how it was chosen, the measured median ms per pass of every backend that ran (or its error), the
 * backends dropped since, and the last ranking's time. Read structurally so the panel also works with a build
 * that does not report it (it then says so).
 */
export interface ScoringReport {
  backend: BackendName | string;
  source: 'measured' | 'cache' | 'forced';
  timings: Partial<Record<string, number | { error: string }>>;
  dropped: { backend: string; reason: string }[];
  lastRankMs?: number;
}

/** One line per backend, for visitors who do not know tfjs: what runs the arithmetic. */
const BACKENDS: Record<BackendName, string> = {
  simd: 'reshelf\u2019s own WebAssembly kernel, 4 numbers per instruction (SIMD)',
  js: 'reshelf\u2019s own plain JavaScript loops',
  wasm: 'TensorFlow.js on WebAssembly',
  webgpu: 'TensorFlow.js on the graphics chip (WebGPU)',
  webgl: 'TensorFlow.js on the graphics chip (WebGL)',
  cpu: 'TensorFlow.js in plain JavaScript',
};

const SOURCES: Record<ScoringReport['source'], string> = {
  measured: 'measured on this device just now: every backend timed on the catalog\u2019s real size, the fastest kept',
  cache: 'measured on an earlier visit with this browser and catalog shape, remembered so pages start faster',
  forced: 'forced by the page (createReshelf({ backend })); the others stay as fallbacks',
};

export function describeBackend(name: string): string {
  return (BACKENDS as Record<string, string>)[name] ?? name;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

/** The scoring report of a status, when the running build gives one. */
export function scoringOf(status: ReshelfStatus | undefined): ScoringReport | undefined {
  if (status?.state !== 'ready') return undefined;
  return (status as { scoring?: ScoringReport }).scoring;
}

/**
 * "Scoring backend": which code scores the catalog's vectors on this device and the measurements that chose it.
 * `render(undefined)` when reshelf is off.
 */
export function createScoringSection(): { root: HTMLElement; render: (status: ReshelfStatus | undefined) => void } {
  const root = section('Scoring backend');
  const intro = el('p', 'note', 'Scoring the catalog\u2019s vectors (dot products with your taste, then the best 50) can run on several backends; reshelf times them on your device and keeps the fastest.');
  const summary = el('div', 'scoring-summary');
  const timings = dataTable('backends', 'Median time of one scoring pass per backend, measured on this device', ['Backend', 'What it is', 'Per pass']);
  const dropped = el('ul', 'dropped');
  const waiting = el('p', 'unavailable');
  root.append(intro, summary, timings.root, dropped, waiting);

  function render(status: ReshelfStatus | undefined): void {
    const scoring = scoringOf(status);
    summary.hidden = timings.root.hidden = dropped.hidden = !scoring;
    waiting.hidden = !!scoring;
    if (!scoring) {
      waiting.textContent =
        status === undefined
          ? 'reshelf is off: nothing is scored on this device.'
          : status.state === 'starting'
            ? 'reshelf is starting\u2026'
            : status.state === 'unavailable'
              ? `reshelf stopped (${status.reason.code}), so no backend runs; the shop keeps its order.`
              : 'Not reported: this build of reshelf does not say which backend scores the catalog.';
      return;
    }
    const rows: [string, string][] = [
      ['Chosen', `${scoring.backend}: ${describeBackend(scoring.backend)}`],
      ['How', SOURCES[scoring.source] ?? scoring.source],
    ];
    if (scoring.lastRankMs !== undefined) rows.push(['Last ranking', `${ms(scoring.lastRankMs)} in the worker`]);
    summary.replaceChildren(facts(rows));
    const measured = Object.entries(scoring.timings).sort(([, a], [, b]) => (typeof a === 'number' ? a : Infinity) - (typeof b === 'number' ? b : Infinity));
    timings.body.replaceChildren(
      ...measured.map(([name, value]) =>
        row(
          [name === scoring.backend ? `${name} (chosen)` : name, describeBackend(name), typeof value === 'number' ? [ms(value), 'num'] : [`failed: ${value?.error ?? 'unknown'}`, 'backend-error']],
          name === scoring.backend ? 'chosen' : undefined,
        ),
      ),
    );
    timings.root.hidden = measured.length === 0;
    dropped.replaceChildren(...scoring.dropped.map((d) => el('li', undefined, `${d.backend} dropped: ${d.reason}`)));
    dropped.hidden = scoring.dropped.length === 0;
  }
  return { root, render };
}
