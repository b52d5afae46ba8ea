import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { CliError, type Command, type ParsedArgs } from '../command.js';
import type { BundleManifest, CleaningReport } from '../../catalog/bundleManifest.js';
import type { Coupon } from '../../catalog/catalogModel.js';
import { validateCoupons } from '../../applications/validateCoupon.js';
import { DatasetError, type Dataset } from '../../datasets/dataset.js';
import { loadDataset } from '../../datasets/loadDataset.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../../training/buildCatalogModel.js';
import { buildBundle, OPTIONAL_SECTIONS, type BundleBuildOptions, type OptionalSection } from '../../ingest/buildBundle.js';
import { DEFAULT_CLEANING_OPTIONS } from '../../ingest/cleanEvents.js';
import { IngestError, InvalidRows } from '../../ingest/ingestError.js';
import { loadEventsDataset } from '../../ingest/loadEventsDataset.js';
import { readSparkFactors } from '../../ingest/readSparkFactors.js';
import { writeBundleDirectory } from '../../ingest/writeBundleDirectory.js';
import { trainAlsInWorker } from '../../ingest/alsInWorker.js';
import { BundleError } from '../../catalog/bundleError.js';
import { loadBundle } from '../../catalog/loadBundle.js';
import { alignModelToCatalog, type BundleModelInput } from '../../models/modelBundleSection.js';
import { readModelFiles } from '../../models/modelDirectory.js';
import { ModelError } from '../../models/modelSpec.js';

const T = DEFAULT_TRAINING_OPTIONS;
/**
 * Neighbour lists are the bulk of a bundle (8 bytes per entry): at the training default of 200 per item the
 * Beauty bundle holds 33 MB of them, at 50 about 9 MB; the signals read the strongest neighbours first.
 */
const BUNDLE_NEIGHBOURS_PER_ITEM = 50;
const C = DEFAULT_CLEANING_OPTIONS;
type Values = ParsedArgs['values'];

function number(values: Values, name: string, { integer = false, min = 0 } = {}): number {
  const raw = values[name];
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new CliError(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min} (got "${String(raw)}").`, 2);
  }
  return value;
}

function date(values: Values, name: string): number {
  const raw = String(values[name]);
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (!Number.isFinite(time)) throw new CliError(`--${name} must be an ISO 8601 date (got "${raw}").`, 2);
  return time;
}

function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as T)) throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got "${String(raw)}").`, 2);
  return raw as T;
}

