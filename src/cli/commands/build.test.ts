import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCommand } from './build.js';
import { commandHelp, parseCommandArgs, CliError } from '../command.js';
import { loadBundle } from '../../catalog/loadBundle.js';
import type { BundleManifest } from '../../catalog/bundleManifest.js';
import type { CatalogModel, VectorTable } from '../../catalog/catalogModel.js';
import { shopExport, tempDirectory, toCsv, toJsonLines } from '../../ingest/testing/shopExport.js';
import { writeS3Rec, writeSparkFactors, writeUniSRec } from '../../ingest/testing/datasetFixtures.js';

/** Small builds: few prototypes with a low k-anonymity threshold so the tiny fixtures still produce some. */
const SMALL = ['--prototypes', '4', '--min-users', '5', '--content-dim', '16', '--factors', '8', '--als-iterations', '4'];

let output: string[] = [];
let errors: string[] = [];
afterEach(() => vi.restoreAllMocks());

async function build(args: string[]): Promise<number> {
  output = [];
  errors = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    return await buildCommand.run(parseCommandArgs(buildCommand, args));
  } catch (error) {
    if (error instanceof CliError) {
      errors.push(error.message);
      return error.exitCode;
    }
    throw error;
  }
}

/** Loads a bundle directory through the browser's loader (every size, hash and shape check). */
function loadDirectory(dir: string): Promise<CatalogModel> {
  const fetcher = (async (url: URL) => {
    const path = join(dir, new URL(String(url)).pathname.split('/').pop()!);
    return existsSync(path) ? new Response(readFileSync(path)) : new Response('', { status: 404 });
  }) as unknown as typeof fetch;
  return loadBundle('https://shop.example/b/manifest.json', { fetch: fetcher });
}

function manifestOf(dir: string): BundleManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
}

function row(table: VectorTable, i: number): number[] {
  return Array.from({ length: table.dim }, (_, d) => (table.dtype === 'float32' ? table.values[i * table.dim + d]! : table.codes[i * table.dim + d]! * table.scales[i]!));
}

function shopFiles(format: 'csv' | 'jsonl') {
  const { items, events } = shopExport();
  const write = format === 'csv' ? toCsv : toJsonLines;
  return tempDirectory({ [`items.${format}`]: write(items), [`events.${format}`]: write(events) });
}

