// The bench page (production build): runs each measurement in a module worker, one worker per engine family
// and size so no engine inherits another's memory or tfjs state, and assembles the report.
import type { BenchConfig, BenchReport, BenchWorkerMessage, BenchWorkerRequest } from './benchTypes.js';

declare global {
  interface Window {
    reshelfBench: (config: BenchConfig) => Promise<BenchReport>;
  }
}

type WorkerKind = 'reshelf' | 'orama' | 'naive' | 'ranking' | 'encode';

function startWorker(kind: WorkerKind): Worker {
  // Literal URLs, so vite's build sees and emits each worker.
  if (kind === 'reshelf') return new Worker(new URL('./reshelfBenchWorker.ts', import.meta.url), { type: 'module' });
  if (kind === 'orama') return new Worker(new URL('./oramaBenchWorker.ts', import.meta.url), { type: 'module' });
  if (kind === 'ranking') return new Worker(new URL('./rankingBenchWorker.ts', import.meta.url), { type: 'module' });
  if (kind === 'encode') return new Worker(new URL('./encodeBenchWorker.ts', import.meta.url), { type: 'module' });
  return new Worker(new URL('./naiveTfjsBenchWorker.ts', import.meta.url), { type: 'module' });
}

function log(text: string): void {
  console.log(`[bench] ${text}`);
  document.getElementById('log')!.textContent += `${text}\n`;
}

function runWorker(kind: WorkerKind, request: BenchWorkerRequest, report: BenchReport): Promise<void> {
  const worker = startWorker(kind);
  return new Promise<void>((resolve, reject) => {
    worker.onerror = (event) => reject(new Error(`${kind} worker: ${event.message}`));
    worker.onmessage = ({ data }: MessageEvent<BenchWorkerMessage>) => {
      switch (data.type) {
        case 'progress':
          log(data.text);
          break;
        case 'result':
          report.results.push(data.result);
          log(`  ${data.result.engine} (${data.result.table}) ${data.result.n}x${data.result.d}: p50 ${data.result.p50_ms.toFixed(2)} ms, p90 ${data.result.p90_ms.toFixed(2)} ms, recall ${data.result.recall.toFixed(3)}`);
          break;
        case 'bound':
          report.bounds.push(data.bound);
          log(`  bound ${data.bound.n}x${data.bound.d}: ${data.bound.bound_ms.toFixed(2)} ms at ${data.bound.gbps.toFixed(1)} GB/s`);
          break;
        case 'skip':
          report.skipped.push(data.skip);
          log(`  skipped ${data.skip.engine} (${data.skip.table ?? ''}): ${data.skip.reason}`);
          break;
        case 'chosen':
          (report.chosen[data.size] ??= {})[data.table] = data.choice;
          log(`  engine chose ${data.choice.backend} for ${data.table} ${data.size}`);
          break;
        case 'ranking':
          (report.rankings ??= []).push(data.result);
          log(`  rank() ${data.result.mode} (${data.result.backend}) ${data.result.items} items: p50 ${data.result.p50_ms.toFixed(2)} ms, p90 ${data.result.p90_ms.toFixed(2)} ms, init ${data.result.init_ms.toFixed(0)} ms`);
          break;
        case 'encoding':
          (report.encodings ??= []).push(data.result);
          log(`  encode ${data.result.kind} ${data.result.mode} (${data.result.backend}) length ${data.result.length}: p50 ${data.result.p50_ms.toFixed(2)} ms, p95 ${data.result.p95_ms.toFixed(2)} ms over ${data.result.reps}, load ${data.result.load_ms.toFixed(0)} ms`);
          break;
        case 'environment':
          Object.assign(report.environment, data.values);
          break;
        case 'done':
          resolve();
          break;
        case 'error':
          reject(new Error(`${kind} worker: ${data.text}`));
          break;
      }
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

async function environment(): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    deviceMemoryGiB: (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
    crossOriginIsolated,
    productionBuild: import.meta.env.PROD,
  };
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    values.webglRenderer = gl ? (info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : null;
  } catch (error) {
    values.webglRenderer = `unavailable: ${String(error)}`;
  }
  try {
    type AdapterLike = { info?: Record<string, unknown>; isFallbackAdapter?: boolean };
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
    const adapter = await gpu?.requestAdapter();
    values.webgpuAdapter = adapter
      ? { vendor: adapter.info?.vendor, architecture: adapter.info?.architecture, description: adapter.info?.description, isFallbackAdapter: adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter }
      : null;
  } catch (error) {
    values.webgpuAdapter = `unavailable: ${String(error)}`;
  }
  return values;
}

window.reshelfBench = async (config) => {
  const report: BenchReport = { results: [], bounds: [], chosen: {}, skipped: [], environment: await environment(), config };
  for (const { n, d } of config.sizes) {
    const request: BenchWorkerRequest = { n, d, config };
    await runWorker('reshelf', request, report);
    if (n <= config.oramaMaxN) await runWorker('orama', request, report);
    else report.skipped.push({ engine: 'orama', n, d, reason: `catalog larger than --orama-max-n ${config.oramaMaxN}` });
    await runWorker('naive', request, report);
  }
  for (const mode of config.ranking?.modes ?? []) await runWorker('ranking', { n: 0, d: 0, config, mode }, report);
  // Every kind runs as plain loops by default, so each forced tfjs backend (wasm too) times something else.
  for (const model of (config.encode?.models ?? []).keys()) {
    for (const mode of config.encode!.modes) await runWorker('encode', { n: 0, d: 0, config, mode, model }, report);
  }
  return report;
};