function readJsonFile(path: string, option: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--${option} ${path}: ${(error as Error).message}`);
  }
}

/** A shop's export named `events.*` / `items.*` inside <input>, when --events / --items are not given. */
function findExport(directory: string | undefined, stem: 'events' | 'items'): string | undefined {
  if (!directory) return undefined;
  for (const extension of ['csv', 'tsv', 'jsonl', 'ndjson', 'csv.gz', 'jsonl.gz']) {
    const path = join(directory, `${stem}.${extension}`);
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      // not this one
    }
  }
  return undefined;
}

function trainingOptions(values: Values): TrainingOptions {
  return {
    ...T,
    neighboursPerItem: number(values, 'neighbours', { integer: true, min: 1 }),
    popularity: { ...T.popularity, halfLifeDays: number(values, 'half-life-days') },
    ease: { ...T.ease, k: number(values, 'neighbours', { integer: true, min: 1 }), candidates: number(values, 'ease-candidates', { integer: true, min: 1 }), lambda: number(values, 'ease-lambda') },
    als: {
      ...T.als,
      factors: number(values, 'factors', { integer: true, min: 1 }),
      iterations: number(values, 'als-iterations', { integer: true, min: 1 }),
      regularization: number(values, 'als-regularization'),
      alpha: number(values, 'als-alpha'),
    },
    content: { ...T.content, dim: number(values, 'content-dim', { integer: true, min: 1 }), neighbours: number(values, 'content-neighbours', { integer: true, min: 0 }) },
    prototypes: { ...T.prototypes, clusters: number(values, 'prototypes', { integer: true, min: 1 }), minUsers: number(values, 'min-users', { integer: true, min: 1 }) },
  };
}

async function readInput(input: string | undefined, format: string, values: Values): Promise<{ dataset: Dataset; cleaning?: CleaningReport }> {
  if (format !== 'events') {
    if (!input) throw new CliError(`--format ${format} needs the dataset directory: reshelf build <dir> --format ${format} --out <dir>`, 2);
    return { dataset: loadDataset(input, format) };
  }
  const eventsPath = (values.events as string | undefined) ?? findExport(input, 'events');
  const itemsPath = (values.items as string | undefined) ?? findExport(input, 'items');
  if (!eventsPath || !itemsPath) throw new CliError('--format events needs --events <file> and --items <file> (or <input> holding events.csv and items.csv).', 2);
  const recordFormats = ['csv', 'jsonl'] as const;
  const eventsFormat = oneOf(values, 'events-format', recordFormats);
  const itemsFormat = oneOf(values, 'items-format', recordFormats);
  return loadEventsDataset({
    eventsPath,
    itemsPath,
    ...(eventsFormat ? { eventsFormat } : {}),
    ...(itemsFormat ? { itemsFormat } : {}),
    timeUnit: oneOf(values, 'time-unit', ['auto', 's', 'ms'] as const) ?? 'auto',
    requireItemFields: String(values['require-item-fields']).split(',').map((f) => f.trim()).filter((f) => f !== ''),
    categorySeparator: String(values['category-separator']),
    skipInvalid: values['skip-invalid'] === true,
    cleaning: {
      minTime: date(values, 'min-date'),
      maxTime: values['max-date'] === undefined ? Date.now() + 86_400_000 : date(values, 'max-date'),
      botMaxEventsPerDay: number(values, 'bot-max-events-per-day', { integer: true, min: 1 }),
      burstMax: number(values, 'burst-max', { integer: true, min: 1 }),
      burstSeconds: number(values, 'burst-seconds', { min: 0 }),
    },
  });
}

function serveInMemory(files: ReadonlyMap<string, Uint8Array>): typeof fetch {
  return (async (url: URL | RequestInfo) => {
    const bytes = files.get(new URL(String(url)).pathname.slice(1));
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('', { status: 404 });
  }) as typeof fetch;
}

function progressBar(): { onStep: (step: string, done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onStep: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'reshelf build [{bar}] {value}/{total} {step}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onStep(step, done, total) {
      if (!started) bar.start(total, done, { step });
      started = true;
      bar.update(done, { step });
    },
    stop: () => started && bar.stop(),
  };
}

function printSummary(out: string, files: Map<string, Uint8Array>, timings: [step: string, ms: number][], parallelAlsMs: number | undefined, seconds: number): void {
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as BundleManifest;
  const n = manifest.items;
  const lines: string[] = [];
  if (manifest.cleaning) {
    const c = manifest.cleaning;
    lines.push(`input: ${c.input.events} events, ${c.input.items} items; kept ${c.kept.events} events, ${c.kept.items} items, ${c.kept.users} users`, 'cleaning:');
    for (const rule of c.rules) lines.push(`  ${rule.rule.padEnd(24)} removed ${String(rule.removed).padStart(8)} ${rule.unit}${rule.users !== undefined ? ` (${rule.users} users)` : ''}`);
  }
  const sizes = new Map(manifest.files.map((f) => [f.name, f.bytes]));
  const describe = (label: string, entry: { file: string } | undefined, extra = '') => {
    if (!entry) return;
    const bytes = sizes.get(entry.file) ?? 0;
    lines.push(`  ${label.padEnd(20)} ${String(bytes).padStart(11)} bytes  ${(bytes / Math.max(n, 1)).toFixed(1).padStart(7)} bytes/item  ${extra}`);
  };
  const s = manifest.sections;
  lines.push(`sections (${n} items):`);
  describe('items', s.items);
  describe('content', s.content, s.content && `${s.content.dtype} x ${s.content.dim}`);
  describe('cf', s.cf, s.cf && `${s.cf.dtype} x ${s.cf.dim}`);
  for (const kind of ['cosine', 'pearson', 'learned', 'content'] as const) describe(`neighbours.${kind}`, s.neighbours?.[kind], s.neighbours?.[kind] && `k ${s.neighbours[kind].k}, ${s.neighbours[kind].entries} entries`);
  describe('transitions', s.transitions, s.transitions && `k ${s.transitions.k}, ${s.transitions.entries} entries`);
  describe('popularity', s.popularity);
  describe('prototypes', s.prototypes, s.prototypes && `${s.prototypes.rows} centroids, >= ${s.prototypes.minUsers} users each`);
  describe('coupons', s.coupons);
  describe('config', s.config);
  for (const [i, m] of (s.model ? [s.model, ...(s.modelMembers ?? [])] : []).entries()) {
    const label = i === 0 ? 'model' : `model ${i + 1}`;
    describe(`${label}.json`, m.json, `${m.kind}, max length ${m.maxLen}`);
    describe(`${label} weights`, m.weights);
    describe(`${label} item table`, m.items, `${m.items.dtype} x ${m.items.dim}`);
  }
  const total = [...files.values()].reduce((sum, b) => sum + b.byteLength, 0);
  const cpu = process.cpuUsage();
  lines.push(
    `total ${total} bytes in ${files.size} files`,
    `steps (wall s): ${timings.map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}`).join(', ')}`,
    ...(parallelAlsMs !== undefined ? [`ALS ran ${(parallelAlsMs / 1000).toFixed(1)} s in a worker thread, alongside the steps before it`] : []),
    `wrote ${out} in ${seconds.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, all threads)`,
  );
  console.log(lines.join('\n'));
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build a catalog bundle (manifest.json + verified binary sections) from a shop export or a dataset.',
  positionals: '[<input>]',
  options: {
    format: { type: 'string', description: 'Input layout: events (a shop export: --events + --items) | s3rec | unisrec.', value: '<format>' },
    out: { type: 'string', description: 'Output directory; written complete or not at all. An existing bundle there is replaced.', value: '<dir>' },
    events: { type: 'string', description: 'events: interactions, CSV or JSON lines, columns user_id, item_id, event, timestamp [, value]. Default <input>/events.csv|jsonl.', value: '<file>' },
    items: { type: 'string', description: 'events: items, CSV or JSON lines, columns item_id [, title, brand, category, price, description, any extra attribute]. Default <input>/items.csv|jsonl.', value: '<file>' },
    'events-format': { type: 'string', description: 'csv | jsonl (default: from the file extension; .tsv is tab-separated CSV, .gz is decompressed).', value: '<f>' },
    'items-format': { type: 'string', description: 'csv | jsonl (default: from the file extension).', value: '<f>' },
    'time-unit': { type: 'string', description: 'Numeric timestamps: auto (below 1e11 = seconds, else milliseconds) | s | ms. ISO 8601 text always works.', default: 'auto', value: '<unit>' },
    'category-separator': { type: 'string', description: 'Separator of a category path given as text ("Beauty > Skin > Face").', default: '>', value: '<text>' },
    'require-item-fields': { type: 'string', description: 'Comma-separated attributes an item must have (rule item-missing-fields); "" for none.', default: 'title', value: '<list>' },
    'min-date': { type: 'string', description: 'Earliest accepted event time (rule out-of-range-timestamp).', default: new Date(C.minTime).toISOString().slice(0, 10), value: '<date>' },
    'max-date': { type: 'string', description: 'Latest accepted event time (rule out-of-range-timestamp). Default: now + 1 day.', value: '<date>' },
    'bot-max-events-per-day': { type: 'string', description: 'A user with more events in one UTC day is a bot; all their events are removed (rule bot-user).', default: String(C.botMaxEventsPerDay), value: '<n>' },
    'burst-max': { type: 'string', description: 'At most this many events per user within --burst-seconds; the excess is removed (rule burst).', default: String(C.burstMax), value: '<n>' },
    'burst-seconds': { type: 'string', description: 'Window of the burst rule.', default: String(C.burstSeconds), value: '<s>' },
    'skip-invalid': { type: 'boolean', description: 'Count malformed rows (rule invalid-row) instead of stopping at the first one.' },
    'cf-vectors': { type: 'string', description: 'Import item factors instead of training ALS: the directory Spark writes with alsModel.itemFactors.write.json(path).', value: '<dir>' },
    'cf-format': { type: 'string', description: 'Format of --cf-vectors: spark-als.', default: 'spark-als', value: '<f>' },
    'cf-ids': { type: 'string', description: 'How Spark\'s integer ids name items: item-id (String(id) = the item id) | index (position in the bundle\'s item order).', default: 'item-id', value: '<how>' },
    'cf-regularization': { type: 'string', description: 'Lambda the browser folds shoppers in with, for imported factors (Spark scales regParam by each user\'s count: pass regParam x a typical history length).', default: '0.1', value: '<x>' },
    'cf-alpha': { type: 'string', description: 'Implicit-feedback alpha of the imported factors (Spark\'s alpha with implicitPrefs); "none" for explicit ALS.', default: '1', value: '<x>' },
    config: { type: 'string', description: 'JSON file with the default ranking configuration (fusion method, weights, signal options) to embed.', value: '<file>' },
    coupons: { type: 'string', description: 'JSON file with the shop\'s coupons (an array of coupon objects) to embed.', value: '<file>' },
    factors: { type: 'string', description: 'CF vector dimension (local ALS).', default: String(T.als.factors), value: '<n>' },
    'als-iterations': { type: 'string', description: 'ALS sweeps.', default: String(T.als.iterations), value: '<n>' },
    'als-regularization': { type: 'string', description: 'ALS lambda (also what the browser folds in with).', default: String(T.als.regularization), value: '<x>' },
    'als-alpha': { type: 'string', description: 'ALS confidence alpha: an interaction has confidence 1 + alpha.', default: String(T.als.alpha), value: '<x>' },
    'content-dim': { type: 'string', description: 'Content vector dimension (TF-IDF reduced by truncated SVD).', default: String(T.content.dim), value: '<n>' },
    'content-neighbours': { type: 'string', description: 'Also ship each item\'s top k content neighbours by exact TF-IDF cosine (section neighbours.content, 8 bytes per entry); the contentKnn signal scores through them, beside the content signal over the reduced vectors. 0 = none.', default: '0', value: '<k>' },
    neighbours: { type: 'string', description: `Neighbours and transitions kept per item (top k). Each entry costs 8 bytes; \`reshelf eval\` trains with k = ${T.neighboursPerItem}.`, default: String(BUNDLE_NEIGHBOURS_PER_ITEM), value: '<k>' },
    'ease-candidates': { type: 'string', description: 'EASE: co-occurring items each item\'s regression uses.', default: String(T.ease.candidates), value: '<n>' },
    'ease-lambda': { type: 'string', description: 'EASE: L2 regularisation.', default: String(T.ease.lambda), value: '<x>' },
    prototypes: { type: 'string', description: 'Shopper prototypes: k-means clusters of user vectors.', default: String(T.prototypes.clusters), value: '<n>' },
    'min-users': { type: 'string', description: 'A prototype ships only if at least this many shoppers formed it (k-anonymity).', default: String(T.prototypes.minUsers), value: '<n>' },
    'half-life-days': { type: 'string', description: 'Half-life of the time-decayed ("trending") popularity.', default: String(T.popularity.halfLifeDays), value: '<days>' },
    skip: { type: 'string', description: `Comma-separated sections to leave out: ${OPTIONAL_SECTIONS.join(', ')}.`, value: '<list>' },
    model: { type: 'string', description: 'Add a model directory from `reshelf train` (tfjs model + int8 item table, aligned to this bundle\'s items by id); the worker uses it as the `model` signal. Several, comma-separated (same max length): an ensemble, one signal scoring the sum of their logits, as `reshelf eval --model a,b` measures it.', value: '<dir[,dir...]>' },
    'vector-dtype': { type: 'string', description: 'int8 (per-row scale, 4 + dim bytes per item) | float32 (4 x dim bytes per item).', default: 'int8', value: '<t>' },
  },
  async run({ positionals, values }) {
    const started = performance.now();
    const format = oneOf(values, 'format', ['events', 's3rec', 'unisrec'] as const);
    const out = values.out;
    if (!format || typeof out !== 'string') throw new CliError('usage: reshelf build [<input>] --format events|s3rec|unisrec --out <dir>  (see --help)', 2);
    const skip = new Set(String(values.skip ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
    for (const section of skip) if (!OPTIONAL_SECTIONS.includes(section as OptionalSection)) throw new CliError(`--skip: unknown section "${section}"; sections: ${OPTIONAL_SECTIONS.join(', ')}.`, 2);
    if (values['cf-format'] !== 'spark-als') throw new CliError(`--cf-format must be spark-als (got "${String(values['cf-format'])}").`, 2);
    const cfIds = oneOf(values, 'cf-ids', ['item-id', 'index'] as const) ?? 'item-id';
    const vectorDtype = oneOf(values, 'vector-dtype', ['int8', 'float32'] as const) ?? 'int8';
    const training = trainingOptions(values);
    const config = values.config === undefined ? undefined : readJsonFile(String(values.config), 'config');
    if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) throw new CliError(`--config ${String(values.config)}: must hold a JSON object.`);
    let coupons: Coupon[] | undefined;
    if (values.coupons !== undefined) {
      try {
        coupons = validateCoupons(readJsonFile(String(values.coupons), 'coupons'), String(values.coupons));
      } catch (error) {
        throw new CliError(`--coupons: ${(error as Error).message}`);
      }
    }

    const progress = progressBar();
    try {
      progress.onStep('read input', 0, 1);
      const { dataset, cleaning } = await readInput(positionals[0], format, values);
      let sequenceModelFiles: BundleModelInput[] | undefined;
      if (typeof values.model === 'string') {
        sequenceModelFiles = [];
        for (const dir of values.model.split(',').map((d) => d.trim()).filter(Boolean)) {
          const aligned = alignModelToCatalog(readModelFiles(dir), dataset.items.map((item) => item.id));
          const first = sequenceModelFiles[0]?.json.modelTopology.reshelf;
          const config = aligned.input.json.modelTopology.reshelf;
          // Caught here with the directory's name rather than as a shape error of the written bundle.
          if (first && config.maxLen !== first.maxLen) throw new ModelError('MODEL_DATASET_MISMATCH', `--model ${dir} reads ${config.maxLen} items, the first model ${first.maxLen}; ensemble members must share the max length.`);
          sequenceModelFiles.push(aligned.input);
          console.log(`model ${dir}: ${aligned.known} of ${dataset.items.length} items known to it`);
        }
        if (sequenceModelFiles.length === 0) throw new CliError('--model needs a model directory (several, comma-separated, for an ensemble).', 2);
      }
      let imported: BundleBuildOptions['imported'];
      if (values['cf-vectors'] !== undefined) {
        const invalid = values['skip-invalid'] === true ? new InvalidRows() : undefined;
        const factors = await readSparkFactors(String(values['cf-vectors']), dataset.items.map((item) => item.id), cfIds, invalid);
        const alpha = values['cf-alpha'] === 'none' ? undefined : number(values, 'cf-alpha');
        imported = { factors, regularization: number(values, 'cf-regularization'), alpha, source: `spark-als: ${String(values['cf-vectors'])}` };
        if (invalid && invalid.count > 0) cleaning?.rules.push({ rule: 'invalid-row', unit: 'rows', removed: invalid.count, description: `malformed Spark factor rows skipped; first: ${invalid.examples.join(' | ')}` });
      }
      const { files, timings, parallelAlsMs } = await buildBundle(
        dataset,
        {
          training,
          skip: skip as Set<OptionalSection>,
          vectorDtype,
          ...(imported ? { imported } : {}),
          ...(config ? { config: config as Record<string, unknown> } : {}),
          ...(sequenceModelFiles ? { sequenceModelFiles } : {}),
          ...(coupons ? { coupons } : {}),
          ...(cleaning ? { cleaning } : {}),
          describe: { format, input: positionals[0] ?? null, dataset: dataset.name },
          trainAls: trainAlsInWorker,
        },
        progress.onStep,
      );
      progress.stop();
      // Read the bundle back through the browser's own loader (sizes, SHA-256, shapes, values, ids) before it
      // replaces anything: a bundle that a browser would reject is never written.
      const verifyStart = performance.now();
      const verified = await loadBundle('https://bundle.invalid/manifest.json', { fetch: serveInMemory(files) });
      const verifyMs = performance.now() - verifyStart;
      writeBundleDirectory(out, files);
      console.log(`verified with the browser loader in ${(verifyMs / 1000).toFixed(1)} s: ${verified.ids.length} items, version ${verified.version}`);
      printSummary(out, files, timings, parallelAlsMs, (performance.now() - started) / 1000);
      return 0;
    } catch (error) {
      progress.stop();
      if (error instanceof IngestError || error instanceof DatasetError || error instanceof BundleError) throw new CliError(error.message);
      if (error instanceof ModelError) throw new CliError(`${error.code}: ${error.message}`);
      if (error instanceof Error && /exists and is not a bundle directory/.test(error.message)) throw new CliError(error.message);
      throw error;
    }
  },
};
