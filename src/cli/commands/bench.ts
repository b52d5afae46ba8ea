import { replaceMarkedSection, sectionMarkers } from '../replaceMarkedSection.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchMarkdown } from '../../bench/benchMarkdown.js';
import type { BenchConfig, BenchReport } from '../../bench/benchTypes.js';
import { CliError, type Command } from '../command.js';

/**
 * `reshelf bench`: builds the bench page (src/bench) for production with vite, serves it on localhost, runs it
 * in headless Chromium (WebGPU enabled) and writes the report JSON plus its markdown table. Works in the repo
 * checkout (vite and playwright are dev dependencies).
 */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'Measure scoring speed of every reshelf backend, Orama and hand-written tfjs in headless Chromium.',
  options: {
    out: { type: 'string', value: '<file.json>', description: 'Where to write the report; the markdown table goes next to it (.md).' },
    sizes: { type: 'string', value: '<NxD,...>', description: 'Catalog sizes, items x dimensions (`none`: only --ranking).', default: '10000x32,100000x64,1000000x64' },
    k: { type: 'string', value: '<k>', description: 'Length of each top-k list.', default: '50' },
    reps: { type: 'string', value: '<n>', description: 'Timed queries per engine and size, at most (after warm-up).', default: '30' },
    'budget-ms': { type: 'string', value: '<ms>', description: 'Stop timing an engine after this much time (at least 5 queries run).', default: '3000' },
    'orama-max-n': { type: 'string', value: '<n>', description: 'Skip Orama above this many items (its index build is slow).', default: '1000000' },
    ranking: { type: 'string', value: '<bundle dir>', description: 'Also time the worker\'s rank() on this catalog bundle (e.g. one written by reshelf build): every signal, per backend.' },
    'ranking-modes': { type: 'string', value: '<modes>', description: 'With --ranking: measured (the engine\'s choice), plain (no engine), and/or forced backends.', default: 'measured,plain,simd,js,wasm,cpu,webgl,webgpu' },
    'ranking-candidates': { type: 'string', value: '<n>', description: 'With --ranking: items per ranked widget.', default: '50' },
    'ranking-history': { type: 'string', value: '<n>', description: 'With --ranking: events of history each ranking considers.', default: '20' },
    encode: { type: 'string', value: '<dir,...>', description: 'Also time the worker\'s sequence-model encoder on these `reshelf train` directories, or bundle directories (`reshelf build --model`; an ensemble is timed whole): one history at max length, per mode.' },
    'encode-modes': { type: 'string', value: '<modes>', description: 'With --encode: worker (what the worker loads by default) and/or forced tfjs backends.', default: 'worker,wasm,cpu,webgl' },
    'encode-length': { type: 'string', value: '<n>', description: 'With --encode: history length (capped by the model\'s max length).', default: '50' },
    'encode-reps': { type: 'string', value: '<n>', description: 'With --encode: timed encodings per model and mode, at most.', default: '300' },
    update: { type: 'string', value: '<file.json>', description: 'Instead of --out: replace only what this run measured (sizes, --ranking, --encode) in this existing report, and rewrite its .md.' },
    markdown: { type: 'string', value: '<file.json>', description: 'Print the markdown table of an existing report (for the README) and exit.' },
    'write-table': { type: 'string', value: '<file>', description: `With --markdown: write the table between ${sectionMarkers('bench-table').start} and ${sectionMarkers('bench-table').end} in this file instead of printing it.` },
  },
  async run({ values }) {
    if (typeof values.markdown === 'string') {
      const table = benchMarkdown(readReport(values.markdown));
      if (typeof values['write-table'] === 'string') replaceMarkedSection(values['write-table'], 'bench-table', table);
      else process.stdout.write(table);
      return 0;
    }
    const target = typeof values.update === 'string' ? values.update : values.out;
    if (typeof target !== 'string') throw new CliError('--out <file.json> (or --update <file.json>) is required, or --markdown <file.json> to print a table.', 2);
    const rankingDir = typeof values.ranking === 'string' ? resolve(values.ranking) : undefined;
    if (rankingDir && !existsSync(join(rankingDir, 'manifest.json'))) throw new CliError(`--ranking ${rankingDir}: no manifest.json there (write a bundle with \`npx reshelf build ... --out <dir>\`).`, 2);
    const encodeSources = typeof values.encode === 'string' ? values.encode.split(',').map((dir) => dir.trim()).filter(Boolean) : [];
    const encodeDirs = encodeSources.map((dir) => resolve(dir));
    for (const dir of encodeDirs) {
      if (!existsSync(join(dir, 'model.json')) && !existsSync(join(dir, 'manifest.json'))) throw new CliError(`--encode ${dir}: neither model.json (\`npx reshelf train ... --out <dir>\`) nor a bundle's manifest.json (\`npx reshelf build ... --model <dir[,dir]> --out <dir>\`) there.`, 2);
    }
    const config: BenchConfig = {
      sizes: String(values.sizes).trim() === 'none' ? [] : parseSizes(String(values.sizes)),
      k: positiveInt(values.k, 'k'),
      reps: positiveInt(values.reps, 'reps'),
      budgetMs: positiveInt(values['budget-ms'], 'budget-ms'),
      minReps: 5,
      oramaMaxN: positiveInt(values['orama-max-n'], 'orama-max-n'),
      ...(rankingDir
        ? {
            ranking: {
              manifestPath: `${RANKING_BUNDLE_PATH}manifest.json`,
              source: values.ranking as string,
              candidates: positiveInt(values['ranking-candidates'], 'ranking-candidates'),
              history: positiveInt(values['ranking-history'], 'ranking-history'),
              modes: String(values['ranking-modes']).split(',').map((m) => m.trim()).filter(Boolean),
            },
          }
        : {}),
    };
    if (encodeDirs.length > 0) {
      config.encode = {
        // A bundle is timed with the model section it ships (an ensemble: every member, as the worker runs it).
        models: encodeSources.map((source, i) => ({ path: `${ENCODE_MODEL_PATH}${i}/`, source, ...(existsSync(join(encodeDirs[i]!, 'model.json')) ? {} : { bundle: true }) })),
        modes: String(values['encode-modes']).split(',').map((m) => m.trim()).filter(Boolean),
        length: positiveInt(values['encode-length'], 'encode-length'),
        reps: positiveInt(values['encode-reps'], 'encode-reps'),
        budgetMs: Math.max(positiveInt(values['budget-ms'], 'budget-ms'), 5000),
      };
    }
    if (config.sizes.length === 0 && !config.ranking && !config.encode) throw new CliError('--sizes none measures nothing without --ranking <bundle dir> or --encode <model or bundle dir>.', 2);
    const root = repoRoot();
    const outDir = join(root, 'dist', 'bench');
    console.error('reshelf bench: building the bench page (production)...');
    await buildPage(root, outDir);
    const server = await serve(outDir, rankingDir, encodeDirs);
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const loadBefore = loadavg();
      const report = await runInChromium(root, `http://127.0.0.1:${port}/index.html`, config);
      // The machine is shared: the load averages around the run say how much the figures can be trusted.
      report.environment.loadAverageBefore = loadBefore.map((x) => Number(x.toFixed(2)));
      report.environment.loadAverageAfter = loadavg().map((x) => Number(x.toFixed(2)));
      if (config.ranking) report.rankingRun = { config: config.ranking, environment: report.environment };
      if (config.encode) report.encodeRun = { config: config.encode, environment: report.environment };
      const outPath = resolve(target);
      const written = typeof values.update === 'string' ? mergeReports(readReport(outPath), report) : report;
      writeFileSync(outPath, `${JSON.stringify(written, null, 2)}\n`);
      const markdown = benchMarkdown(written);
      const mdPath = outPath.replace(/\.json$/i, '') + '.md';
      writeFileSync(mdPath, markdown);
      process.stdout.write(markdown);
      console.error(`reshelf bench: wrote ${outPath} and ${mdPath}`);
    } finally {
      server.close();
    }
    return 0;
  },
};

