import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/benchTypes.js';
import { writeBundleFiles } from '../../catalog/writeBundle.js';
import { syntheticRankingBundle } from '../../ranking/testing/syntheticRankingBundle.js';
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
});
