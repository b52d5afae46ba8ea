import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/benchTypes.js';
import { benchCommand, parseSizes } from './bench.js';

describe('reshelf bench', () => {
  it('parses --sizes and rejects malformed ones', () => {
    expect(parseSizes('10000x32, 100000x64')).toEqual([{ n: 10_000, d: 32 }, { n: 100_000, d: 64 }]);
    expect(() => parseSizes('100000')).toThrow(/not NxD/);
    expect(() => parseSizes('0x64')).toThrow(/N >= 1/);
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
});