/**
 * `--update`: the existing report with what this run measured put in place: the scoring sizes (results,
 * bounds, choices, skips, their environment and config) when it measured sizes, the rankings when it ran --ranking.
 */
export function mergeReports(existing: BenchReport, run: BenchReport): BenchReport {
  const merged: BenchReport = { ...existing };
  if (run.config.sizes.length > 0) {
    Object.assign(merged, { results: run.results, bounds: run.bounds, chosen: run.chosen, skipped: run.skipped, environment: run.environment, config: { ...run.config, ranking: undefined } });
  }
  if (run.rankings && run.rankingRun) {
    merged.rankings = run.rankings;
    merged.rankingRun = run.rankingRun;
  }
  if (run.encodings && run.encodeRun) {
    merged.encodings = run.encodings;
    merged.encodeRun = run.encodeRun;
  }
  return merged;
}

function readReport(path: string): BenchReport {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BenchReport;
  } catch (error) {
    throw new CliError(`cannot read bench report ${path}: ${(error as Error).message}`);
  }
}

export function parseSizes(text: string): { n: number; d: number }[] {
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)x(\d+)\s*$/.exec(part);
    if (!match) throw new CliError(`--sizes: "${part}" is not NxD (e.g. 100000x64).`, 2);
    const n = Number(match[1]);
    const d = Number(match[2]);
    if (n < 1 || d < 1) throw new CliError(`--sizes: "${part}" needs N >= 1 and D >= 1.`, 2);
    return { n, d };
  });
}

