// Bench worker 5 (`reshelf bench --encode <model dir>`): the worker's sequence-model encoder on a model written
// by `reshelf train`, one module worker per model and mode so no mode inherits another's tfjs state.
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

self.onmessage = async ({ data }: MessageEvent<BenchWorkerRequest>) => {
  const encode = data.config.encode!;
  const { path, source } = encode.models[data.model ?? 0]!;
  const mode = data.mode ?? 'worker';
  try {
    const base = new URL(path, location.href);
    const [json, weights, codes, scales] = await Promise.all([
      bytes(new URL(MODEL_FILES.json, base).href),
      bytes(new URL(MODEL_FILES.weights, base).href),
      bytes(new URL(MODEL_FILES.codes, base).href),
      bytes(new URL(MODEL_FILES.scales, base).href),
    ]);
    const section = sectionFromModelFiles(JSON.parse(new TextDecoder().decode(json)) as SequenceModelJson, new Uint8Array(weights), new Int8Array(codes), new Float32Array(scales));
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