describe('reshelf build', () => {
  it('documents every option in --help', () => {
    const help = commandHelp(buildCommand);
    for (const name of Object.keys(buildCommand.options)) expect(help).toContain(`--${name}`);
    expect(help).toMatch(/--format <format>\s+Input layout: events/);
  });

  for (const format of ['csv', 'jsonl'] as const) {
    it(`builds a verified bundle with every section from a ${format} shop export`, async () => {
      const input = shopFiles(format);
      const out = join(tempDirectory(), 'bundle');
      expect(await build(['--format', 'events', '--events', join(input, `events.${format}`), '--items', join(input, `items.${format}`), '--out', out, ...SMALL])).toBe(0);
      const model = await loadDirectory(out);
      expect(model.ids).toHaveLength(30);
      expect(model.attributes[0]).toMatchObject({ title: 'Gentle Skin Care item 0', brand: 'Acme', category: ['Beauty', 'Skin Care'], price: 5 });
      expect(model.content).toMatchObject({ dtype: 'int8', dim: 16, count: 30 });
      expect(model.cf).toMatchObject({ dtype: 'int8', dim: 8, count: 30, regularization: 5 });
      expect(model.neighbours?.cosine && model.neighbours.pearson && model.neighbours.learned).toBeTruthy();
      expect(model.transitions?.items.some((i) => i >= 0)).toBe(true);
      expect(model.popularity!.firstSeen.every((t) => Number.isFinite(t))).toBe(true);
      expect(model.prototypes!.centroids.count).toBeGreaterThan(0);
      const manifest = manifestOf(out);
      expect(manifest.cleaning!.rules.map((r) => r.rule)).toEqual(['item-missing-fields', 'invalid-item-id', 'duplicate-item', 'event-missing-fields', 'unsupported-event', 'out-of-range-timestamp', 'unknown-item', 'exact-duplicate', 'bot-user', 'burst']);
      // The cleaning report is printed too, one line per rule.
      expect(output.join('\n')).toMatch(/exact-duplicate\s+removed\s+0 events/);
    });
  }

  it('draws no progress bar when stderr is not a terminal', async () => {
    const writes: unknown[] = [];
    const isTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (writes.push(chunk), true));
    try {
      expect(await build([writeS3Rec(), '--format', 's3rec', '--out', join(tempDirectory(), 'bundle'), ...SMALL])).toBe(0);
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    }
    expect(writes).toEqual([]);
  });

  it('draws a progress bar on stderr when it is a terminal', async () => {
    const writes: string[] = [];
    const isTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (writes.push(String(chunk)), true));
    try {
      expect(await build([writeS3Rec(), '--format', 's3rec', '--out', join(tempDirectory(), 'bundle'), ...SMALL])).toBe(0);
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    }
    expect(writes.join('')).toMatch(/reshelf build \[.*\] \d+\/\d+ /);
  });

  it('finds events.csv and items.csv inside <input>', async () => {
    const out = join(tempDirectory(), 'bundle');
    expect(await build([shopFiles('csv'), '--format', 'events', '--out', out, ...SMALL, '--skip', 'ease,pearson'])).toBe(0);
    const manifest = manifestOf(out);
    expect(manifest.sections.neighbours).toEqual({ cosine: expect.any(Object) });
  });

  it('builds from the s3rec layout', async () => {
    const out = join(tempDirectory(), 'bundle');
    expect(await build([writeS3Rec(), '--format', 's3rec', '--out', out, ...SMALL])).toBe(0);
    const model = await loadDirectory(out);
    expect(model.ids).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
    expect(model.cf?.count).toBe(24);
    expect(manifestOf(out).cleaning).toBeUndefined();
  });

  it('builds from the unisrec layout, with titles and brands from the .text file', async () => {
    const out = join(tempDirectory(), 'bundle');
    expect(await build([writeUniSRec(), '--format', 'unisrec', '--out', out, ...SMALL])).toBe(0);
    const model = await loadDirectory(out);
    expect(model.ids[0]).toBe('B000000000');
    expect(model.attributes[1]).toMatchObject({ title: 'Steel beaker 1', brand: 'Brand1' });
    expect(model.content?.count).toBe(24);
  });

  it('imports Spark ALS item factors: the bundle holds them within int8 error, prototypes from fold-in', async () => {
    const dir = writeS3Rec();
    const factors = Array.from({ length: 24 }, (_, i) => ({ id: i + 1, features: Array.from({ length: 10 }, (_, d) => Math.sin(i * 3.1 + d) * (1 + i / 10)) }));
    factors.push({ id: 999, features: new Array(10).fill(0.5) });
    const out = join(tempDirectory(), 'bundle');
    expect(await build([dir, '--format', 's3rec', '--out', out, '--cf-vectors', writeSparkFactors(factors, 3), '--cf-regularization', '2', '--cf-alpha', '4', ...SMALL])).toBe(0);
    const model = await loadDirectory(out);
    expect(model.cf).toMatchObject({ dim: 10, count: 24, regularization: 2, confidence: 4 });
    for (let i = 0; i < 24; i++) {
      const expected = factors[i]!.features;
      const tolerance = Math.max(...expected.map(Math.abs)) / 254 + 1e-6;
      row(model.cf!, i).forEach((value, d) => expect(Math.abs(value - expected[d]!)).toBeLessThanOrEqual(tolerance));
    }
    expect(model.prototypes!.centroids.dim).toBe(10);
    expect(manifestOf(out).build).toMatchObject({ cf: { source: expect.stringContaining('spark-als'), matchedItems: 24, unmatchedRows: 1, files: 3 } });
  });

  it('maps Spark ids to item positions with --cf-ids index', async () => {
    const input = shopFiles('csv');
    const factors = Array.from({ length: 30 }, (_, i) => ({ id: i, features: [i, -i, 1] }));
    const out = join(tempDirectory(), 'bundle');
    expect(await build([input, '--format', 'events', '--out', out, '--cf-vectors', writeSparkFactors(factors, 1), '--cf-ids', 'index', ...SMALL])).toBe(0);
    const model = await loadDirectory(out);
    expect(row(model.cf!, 29).map((v) => Math.round(v))).toEqual([29, -29, 1]);
  });

  it('stops on a bad Spark row with file and line', async () => {
    const dir = writeSparkFactors([{ id: 1, features: [1, 2] }, { id: 2, features: [1] }], 1);
    const out = join(tempDirectory(), 'bundle');
    expect(await build([writeS3Rec(), '--format', 's3rec', '--out', out, '--cf-vectors', dir, ...SMALL])).toBe(1);
    expect(errors.join('\n')).toMatch(/part-00000-.*-c000\.json:2: id 2 has 1 features, earlier rows have 2/);
    expect(existsSync(out)).toBe(false);
  });

  it('embeds --config as the default ranking configuration', async () => {
    const config = { method: 'rrf', weights: { cf: 1, sequence: 0.5 }, rrfK: 60 };
    const configFile = join(tempDirectory({ 'ranking.json': JSON.stringify(config) }), 'ranking.json');
    const out = join(tempDirectory(), 'bundle');
    expect(await build([writeS3Rec(), '--format', 's3rec', '--out', out, '--config', configFile, ...SMALL])).toBe(0);
    expect((await loadDirectory(out)).defaultConfig).toEqual(config);
  });

  it('stops on a malformed row with file, line and reason, exit 1, and leaves no output directory', async () => {
    const { items, events } = shopExport();
    const lines = toCsv(events).split('\n');
    lines[7] = 'user-1,sku-1,view,not-a-time';
    const input = tempDirectory({ 'items.csv': toCsv(items), 'events.csv': lines.join('\n') });
    const parent = tempDirectory();
    const out = join(parent, 'bundle');
    expect(await build([input, '--format', 'events', '--out', out, ...SMALL])).toBe(1);
    expect(errors.join('\n')).toContain(`${join(input, 'events.csv')}:8: timestamp "not-a-time" is neither epoch seconds/milliseconds nor ISO 8601`);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('counts malformed rows with --skip-invalid and reports them in the manifest', async () => {
    const { items, events } = shopExport();
    const lines = toCsv(events).split('\n');
    lines[7] = 'user-1,sku-1,view,not-a-time';
    lines[9] = 'user-1,"sku-1,view';
    const input = tempDirectory({ 'items.csv': toCsv(items), 'events.csv': lines.join('\n') });
    const out = join(tempDirectory(), 'bundle');
    expect(await build([input, '--format', 'events', '--out', out, '--skip-invalid', ...SMALL])).toBe(0);
    const invalid = manifestOf(out).cleaning!.rules.find((r) => r.rule === 'invalid-row')!;
    expect(invalid.removed).toBeGreaterThanOrEqual(1);
    expect(invalid.description).toContain('events.csv:8');
  });

  it('replaces an existing bundle but refuses a directory that is not one', async () => {
    const parent = tempDirectory();
    const out = join(parent, 'bundle');
    expect(await build([writeS3Rec(), '--format', 's3rec', '--out', out, ...SMALL])).toBe(0);
    const first = readdirSync(out);
    expect(await build([writeS3Rec(90), '--format', 's3rec', '--out', out, ...SMALL])).toBe(0);
    expect(readdirSync(out)).not.toEqual(first);
    expect(readdirSync(out).length).toBe(manifestOf(out).files.length + 1);
    expect(readdirSync(parent)).toEqual(['bundle']);

    const precious = join(tempDirectory(), 'home');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    expect(await build([writeS3Rec(), '--format', 's3rec', '--out', precious, ...SMALL])).toBe(1);
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(errors.join('\n')).toMatch(/not a bundle directory/);
  });

  it('rejects unknown sections and formats as usage errors (exit 2)', async () => {
    expect(await build([writeS3Rec(), '--format', 's3rec', '--out', '/tmp/x', '--skip', 'colour'])).toBe(2);
    expect(await build([writeS3Rec(), '--format', 'parquet', '--out', '/tmp/x'])).toBe(2);
    expect(await build(['--format', 'events', '--out', '/tmp/x'])).toBe(2);
  });
});
