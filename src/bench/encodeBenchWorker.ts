// Bench worker 5 (`reshelf bench --encode <dir>`): the worker's sequence-model encoder on a model written by
// `reshelf train`, or on the model section of a bundle (an ensemble from `reshelf build --model a,b` is timed
// whole, as the worker runs it), one module worker per model and mode so no mode inherits another's tfjs state.
import type { SequenceModelSection } from '../catalog/catalogModel.js';
import { loadBundle } from '../catalog/loadBundle.js';
import type { SequenceModelJson } from '../models/modelArtifacts.js';
import { MODEL_FILES } from '../models/modelArtifacts.js';
import type { BenchWorkerMessage, BenchWorkerRequest } from './benchTypes.js';
import { sectionFromModelFiles, timeEncoding } from './encodeBench.js';

const send = (message: BenchWorkerMessage) => postMessage(message);

async function bytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function modelDirectorySection(base: URL): Promise<SequenceModelSection> {
  const [json, weights, codes, scales] = await Promise.all([
    bytes(new URL(MODEL_FILES.json, base).href),
    bytes(new URL(MODEL_FILES.weights, base).href),
    bytes(new URL(MODEL_FILES.codes, base).href),
    bytes(new URL(MODEL_FILES.scales, base).href),
  ]);
  return sectionFromModelFiles(JSON.parse(new TextDecoder().decode(json)) as SequenceModelJson, new Uint8Array(weights), new Int8Array(codes), new Float32Array(scales));
}

/** The bundle's model section, loaded (and verified) by the worker's own loader. */
async function bundleSection(base: URL, source: string): Promise<SequenceModelSection> {
  const catalog = await loadBundle(new URL('manifest.json', base).href);
  if (!catalog.sequenceModel) throw new Error(`--encode ${source}: the bundle has no model section (build it with --model).`);
  return catalog.sequenceModel;
}

self.onmessage = async ({ data }: MessageEvent<BenchWorkerRequest>) => {
  const encode = data.config.encode!;
  const { path, source, bundle } = encode.models[data.model ?? 0]!;
  const mode = data.mode ?? 'worker';
  try {
    const base = new URL(path, location.href);
    const section = bundle ? await bundleSection(base, source) : await modelDirectorySection(base);
    send({ type: 'progress', text: `encode ${section.kind} (${source}) ${mode}` });
    try {
      const timing = await timeEncoding(section, mode, encode);
      send({ type: 'encoding', result: { model: source, ...timing } });
    } catch (error) {
      // A backend this browser cannot start (e.g. no WebGPU adapter) is reported, not fatal to the run.
      send({ type: 'skip', skip: { engine: `encode ${section.kind} ${mode}`, n: section.itemTable.count, d: section.itemTable.dim, reason: (error as Error).message } });
    }
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
