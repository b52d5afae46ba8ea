import { describe, expect, it } from 'vitest';
import { referenceTopK } from './referenceTopK.js';
import { quantiseTable } from './quantise.js';
import { gaussianArray, syntheticFloat32Table } from './syntheticTable.js';
import { BACKEND_NAMES } from './types.js';

interface WorkerReply {
  ok: boolean;
  error?: string;
  choice?: { backend: string; source: string; timings: Record<string, number | { error: string }>; order: string[] };
  indices?: number[];
  cached?: { backend: string }[];
  hasDocument?: boolean;
}

function runInWorker(message: { count: number; dim: number; int8: boolean }): Promise<WorkerReply> {
  const worker = new Worker(new URL('./engineWorker.fixture.ts', import.meta.url), { type: 'module' });
  return new Promise<WorkerReply>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(message);
  }).finally(() => worker.terminate());
}

describe('scoring engine in a module worker (real Chromium)', () => {
  for (const int8 of [false, true]) {
    it(`measures every backend on a ${int8 ? 'int8' : 'float32'} table, picks the fastest, caches it and ranks right`, { timeout: 120_000 }, async () => {
      const reply = await runInWorker({ count: 20_000, dim: 64, int8 });
      expect(reply.error).toBeUndefined();
      expect(reply.hasDocument).toBe(false);
      const { choice } = reply;
      // Every backend was tried in the worker: WebGL and WebGPU run on SwiftShader here, so all six start.
      for (const name of BACKEND_NAMES) expect(typeof choice!.timings[name], `${name}: ${JSON.stringify(choice!.timings[name])}`).toBe('number');
      const fastest = Object.entries(choice!.timings).sort((a, b) => (a[1] as number) - (b[1] as number))[0]![0];
      expect(choice).toMatchObject({ source: 'measured', backend: fastest });
      expect(choice!.order[0]).toBe(fastest);
      expect(reply.cached).toEqual([expect.objectContaining({ backend: fastest })]);

      const float = syntheticFloat32Table(20_000, 64, 21);
      const reference = referenceTopK(int8 ? quantiseTable(float) : float, gaussianArray(64, 22), 50);
      const wanted = new Set(reference.indices);
      const hits = reply.indices!.filter((i) => wanted.has(i)).length;
      expect(hits / 50).toBeGreaterThanOrEqual(int8 ? 0.99 : 1);
    });
  }
});
