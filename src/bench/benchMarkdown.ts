import type { BenchReport, BenchResult, EncodeBenchResult, RankingBenchResult } from './benchTypes.js';

/**
 * The README's benchmark section, generated from a `reshelf bench` report (never typed by hand):
 * one table of p50 / p90 per engine and size, the memory-read bound, the engine's own choice, and the
 * issue-6 targets checked against the numbers of the same run.
 */
export function benchMarkdown(report: BenchReport): string {
  const sizes = report.config.sizes;
  const sizeKey = (n: number, d: number) => `${n}x${d}`;
  const label = (n: number, d: number) => `${n.toLocaleString('en-US')} x ${d}`;
  const rows = new Map<string, Map<string, BenchResult>>();
  for (const r of report.results) {
    const row = `${r.engine}|${r.table}`;
    if (!rows.has(row)) rows.set(row, new Map());
    rows.get(row)!.set(sizeKey(r.n, r.d), r);
  }
  const largest = sizes[sizes.length - 1];
  const sortKey = (row: Map<string, BenchResult>) => (largest ? row.get(sizeKey(largest.n, largest.d))?.p50_ms : undefined) ?? Infinity;
  const ordered = [...rows.entries()].sort((a, b) => sortKey(a[1]) - sortKey(b[1]));
  const env = report.environment;

  const lines: string[] = [];
  if (sizes.length === 0) {
    const parts = [...(report.rankings?.length && report.rankingRun ? [rankingLines(report)] : []), ...(report.encodings?.length && report.encodeRun ? [encodeLines(report)] : [])];
    return parts.length > 0 ? `${parts.map((p) => p.join('\n')).join('\n\n')}\n` : 'The report holds no measurements.\n';
  }
  lines.push(`Top ${report.config.k} of one query against N x D vectors, p50 / p90 in ms over repeated queries after warm-up, measured in a module worker of a production build in headless Chromium by \`npx reshelf bench\`.`);
  lines.push('');
  lines.push(`Machine: ${String(env.cpuModel ?? '?')} (${String(env.cpuCount ?? '?')} cores), Chromium ${String(env.chromiumVersion ?? '?')}, WebGL: ${String(env.webglRenderer ?? '?')}, WebGPU: ${describeAdapter(env.webgpuAdapter)}. Run ${String(env.date ?? '?')}, commit ${String(env.commit ?? '?').slice(0, 10)}; load average (1 min) ${loadText(env)} on this shared machine, so absolute figures are pessimistic; ratios within the run are the comparison.`);
  lines.push('');
  lines.push(`| engine | table | ${sizes.map((s) => label(s.n, s.d)).join(' | ')} |`);
  lines.push(`|---|---|${sizes.map(() => '---:').join('|')}|`);
  for (const [row, bySize] of ordered) {
    const [engine, table] = row.split('|');
    const cells = sizes.map(({ n, d }) => {
      const r = bySize.get(sizeKey(n, d));
      if (!r) return 'n/a';
      const recall = r.recall < 0.995 ? ` (recall ${r.recall.toFixed(2)})` : '';
      return `${ms(r.p50_ms)} / ${ms(r.p90_ms)}${recall}`;
    });
    lines.push(`| ${engine} | ${table} | ${cells.join(' | ')} |`);
  }
  const boundCells = sizes.map(({ n, d }) => {
    const b = report.bounds.find((x) => x.n === n && x.d === d);
    return b ? `${ms(b.bound_ms)} (${b.gbps.toFixed(1)} GB/s)` : 'n/a';
  });
  lines.push(`| *read float32 catalog once (bound)* | float32 | ${boundCells.join(' | ')} |`);
  lines.push('');
  lines.push('The bound is the float32 catalog\'s bytes over the fastest read bandwidth measured in the same worker (best of 9 passes of a JS loop, a Float64Array view and a WASM SIMD loop): reading the float32 catalog once, at best.');
  lines.push('');
  lines.push('Recall is against a float64 exact search over the float32 vectors (shown when below 0.995). int8 tables are the float32 vectors quantised per row; rows are unit length, so dot product and Orama\'s cosine rank alike.');
  if (report.skipped.length > 0) {
    lines.push('');
    lines.push(`Not measured: ${report.skipped.map((s) => `${s.engine}${s.table ? ` (${s.table})` : ''} at ${label(s.n, s.d)}: ${s.reason.split('\n')[0]}`).join('; ')}.`);
  }
  const choices = Object.entries(report.chosen).flatMap(([size, byTable]) =>
    Object.entries(byTable).map(([table, c]) => `${size.replace('x', ' x ')} ${table}: **${c!.backend}**`),
  );
  if (choices.length > 0) {
    lines.push('');
    lines.push(`The engine's own measured choice in the same run: ${choices.join(', ')}.`);
  }
  lines.push('');
  lines.push(...targetLines(report));
  if (report.rankings?.length && report.rankingRun) lines.push('', ...rankingLines(report));
  if (report.encodings?.length && report.encodeRun) lines.push('', ...encodeLines(report));
  return `${lines.join('\n')}\n`;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

/** True when every table was served by `mode` (`backend` reads `simd` or `simd (cf), simd (content)`). */
function servedOnlyBy(backend: string, mode: string): boolean {
  return backend.split(', ').every((part) => part === mode || part.startsWith(`${mode} (`));
}

/** The worker rank() table (`--ranking`) and the issue-7 speed target, from the run that measured them. */
export function rankingLines(report: BenchReport): string[] {
  const rankings = report.rankings ?? [];
  const run = report.rankingRun!;
  const first = rankings[0]!;
  const env = run.environment;
  const describe = (r: RankingBenchResult) =>
    r.mode === 'measured' ? `engine, measured choice (default): **${r.backend}**` : r.mode === 'plain' ? 'no engine: plain loops (as `reshelf eval`)' : `engine, forced \`${r.mode}\`${servedOnlyBy(r.backend, r.mode) ? '' : ` (served by ${r.backend})`}`;
  const lines: string[] = [];
  lines.push(`**Ranking in the worker** (\`--ranking ${run.config.source}\`): one \`rank()\` of a ${first.candidates}-item widget on a ${first.items.toLocaleString('en-US')}-item catalog with every signal (${first.signals.join(', ')}), each scored over the whole catalog, ${first.history} events of history; p50 / p90 ms over repeated rankings (each after a new event, on another widget), timed inside a module worker running the reshelf worker service, after its init (bundle load, backend choice, warm-up). Run ${String(env.date ?? '?')}, commit ${String(env.commit ?? '?').slice(0, 10)}, load average (1 min) ${loadText(env)}.`);
  lines.push('');
  lines.push('| vector signals scored by | rank() p50 / p90 | rankings | init |');
  lines.push('|---|---:|---:|---:|');
  for (const r of rankings) lines.push(`| ${describe(r)} | ${ms(r.p50_ms)} / ${ms(r.p90_ms)} | ${r.reps} | ${ms(r.init_ms)} |`);
  const product = rankings.find((r) => r.mode === 'measured');
  if (product) {
    lines.push('');
    lines.push(`Target (issue 7): ranking the ${product.items.toLocaleString('en-US')}-item catalog with every signal in the worker, p50 under 10 ms: ${ms(product.p50_ms)} ms with the measured choice (${product.backend}): ${product.p50_ms < 10 ? 'met' : '**missed**'}.`);
  }
  return lines;
}

/** The sequence-model encoding table (`--encode`) and the issue-8 speed target, from the run that measured them. */
export function encodeLines(report: BenchReport): string[] {
  const encodings = report.encodings ?? [];
  const run = report.encodeRun!;
  const env = run.environment;
  const engine = (r: EncodeBenchResult) =>
    r.mode === 'worker' ? `worker default: **${r.backend === 'js' ? 'plain loops' : `tfjs ${r.backend}`}**` : `tfjs \`${r.mode}\`${r.backend === r.mode ? '' : ` (ran on ${r.backend})`}`;
  const lines: string[] = [];
  lines.push(`**Sequence-model encoding in the worker** (\`--encode ${run.config.models.map((m) => m.source).join(',')}\`): the \`model\` signal's encoder (loadWorkerSequenceEncoder, src/models/workerModelSignal.ts) turning one history of ${run.config.length} known items (capped by the model's max length) into the user vector, warm, in a module worker; p50 / p95 ms over repeated encodings of 16 rotating histories. The cost depends on the model's shapes (kind, D, max length, item count), not on how well it was trained. Run ${String(env.date ?? '?')}, commit ${String(env.commit ?? '?').slice(0, 10)}, load average (1 min) ${loadText(env)}.`);
  lines.push('');
  lines.push('| model | items x D, length | encoder | p50 / p95 | encodings | load |');
  lines.push('|---|---|---|---:|---:|---:|');
  for (const r of encodings) lines.push(`| ${r.kind} (${r.model}) | ${r.items.toLocaleString('en-US')} x ${r.dim}, ${r.length} | ${engine(r)} | ${ms(r.p50_ms)} / ${ms(r.p95_ms)} | ${r.reps} | ${ms(r.load_ms)} |`);
  const defaults = encodings.filter((r) => r.mode === 'worker' && r.length >= 50);
  if (defaults.length > 0) {
    lines.push('');
    const verdicts = defaults.map((r) => `${r.kind} ${ms(r.p50_ms)} ms (${r.backend === 'js' ? 'plain loops' : `tfjs ${r.backend}`}): ${r.p50_ms <= 5 ? 'met' : '**missed**'}`);
    lines.push(`Target (issue 8): encoding p50 at most 5 ms at max length 50, with what the worker runs: ${verdicts.join('; ')}.`);
  }
  return lines;
}

function loadText(env: Record<string, unknown>): string {
  const before = env.loadAverageBefore as number[] | undefined;
  const after = env.loadAverageAfter as number[] | undefined;
  return before && after ? `${before[0]} before, ${after[0]} after` : 'not recorded';
}

function describeAdapter(adapter: unknown): string {
  if (!adapter || typeof adapter !== 'object') return String(adapter ?? 'none');
  const a = adapter as Record<string, unknown>;
  return `${String(a.vendor ?? '')} ${String(a.architecture ?? '')}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}`.trim();
}

/** The targets of issue 6, each "met" or "missed" with the figures that decide it. */
export function targetLines(report: BenchReport): string[] {
  const lines = ['Targets (issue 6), checked against this run:'];
  const at = (n: number, d: number) => report.results.filter((r) => r.n === n && r.d === d);
  const mid = at(100_000, 64);
  const best = mid.filter((r) => r.engine.startsWith('reshelf:')).sort((a, b) => a.p50_ms - b.p50_ms)[0];
  const bound = report.bounds.find((b) => b.n === 100_000 && b.d === 64);
  const orama = mid.find((r) => r.engine === 'orama');
  const naive = mid.find((r) => r.engine === 'tfjs-naive');
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  if (best && bound) {
    lines.push(`- 100,000 x 64, best reshelf engine at or below the float32 read bound: ${best.engine} (${best.table}) p50 ${best.p50_ms.toFixed(2)} ms vs bound ${bound.bound_ms.toFixed(2)} ms: ${verdict(best.p50_ms <= bound.bound_ms)}.`);
  }
  if (best && orama) lines.push(`- at least 5x faster than orama: ${(orama.p50_ms / best.p50_ms).toFixed(1)}x (${orama.p50_ms.toFixed(1)} ms): ${verdict(orama.p50_ms / best.p50_ms >= 5)}.`);
  if (best && naive) lines.push(`- at least 3x faster than tfjs-naive (${naive.backend ?? 'default backend'}): ${(naive.p50_ms / best.p50_ms).toFixed(1)}x (${naive.p50_ms.toFixed(1)} ms): ${verdict(naive.p50_ms / best.p50_ms >= 3)}.`);
  const large = at(1_000_000, 64).filter((r) => r.engine.startsWith('reshelf:')).sort((a, b) => a.p50_ms - b.p50_ms)[0];
  if (large) {
    lines.push(`- 1,000,000 x 64, top 50 p50 at most 25 ms: ${large.engine} (${large.table}) ${large.p50_ms.toFixed(2)} ms: ${verdict(large.p50_ms <= 25)}.`);
    const bound = report.bounds.find((b) => b.n === 1_000_000 && b.d === 64);
    if (large.p50_ms > 25 && bound) {
      // What limits it, from the same run: the smallest table still has to be read once per query.
      const int8Ms = (1_000_000 * 64) / 1e9 / bound.gbps * 1000;
      lines.push(`  What limits it: reading the int8 table (64 MB) once takes ${int8Ms.toFixed(1)} ms at the ${bound.gbps.toFixed(1)} GB/s this run measured (float32: ${bound.bound_ms.toFixed(1)} ms); the kernel runs at ${(int8Ms / large.p50_ms * 100).toFixed(0)}% of that read speed, on one core of a machine whose load is given above.`);
    }
  }
  if (lines.length === 1) lines.push('- (the run did not include 100,000 x 64 or 1,000,000 x 64)');
  return lines;
}
