import type { ReshelfStatus } from '../../index.js';
import type { ScoringStatus } from '../../api/status.js';
import { BACKEND_NAMES, type BackendName } from '../../scoring/types.js';
import { el } from '../shop/format.js';
import { dataTable, facts, row, section } from './controls.js';

/** One line per backend, for visitors who do not know tfjs: what runs the arithmetic. */
const BACKENDS: Record<BackendName, string> = {
  simd: 'reshelf\u2019s own WebAssembly kernel, several numbers per instruction (SIMD)',
  js: 'reshelf\u2019s own plain JavaScript loops',
  wasm: 'TensorFlow.js on WebAssembly',
  webgpu: 'TensorFlow.js on the graphics chip (WebGPU)',
  webgl: 'TensorFlow.js on the graphics chip (WebGL)',
  cpu: 'TensorFlow.js in plain JavaScript',
};

const SOURCES: Record<ScoringStatus['source'], string> = {
  measured: 'measured when reshelf started on this page: each backend timed on the catalog\u2019s real size, the fastest kept',
  cache: 'measured on an earlier visit in this browser, for this catalog, and remembered so pages start faster',
  forced: 'forced by the page (createReshelf({ backend })); the others stay as fallbacks',
};

const MEASURING = 'Measuring\u2026 the backends are being timed on this device (a slow graphics backend can take a few seconds); the result shows here when it finishes.';
const NO_VECTORS =
  'No vector tables in this catalog (no collaborative-filtering, content or model vectors), so there is nothing to score on an engine and no backend is measured; the other signals rank in reshelf\u2019s plain loops.';
/** How often the section reads status() again while the backends are measured. */
const POLL_MS = 500;

export function describeBackend(name: string): string {
  return (BACKENDS as Record<string, string>)[name] ?? name;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

/** What `status().scoring` reports once the worker has chosen a backend for the catalog's vectors. */
export function scoringOf(status: ReshelfStatus | undefined): ScoringStatus | undefined {
  return status?.state === 'ready' ? status.scoring : undefined;
}

/**
 * "Scoring backend": which code scores the catalog's vectors on this device and the measurements that chose it.
 * `render(undefined)` when reshelf is off.
 */
export function createScoringSection(options: {
  forced: () => BackendName | undefined;
  /** Restarts reshelf with this backend forced, or (undefined) letting it choose again. */
  force: (backend: BackendName | undefined) => void;
  /** The running reshelf's status now: read again while a measurement runs, so the result shows without a ranking. */
  current: () => ReshelfStatus | undefined;
}): { root: HTMLElement; render: (status: ReshelfStatus | undefined) => void } {
  const root = section('Scoring backend');
  const choice = el('div', 'field');
  const select = el('select');
  select.id = 'backend-choice';
  const automatic = el('option', undefined, 'Fastest (reshelf chooses)');
  automatic.value = '';
  select.append(automatic, ...BACKEND_NAMES.map((name) => Object.assign(el('option', undefined, `${name}: ${describeBackend(name)}`), { value: name })));
  const choiceLabel = el('label', 'field-label', 'Run on');
  choiceLabel.htmlFor = select.id;
  const choiceHint = el('span', 'field-hint', 'Forcing one restarts reshelf with createReshelf({ backend }); the others stay as fallbacks.');
  choiceHint.id = 'backend-choice-hint';
  select.setAttribute('aria-describedby', choiceHint.id);
  choice.append(choiceLabel, select, choiceHint);
  select.addEventListener('change', () => options.force((select.value || undefined) as BackendName | undefined));
  const intro = el('p', 'note', 'Scoring the catalog\u2019s vectors (dot products with your taste, then the best 50) can run on several backends; reshelf times them on your device and keeps the fastest.');
  const summary = el('div', 'scoring-summary');
  const timings = dataTable('backends', 'Median time of one scoring pass per backend, measured on this device', ['Backend', 'What it is', 'Time']);
  const timingNote = el('p', 'note');
  const dropped = el('ul', 'dropped');
  const waiting = el('p', 'unavailable');
  root.append(intro, summary, timings.root, timingNote, dropped, waiting, choice);

  /** While the worker measures, status() is read again every POLL_MS (it changes by itself when the measurement ends). */
  let poll: ReturnType<typeof setTimeout> | undefined;
  function pollWhileMeasuring(status: ReshelfStatus | undefined): void {
    clearTimeout(poll);
    poll = undefined;
    const measuring = status?.state === 'starting' || (status?.state === 'ready' && status.scoringState === 'measuring');
    if (measuring) poll = setTimeout(() => render(options.current()), POLL_MS);
  }

  function render(status: ReshelfStatus | undefined): void {
    pollWhileMeasuring(status);
    select.value = options.forced() ?? '';
    select.disabled = status === undefined;
    const scoring = scoringOf(status);
    summary.hidden = timings.root.hidden = timingNote.hidden = dropped.hidden = !scoring;
    waiting.hidden = !!scoring;
    if (!scoring) {
      waiting.textContent =
        status === undefined
          ? 'reshelf is off: nothing is scored on this device.'
          : status.state === 'starting'
            ? 'reshelf is starting\u2026'
            : status.state === 'unavailable'
              ? `reshelf stopped (${status.reason.code}), so no backend runs; the shop keeps its order.`
              : status.scoringState === 'none'
                ? NO_VECTORS
                : MEASURING;
      return;
    }
    const measured = Object.entries(scoring.timings).sort(([, a], [, b]) => (typeof a === 'number' ? a : Infinity) - (typeof b === 'number' ? b : Infinity));
    const rows: [string, string][] = [
      // The timings table describes each backend; without one, the chosen backend is described here.
      ['Chosen', measured.length ? scoring.backend : `${scoring.backend}: ${describeBackend(scoring.backend)}`],
      ['How', SOURCES[scoring.source]],
    ];
    if (scoring.lastRankMs !== undefined) rows.push(['Last ranking', `${ms(scoring.lastRankMs)} in the worker`]);
    summary.replaceChildren(facts(rows));
    timings.body.replaceChildren(
      ...measured.map(([name, value]) =>
        row(
          [name === scoring.backend ? `${name} (chosen)` : name, describeBackend(name), typeof value === 'number' ? [ms(value), 'num'] : [`failed: ${value?.error ?? 'no reason given'}`, 'backend-error']],
          name === scoring.backend ? 'chosen' : undefined,
        ),
      ),
    );
    timings.root.hidden = measured.length === 0;
    timingNote.textContent = measured.length && status?.state === 'ready' ? `Time: the median of a few timed passes, each scoring all ${status.catalog.items.toLocaleString('en-GB')} products and keeping the best 50.` : '';
    if (measured.length === 0) summary.append(el('p', 'note', 'No timings to show: this choice was not measured in this page view.'));
    dropped.replaceChildren(...scoring.dropped.map((d) => el('li', undefined, `${d.backend} dropped: ${d.reason}`)));
    dropped.hidden = scoring.dropped.length === 0;
    // One table's backend is chosen while another table shape is still being timed.
    if (status?.state === 'ready' && status.scoringState === 'measuring') summary.append(el('p', 'note', MEASURING));
  }
  return { root, render };
}
