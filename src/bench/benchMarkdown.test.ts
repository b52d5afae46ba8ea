import { describe, expect, it } from 'vitest';
import { benchMarkdown, targetLines } from './benchMarkdown.js';
import type { BenchReport, BenchResult, EncodeBenchResult } from './benchTypes.js';

function result(engine: string, n: number, p50: number, table: 'float32' | 'int8' = 'float32'): BenchResult {
  return { engine, n, d: 64, p50_ms: p50, p90_ms: p50 * 1.5, table, reps: 10, first_ms: p50, recall: 1 };
}

function report(results: BenchResult[]): BenchReport {
  return {
    results,
    bounds: [
      { n: 100_000, d: 64, bound_ms: 1, gbps: 25.6, methods: { wasm_simd: 25.6 } },
      { n: 1_000_000, d: 64, bound_ms: 25.6, gbps: 10, methods: { wasm_simd: 10 } },
    ],
    chosen: { '100000x64': { int8: { backend: 'simd', timings: { simd: 0.5 } } } },
    skipped: [],
    environment: { cpuModel: 'Test CPU', cpuCount: 2, loadAverageBefore: [0.5], loadAverageAfter: [0.7] },
    config: { sizes: [{ n: 100_000, d: 64 }, { n: 1_000_000, d: 64 }], k: 50, reps: 10, budgetMs: 1000, minReps: 5, oramaMaxN: 1e6 },
  };
}

describe('bench markdown', () => {
  it('tabulates every engine per size, fastest first at the largest size, with the bound row', () => {
    const md = benchMarkdown(report([result('reshelf:js', 100_000, 4), result('reshelf:js', 1_000_000, 40), result('reshelf:simd', 100_000, 0.5, 'int8'), result('reshelf:simd', 1_000_000, 6, 'int8')]));
    const rows = md.split('\n').filter((l) => l.startsWith('| reshelf'));
    expect(rows).toEqual(['| reshelf:simd | int8 | 0.50 / 0.75 | 6.00 / 9.00 |', '| reshelf:js | float32 | 4.00 / 6.00 | 40.0 / 60.0 |']);
    expect(md).toContain('| *read float32 catalog once (bound)* | float32 | 1.00 (25.6 GB/s) | 25.6 (10.0 GB/s) |');
    expect(md).toContain('100000 x 64 int8: **simd**');
    expect(md).toContain('load average (1 min) 0.5 before, 0.7 after');
  });

  it('checks the issue-6 targets against the same run, and says what limits a missed one', () => {
    const met = targetLines(report([result('reshelf:simd', 100_000, 0.5, 'int8'), result('orama', 100_000, 100), result('tfjs-naive', 100_000, 2), result('reshelf:simd', 1_000_000, 6, 'int8')]));
    expect(met.filter((l) => l.includes('**missed**'))).toEqual([]);
    expect(met).toHaveLength(5);
    expect(met.join('\n')).toContain('vs bound 1.00 ms: met');
    expect(met.join('\n')).toContain('200.0x (100.0 ms): met');
    const missed = targetLines(report([result('reshelf:simd', 100_000, 2, 'int8'), result('tfjs-naive', 100_000, 5), result('reshelf:simd', 1_000_000, 30, 'int8')])).join('\n');
    expect(missed).toContain('vs bound 1.00 ms: **missed**');
    expect(missed).toContain('2.5x (5.0 ms): **missed**');
    expect(missed).toContain('30.00 ms: **missed**');
    expect(missed).toContain('reading the int8 table (64 MB) once takes 6.4 ms');
  });

  it('adds the worker ranking table and the issue-7 target when the report has --ranking results', () => {
    const ranked = (mode: string, backend: string, p50: number) => ({ mode, backend, items: 12_101, candidates: 50, history: 20, signals: ['pop', 'content', 'cf'], p50_ms: p50, p90_ms: p50 * 2, reps: 30, first_ms: p50, init_ms: 900 });
    const base = report([result('reshelf:simd', 100_000, 0.5, 'int8')]);
    const withRanking: BenchReport = {
      ...base,
      rankings: [ranked('measured', 'simd', 4.2), ranked('plain', 'plain', 11), ranked('webgl', 'simd', 30)],
      rankingRun: { config: { manifestPath: '/ranking-bundle/manifest.json', source: '/tmp/beauty', candidates: 50, history: 20, modes: ['measured', 'plain', 'webgl'] }, environment: { date: 'D', commit: 'abcdef1234567', loadAverageBefore: [1], loadAverageAfter: [2] } },
    };
    const md = benchMarkdown(withRanking);
    expect(md).toContain('| engine, measured choice (default): **simd** | 4.20 / 8.40 | 30 | 900 |');
    expect(md).toContain('| no engine: plain loops (as `reshelf eval`) | 11.0 / 22.0 | 30 | 900 |');
    expect(md).toContain('| engine, forced `webgl` (served by simd) | 30.0 / 60.0 | 30 | 900 |');
    expect(md).toContain('12,101-item catalog with every signal in the worker, p50 under 10 ms: 4.20 ms with the measured choice (simd): met.');
    expect(md).toContain('commit abcdef1234');
    expect(benchMarkdown({ ...withRanking, rankings: [ranked('measured', 'wasm', 12)] })).toContain('12.0 ms with the measured choice (wasm): **missed**');
    // Without --ranking results the README section is unchanged.
    expect(benchMarkdown(base)).not.toContain('Ranking in the worker');
  });

  it('tabulates the encoder timings per model and mode and checks the issue-8 target on what the worker runs', () => {
    const encoding = (kind: string, mode: string, backend: string, p50: number): EncodeBenchResult => ({ model: `/m/${kind}`, kind, items: 4385, dim: 64, maxLen: 50, length: 50, mode, backend, p50_ms: p50, p95_ms: p50 * 2, reps: 300, first_ms: p50, load_ms: 12 });
    const encodeRun = { config: { models: [{ path: '/encode-model/0/', source: '/m/sasrec' }, { path: '/encode-model/1/', source: '/m/gru' }], modes: ['worker', 'wasm'], length: 50, reps: 300, budgetMs: 5000 }, environment: { date: 'd', commit: 'abcdef1234567', loadAverageBefore: [1.1], loadAverageAfter: [1.2] } };
    const md = benchMarkdown({ ...report([]), config: { ...report([]).config, sizes: [] }, encodings: [encoding('sasrec', 'worker', 'js', 2.5), encoding('sasrec', 'wasm', 'wasm', 6), encoding('gru', 'worker', 'wasm', 12)], encodeRun });
    expect(md).toContain('| sasrec (/m/sasrec) | 4,385 x 64, 50 | worker default: **plain loops** | 2.50 / 5.00 | 300 | 12.0 |');
    expect(md).toContain('| sasrec (/m/sasrec) | 4,385 x 64, 50 | tfjs `wasm` | 6.00 / 12.0 | 300 | 12.0 |');
    expect(md).toContain('| gru (/m/gru) | 4,385 x 64, 50 | worker default: **tfjs wasm** | 12.0 / 24.0 | 300 | 12.0 |');
    expect(md).toContain('Target (issue 8): encoding p50 at most 5 ms at max length 50, with what the worker runs: sasrec 2.50 ms (plain loops): met; gru 12.0 ms (tfjs wasm): **missed**.');
    expect(md).toContain('load average (1 min) 1.1 before, 1.2 after');
  });
});