function positiveInt(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a positive integer, got "${String(value)}".`, 2);
  return n;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'src', 'bench'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new CliError('reshelf bench runs in a checkout of the reshelf repository (it builds src/bench with vite).');
    dir = parent;
  }
  return dir;
}

async function buildPage(root: string, outDir: string): Promise<void> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new CliError('reshelf bench needs the dev dependencies (vite): run `npm install` in the repository first.');
  }
  // A config of its own (configFile: false): the bench page does not depend on the demo's vite.config.ts.
  // vite builds for production only when NODE_ENV is unset or 'production' (a test runner sets 'test').
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildWithVite(vite, root, outDir);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function buildWithVite(vite: typeof import('vite'), root: string, outDir: string): Promise<void> {
  await vite.build({
    configFile: false,
    root: join(root, 'src', 'bench'),
    base: './',
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
    worker: { format: 'es' },
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Where the bench server serves the --ranking bundle directory, and the --encode model directories (`<i>/`). */
const RANKING_BUNDLE_PATH = '/ranking-bundle/';
const ENCODE_MODEL_PATH = '/encode-model/';

function serve(dir: string, rankingDir?: string, encodeDirs: string[] = []): Promise<Server> {
  const rootOf = (pathname: string): [string, string] => {
    if (rankingDir && pathname.startsWith(RANKING_BUNDLE_PATH)) return [rankingDir, pathname.slice(RANKING_BUNDLE_PATH.length)];
    const model = pathname.startsWith(ENCODE_MODEL_PATH) ? /^(\d+)\/(.*)$/.exec(pathname.slice(ENCODE_MODEL_PATH.length)) : null;
    const modelDir = model ? encodeDirs[Number(model[1])] : undefined;
    if (model && modelDir) return [modelDir, model[2]!];
    return [dir, pathname];
  };
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const [root, relative] = rootOf(pathname);
    const path = normalize(join(root, relative));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404).end();
      return;
    }
    // Cross-origin isolation gives the page performance.now() at ~5 us instead of 100 us resolution.
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(path).pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

interface ChromiumTools {
  findChromium(): string | undefined;
  chromiumArgs: string[];
}

async function runInChromium(root: string, url: string, config: BenchConfig): Promise<BenchReport> {
  const tools = (await import(pathToFileURL(join(root, 'e2e', 'tools', 'chromium.mjs')).href)) as ChromiumTools;
  const executablePath = tools.findChromium();
  if (!executablePath) throw new CliError('No Chromium found: install one (`apt-get install -y chromium`) or set RESHELF_CHROMIUM.');
  const { chromium } = await import('playwright');
  const browser = await chromium.launch({ executablePath, args: tools.chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.text().startsWith('[bench]')) console.error(message.text());
    });
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
    await page.goto(url);
    // The page declares window.reshelfBench (src/bench/benchPage.ts); the CLI program does not include it.
    type BenchWindow = { reshelfBench?: (c: BenchConfig) => Promise<BenchReport> };
    await page.waitForFunction(() => typeof (window as unknown as BenchWindow).reshelfBench === 'function');
    const report = await page.evaluate((c) => (window as unknown as BenchWindow).reshelfBench!(c), config);
    report.environment = { ...report.environment, ...nodeEnvironment(root), chromiumVersion: browser.version() };
    return report;
  } finally {
    await browser.close();
  }
}

function nodeEnvironment(root: string): Record<string, unknown> {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the report just says so.
  }
  return {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    totalMemoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}
