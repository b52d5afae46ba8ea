import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/benchTypes.js';
import { writeBundleFiles } from '../../catalog/writeBundle.js';
import { syntheticRankingBundle } from '../../ranking/testing/syntheticRankingBundle.js';
import { runTraining } from '../../models/runTraining.js';
import { tinyTrainingOptions, writeChainDataset } from '../../models/trainFixture.js';
import { benchCommand, mergeReports, parseSizes } from './bench.js';

describe('reshelf bench', () => {
  it('parses --sizes and rejects malformed ones', () => {
    expect(parseSizes('10000x32, 100000x64')).toEqual([{ n: 10_000, d: 32 }, { n: 100_000, d: 64 }]);
    expect(() => parseSizes('100000')).toThrow(/not NxD/);
    expect(() => parseSizes('0x64')).toThrow(/N >= 1/);
  });

  it('--update replaces only what the run measured', () => {
    const config = { sizes: [{ n: 10, d: 4 }], k: 5, reps: 5, budgetMs: 10, minReps: 5, oramaMaxN: 10 };
    const scoring: BenchReport = { results: [], bounds: [], chosen: {}, skipped: [], environment: { date: 'scoring run' }, config };
    const rankingRun = { config: { manifestPath: '/m.json', source: 'dir', candidates: 50, history: 20, modes: ['measured'] }, environment: { date: 'ranking run' } };
    const ranking: BenchReport = { results: [], bounds: [], chosen: {}, skipped: [], environment: { date: 'ranking run' }, config: { ...config, sizes: [] }, rankings: [], rankingRun };
    const merged = mergeReports(scoring, ranking);
    expect(merged.environment).toEqual({ date: 'scoring run' });
    expect(merged.config.sizes).toEqual(config.sizes);
    expect(merged.rankingRun).toEqual(rankingRun);
    // A later scoring run keeps the rankings.
    const again = mergeReports(merged, { ...scoring, environment: { date: 'new scoring run' } });
    expect(again.environment).toEqual({ date: 'new scoring run' });
    expect(again.rankingRun).toEqual(rankingRun);
    // An encode run replaces the encodings only.
    const encodeRun = { config: { models: [{ path: '/encode-model/0/', source: 'm' }], modes: ['worker'], length: 50, reps: 5, budgetMs: 10 }, environment: { date: 'encode run' } };
    const encoded = mergeReports(again, { ...scoring, config: { ...config, sizes: [] }, environment: { date: 'encode run' }, encodings: [], encodeRun });
    expect(encoded.environment).toEqual({ date: 'new scoring run' });
    expect(encoded.rankingRun).toEqual(rankingRun);
    expect(encoded.encodeRun).toEqual(encodeRun);
  });

  // End to end on a tiny catalog: production build, headless Chromium, every engine in module workers.
  it('builds the page, measures every engine in Chromium and writes the report and its markdown', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reshelf-bench-'));
    const out = join(dir, 'bench.json');
    const code = await benchCommand.run({ positionals: [], values: { out, sizes: '3000x16', k: '10', reps: '5', 'budget-ms': '50', 'orama-max-n': '3000' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    const engines = report.results.map((r) => `${r.engine}/${r.table}`).sort();
    for (const backend of ['simd', 'js', 'wasm', 'cpu', 'webgl', 'webgpu']) {
      expect(engines).toContain(`reshelf:${backend}/float32`);
      expect(engines).toContain(`reshelf:${backend}/int8`);
    }
    expect(engines).toContain('orama/float32');
    expect(engines).toContain('tfjs-naive/float32');
    expect(report.skipped).toEqual([]);
    for (const r of report.results) {
      expect(r.p50_ms).toBeGreaterThan(0);
      expect(r.p90_ms).toBeGreaterThanOrEqual(r.p50_ms);
      expect(r.recall, r.engine).toBeGreaterThanOrEqual(r.table === 'int8' ? 0.9 : 1);
    }
    expect(report.bounds).toHaveLength(1);
    expect(report.bounds[0]!.gbps).toBeGreaterThan(0);
    expect(Object.keys(report.chosen['3000x16']!).sort()).toEqual(['float32', 'int8']);
    expect(report.environment).toMatchObject({ productionBuild: true, crossOriginIsolated: true });
    expect(readFileSync(join(dir, 'bench.md'), 'utf8')).toContain('| reshelf:simd |');
  });

  it('--ranking times the worker\'s rank() on a bundle directory, per mode, and --sizes none skips the scoring sizes', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reshelf-bench-ranking-'));
    const bundle = join(dir, 'bundle');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bundle);
    for (const [name, bytes] of await writeBundleFiles(syntheticRankingBundle(600))) writeFileSync(join(bundle, name), bytes);
    const out = join(dir, 'ranking.json');
    const code = await benchCommand.run({ positionals: [], values: { out, sizes: 'none', k: '10', reps: '5', 'budget-ms': '50', 'orama-max-n': '10', ranking: bundle, 'ranking-modes': 'measured,plain,js', 'ranking-candidates': '20', 'ranking-history': '8' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(report.results).toEqual([]);
    expect(report.rankings!.map((r) => [r.mode, r.items, r.candidates, r.history])).toEqual([
      ['measured', 600, 20, 8],
      ['plain', 600, 20, 8],
      ['js', 600, 20, 8],
    ]);
    const [measured, plain, forced] = report.rankings!;
    expect(measured!.backend).not.toBe('plain');
    expect(plain!.backend).toBe('plain');
    expect(forced!.backend).toBe('js (cf), js (content)');
    expect(measured!.signals).toEqual(expect.arrayContaining(['content', 'cf', 'prototypes', 'knn', 'sequence', 'pop']));
    for (const r of report.rankings!) expect(r.p90_ms).toBeGreaterThanOrEqual(r.p50_ms);
    expect(report.rankingRun?.config.source).toBe(bundle);
    expect(readFileSync(join(dir, 'ranking.md'), 'utf8')).toContain('p50 under 10 ms');
  });

  // End to end: two model directories written by `reshelf train` (tiny, 1 epoch), the worker's encoder in Chromium.
  it('--encode times the worker\'s sequence-model encoder per model and mode (every kind: plain loops by default)', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reshelf-bench-encode-'));
    const data = writeChainDataset(join(dir, 'data'));
    const sasrec = join(dir, 'sasrec');
    const gru = join(dir, 'gru');
    const caser = join(dir, 'caser');
    await runTraining(tinyTrainingOptions(data, sasrec, { epochs: 1 }));
    await runTraining(tinyTrainingOptions(data, gru, { epochs: 1, kind: 'gru' }));
    await runTraining(tinyTrainingOptions(data, caser, { epochs: 1, kind: 'caser' }));
    const out = join(dir, 'encode.json');
    const code = await benchCommand.run({ positionals: [], values: { out, sizes: 'none', k: '10', reps: '5', 'budget-ms': '50', 'orama-max-n': '10', encode: `${sasrec},${gru},${caser}`, 'encode-modes': 'worker,wasm,cpu', 'encode-length': '50', 'encode-reps': '20' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(report.encodings!.map((r) => [r.kind, r.mode, r.backend, r.length, r.items, r.dim])).toEqual([
      ['sasrec', 'worker', 'js', 10, 40, 16],
      ['sasrec', 'wasm', 'wasm', 10, 40, 16],
      ['sasrec', 'cpu', 'cpu', 10, 40, 16],
      ['gru', 'worker', 'js', 10, 40, 16],
      ['gru', 'wasm', 'wasm', 10, 40, 16],
      ['gru', 'cpu', 'cpu', 10, 40, 16],
      ['caser', 'worker', 'js', 10, 40, 16],
      ['caser', 'wasm', 'wasm', 10, 40, 16],
      ['caser', 'cpu', 'cpu', 10, 40, 16],
    ]);
    const dirs: Record<string, string> = { sasrec, gru, caser };
    for (const r of report.encodings!) {
      expect(r.model).toBe(dirs[r.kind]);
      expect(r.reps).toBeGreaterThanOrEqual(5);
      expect(r.p95_ms).toBeGreaterThanOrEqual(r.p50_ms);
      expect(r.p50_ms).toBeGreaterThan(0);
    }
    expect(report.encodeRun?.config.models.map((m) => m.source)).toEqual([sasrec, gru, caser]);
    const markdown = readFileSync(join(dir, 'encode.md'), 'utf8');
    expect(markdown).toContain('worker default: **plain loops**');
    expect(markdown).not.toContain('worker default: **tfjs');
    expect(markdown).toContain('tfjs `wasm`');
    // Length 10 (the tiny model's max length) is not the length 50: no verdict from it.
    expect(markdown).not.toContain('Target (issue 8)');
  });
});
