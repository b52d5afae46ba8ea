// Test fixture (not shipped): the real reshelf worker service in a module worker, serving synthetic bundles
// and with two test seams, for src/worker/workerScoring.browser.test.ts:
// - bundles: https://bundles.test/<items>/<seed>/manifest.json is syntheticRankingBundle(items, { seed }),
//   built here and served by a fetch override (every other URL goes to the network as usual);
// - GPU loss: a worker named `lose:<backend>` loses that backend's device (WebGL: WEBGL_lose_context,
//   WebGPU: device.destroy()) in the middle of the first scoring pass after init, while the pass is in flight;
// - background: a worker named `background` does not wait for the measurement in init (see below);
// - probes (`probe()` over a second comlink wrap): tfjs's live tensor count and scoring passes per backend.
import { expose } from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { writeBundleFiles } from '../../catalog/writeBundle.js';
import { serveFiles } from '../../catalog/testing/bundleFixtures.js';
import { syntheticRankingBundle } from '../../ranking/testing/syntheticRankingBundle.js';
import { browserBackendFactories } from '../../scoring/backendFactories.js';
import type { BackendFactories } from '../../scoring/engine.js';
import type { BackendName, ScoringBackend } from '../../scoring/types.js';
import { STATUS_UPDATE } from '../contract.js';
import { createWorkerService } from '../workerService.js';

const BUNDLE_URL = /^https:\/\/bundles\.test\/(\d+)\/(\d+)\//;
const bundles = new Map<string, Promise<typeof fetch>>();
const networkFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  const match = BUNDLE_URL.exec(url);
  if (!match) return networkFetch(input, init);
  const key = `${match[1]}/${match[2]}`;
  let serve = bundles.get(key);
  if (!serve) bundles.set(key, (serve = writeBundleFiles(syntheticRankingBundle(Number(match[1]), { seed: Number(match[2]) })).then((files) => serveFiles(files))));
  return (await serve)(input, init);
}) as typeof fetch;

const passes: Partial<Record<BackendName, number>> = {};
const loseOnFirstPass = self.name.startsWith('lose:') ? (self.name.slice(5) as BackendName) : undefined;
let initialised = false;

function loseDevice(name: BackendName): Promise<unknown> {
  if (name === 'webgl') {
    const gl = (tf.findBackend('webgl') as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    return Promise.resolve();
  }
  if (name === 'webgpu') {
    const device = (tf.findBackend('webgpu') as unknown as { device: { destroy(): void; lost: Promise<unknown> } }).device;
    device.destroy();
    return device.lost;
  }
  throw new Error(`the fixture cannot take the device of ${name}`);
}

/** The real backend, counting passes; the armed one loses its device while its first post-init pass runs. */
function instrumented(name: BackendName, start: () => Promise<ScoringBackend>): () => Promise<ScoringBackend> {
  return async () => {
    const real = await start();
    return {
      name: real.name,
      get lost() {
        return real.lost;
      },
      async scoreAll(table, queries, queryCount, scratch) {
        passes[name] = (passes[name] ?? 0) + 1;
        if (loseOnFirstPass !== name || !initialised) return real.scoreAll(table, queries, queryCount, scratch);
        initialised = false; // once
        const inFlight = real.scoreAll(table, queries, queryCount, scratch);
        await Promise.resolve();
        const lost = loseDevice(name);
        try {
          return await inFlight;
        } finally {
          await lost;
        }
      },
      release: (table) => real.release(table),
      dispose: () => real.dispose(),
    };
  };
}

const factories: BackendFactories = {};
for (const [name, start] of Object.entries(browserBackendFactories) as [BackendName, () => Promise<ScoringBackend>][]) factories[name] = instrumented(name, start);

// Measurement may take long on a loaded machine: the tests wait for the choice instead of racing it, except in a
// worker named `background`, whose init does not wait at all: the measurement finishes in the background and is
// announced to the page by a status message, as the shipped worker does (worker.ts).
const background = self.name === 'background';
const post = (message: unknown) => (self as unknown as { postMessage(message: unknown): void }).postMessage(message);
const service = createWorkerService({ scoring: { factories, chooseWaitMs: background ? 0 : 120_000 }, notify: (update) => post({ [STATUS_UPDATE]: update }) });
const init = service.init.bind(service);
service.init = async (options) => {
  const result = await init(options);
  initialised = true;
  return result;
};

export interface ScoringProbe {
  numTensors: number;
  passes: Partial<Record<BackendName, number>>;
}

expose({
  ...service,
  init: service.init,
  probe(): ScoringProbe {
    // Before any tfjs backend was started (a cached choice of simd or js), tfjs has no backend and no tensors.
    const started = Object.keys(tf.engine().registryFactory).length > 0;
    return { numTensors: started ? tf.memory().numTensors : 0, passes: { ...passes } };
  },
});
