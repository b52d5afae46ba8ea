// Bench worker 4 of 4 (`reshelf bench --ranking <bundle dir>`): the reshelf worker service, the code the shipped
// worker runs, ranking widgets of a real catalog with every signal; one worker per mode (the engine's measured
// choice, the plain loops, or a forced backend), so no mode inherits another's tfjs state.
import type { StoredEvent } from '../api/events.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { mergeFusionConfig } from '../fusion/loadConfig.js';
import { activeSignals } from '../fusion/rankCatalog.js';
import { SIGNAL_NAMES } from '../signals/registry.js';
import { signalAvailable } from '../signals/signalAvailable.js';
import { BACKEND_NAMES, type BackendName } from '../scoring/types.js';
import { seededRandom } from '../training/random.js';
import { createWorkerService } from '../worker/workerService.js';
import { timePasses } from './benchTiming.js';
import type { BenchWorkerMessage, BenchWorkerRequest } from './benchTypes.js';

const send = (message: BenchWorkerMessage) => postMessage(message);
const EVENT_TYPES: StoredEvent['type'][] = ['view', 'view', 'view', 'click', 'click', 'add_to_cart', 'purchase'];
const WIDGETS = 16;

self.onmessage = async ({ data }: MessageEvent<BenchWorkerRequest>) => {
  const { config, mode = 'measured' } = data;
  const ranking = config.ranking!;
  try {
    const url = new URL(ranking.manifestPath, location.href).href;
    // The catalog's ids, popularity and shipped configuration, to make up shoppers and widgets.
    const model = await loadBundle(url);
    const n = model.ids.length;
    const byPopularity = Array.from(model.ids.keys()).sort((a, b) => (model.popularity?.counts[b] ?? 0) - (model.popularity?.counts[a] ?? 0) || a - b);
    const random = seededRandom(4242);
    // A shopper browsing mostly popular items, with a long tail, as real histories do.
    const item = () => model.ids[byPopularity[Math.floor(n * random() ** 3)]!]!;
    let clock = Date.UTC(2026, 9, 1);
    const event = (): StoredEvent => ({ type: EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)]!, itemId: item(), time: (clock += 45_000) });
    const widgets = Array.from({ length: WIDGETS }, () => Array.from({ length: ranking.candidates }, () => model.ids[Math.floor(random() * n)]!));

    // Every signal the bundle has data for: the shipped weights, and a small weight for any signal the shipped
    // config leaves off (optional sections such as the trained model or the content-neighbour table only when
    // the bundle carries them: a signal without its data abstains and would be listed without being timed).
    const shipped = mergeFusionConfig(model.defaultConfig ?? {});
    const weights = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, signalAvailable(model, name) ? shipped.weights[name] || 0.1 : 0]));
    const override = { weights, ...(shipped.method === 'stacked' ? { method: 'weighted' } : {}) };
    const signals = activeSignals(mergeFusionConfig(override, shipped), ranking.history);

    const forced = (BACKEND_NAMES as readonly string[]).includes(mode) ? (mode as BackendName) : undefined;
    // `plain`: an engine without backends, so every ranking takes the synchronous loops (what `reshelf eval` runs).
    const service = createWorkerService({ scoring: mode === 'plain' ? { factories: {} } : { chooseWaitMs: 120_000 } });
    send({ type: 'progress', text: `ranking ${mode}: init (${n} items)` });
    const started = performance.now();
    const init = await service.init({ catalogUrl: url, storage: 'memory', onlineLearning: false, ...(forced ? { backend: forced } : {}) });
    const initMs = performance.now() - started;
    if (!init.ok) throw new Error(`init failed: ${init.reason.code} ${init.reason.message}`);
    await service.track(Array.from({ length: ranking.history }, event));

    const served = (status: typeof init.scoring) => (status?.tables ? status.tables.map((t) => `${t.backend} (${t.table})`).join(', ') : status?.backend ?? '?');
    let backend = mode === 'plain' ? 'plain' : served(init.scoring);
    // Each ranking sees a new event (so nothing is cached between rankings) and another widget.
    const timing = await timePasses(config, widgets, async (candidates) => {
      await service.track([event()]);
      const out = await service.rank({ candidates, historyLimit: ranking.history, config: { ...override, onlineLearning: false } });
      if (mode !== 'plain' && out.scoring) backend = served(out.scoring);
    });
    send({
      type: 'ranking',
      result: { mode, backend, items: n, candidates: ranking.candidates, history: ranking.history, signals, p50_ms: timing.p50, p90_ms: timing.p90, reps: timing.reps, first_ms: timing.first, init_ms: initMs },
    });
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
