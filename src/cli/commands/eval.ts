import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { CliError, type Command } from '../command.js';
import { loadDataset } from '../../datasets/loadDataset.js';
import { DEFAULT_FUSION_CONFIG } from '../../fusion/defaultConfig.js';
import { tunedDefaultsSource } from '../../fusion/emitDefaults.js';
import { mergeFusionConfig, mergeOptions } from '../../fusion/loadConfig.js';
import { DEFAULT_TRAINING_OPTIONS, buildCatalogModel, type TrainingOptions } from '../../training/buildCatalogModel.js';
import { leaveOneOut } from '../../datasets/split.js';
import type { FusionConfig } from '../../fusion/fusionConfig.js';
import type { CatalogModel } from '../../catalog/catalogModel.js';
import { evaluate } from '../../eval/evaluate.js';
import { DEFAULT_METHODS, resolveMethods } from '../../eval/methods.js';
import { buildReport, qualityTable, writeReport, type EvalReport } from '../../eval/report.js';
import { WEIGHT_MAX, tune, type TuningResult } from '../../eval/tuning/tune.js';
import { signalAvailable } from '../../signals/signalAvailable.js';
import type { StrategyName } from '../../eval/tuning/strategies.js';
import { CUTOFFS } from '../../eval/metrics.js';
import { shopsEntries, type ShopsTaskSummary } from '../../applications/shopsEvalEntries.js';
import { addModelMethod, loadEvalEnsembleSignal, methodNamesWithoutModel, type EvalModelSignal } from '../../models/evalModelOption.js';
import { ModelError } from '../../models/modelSpec.js';
import { SIGNAL_NAMES, type SignalName } from '../../signals/registry.js';

const TABLE_START = '<!-- reshelf-quality-table:start -->';
const TABLE_END = '<!-- reshelf-quality-table:end -->';
/** The markers of a named table (`--table-id`), so one file can hold several generated tables. */
const tableMarkers = (id: string | undefined) =>
  id === undefined ? { start: TABLE_START, end: TABLE_END } : { start: `<!-- reshelf-quality-table:${id}:start -->`, end: `<!-- reshelf-quality-table:${id}:end -->` };

/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes). */
function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} users | eta {eta}s`, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      if (done % 50 === 0 || done === total) bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function readConfig(path: string | undefined): FusionConfig {
  if (!path) return DEFAULT_FUSION_CONFIG;
  try {
    return mergeFusionConfig(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new CliError(`--config ${path}: ${(error as Error).message}`);
  }
}

function readTraining(path: string | undefined): TrainingOptions {
  if (!path) return DEFAULT_TRAINING_OPTIONS;
  try {
    return mergeOptions(DEFAULT_TRAINING_OPTIONS, JSON.parse(readFileSync(path, 'utf8'))) as TrainingOptions;
  } catch (error) {
    throw new CliError(`--training ${path}: ${(error as Error).message}`);
  }
}

function weightReference(value: unknown): SignalName {
  if (!SIGNAL_NAMES.includes(value as SignalName)) throw new CliError(`--weight-reference must be one of ${SIGNAL_NAMES.join(', ')}, got "${String(value)}".`, 2);
  return value as SignalName;
}

function weightAboveOne(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 1) throw new CliError(`--weight-max must be a number above 1 (the reference signal's weight), got "${String(value)}".`, 2);
  return n;
}

function positiveInt(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a positive integer, got "${String(value)}".`, 2);
  return n;
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Replay a dataset through the ranking code (leave-one-out, full ranking) and write report.json + report.md.',
  positionals: '<dataset-dir> | --table <report.json>...',
  options: {
    format: { type: 'string', description: 'Dataset layout: s3rec (Beauty.txt + item2attributes) or unisrec (.inter/.text/.item2index).', value: 's3rec|unisrec' },
    out: { type: 'string', description: 'Directory for report.json, report.md, the SVG charts (and tuned-config.json).', value: '<dir>' },
    split: { type: 'string', description: 'Target: test (last item) or valid (second-to-last).', default: 'test', value: 'test|valid' },
    methods: { type: 'string', description: `Comma-separated methods (default: all: ${DEFAULT_METHODS.join(',')}; with all, a dataset with brands (s3rec) also gets the shop task: shops, shops-pop, shops-history).`, value: '<a,b,...>' },
    config: { type: 'string', description: 'Fusion configuration JSON merged over the shipped default; `fused` ranks with it.', value: '<file>' },
    tune: { type: 'string', description: 'Tune signal parameters and fusion weights on the VALIDATION split first (grid, random, or bayes = TPE), then evaluate --split once with the result.', value: 'grid|random|bayes' },
    budget: { type: 'string', description: 'Trials of the fusion-weight search.', default: '60', value: '<n>' },
    folds: { type: 'string', description: 'Score each tuning trial on K user folds (mean) and report a cross-validated estimate.', default: '1', value: '<k>' },
    'tune-users': { type: 'string', description: 'Validation users sampled for tuning.', default: '6000', value: '<n>' },
    'weight-reference': { type: 'string', description: 'With --tune: the signal held at weight 1 while the others are searched relative to it (e.g. model, when a trained model is the strongest signal and sits at the top of the range). Default: sequence.', value: '<signal>' },
    'weight-max': { type: 'string', description: `Largest fusion weight --tune tries, relative to the reference signal's 1 (the smallest is 0.01); the report's tuning.atBound lists signals chosen at either end.`, default: String(WEIGHT_MAX), value: '<x>' },
    training: { type: 'string', description: 'Training options JSON (server-side builders: content dim, ALS, EASE...) merged over the defaults.', value: '<file>' },
    model: { type: 'string', description: 'A model directory from `reshelf train` (trained on this dataset with its targets held out): adds it as a signal, reported under its kind (e.g. sasrec), fused with weight `weights.model` (searched by --tune). Several, comma-separated: an ensemble, one signal scoring the sum of their logits.', value: '<dir[,dir...]>' },
    'test-model': { type: 'string', description: 'With --model: the same model refitted for the test split (`reshelf train --holdout 1 --epochs <best epoch of --model>`); it scores the test split, --model the validation split. For an ensemble, one refit per member, in the same order.', value: '<dir[,dir...]>' },
    'model-scores': { type: 'string', description: 'With --model: what the model signal hands to fusion: logits (dot products) or probabilities (its softmax, exp(logit - max)).', default: 'logits', value: 'logits|probabilities' },
    'emit-defaults': { type: 'string', description: 'Write the --config file as the TypeScript module of shipped defaults (src/fusion/tunedDefaults.ts) and exit.', value: '<file.ts>' },
    table: { type: 'boolean', description: 'Print the README quality table generated from the report.json files given as arguments.' },
    'write-table': { type: 'string', description: `With --table: replace the text between ${TABLE_START} and ${TABLE_END} in this file.`, value: '<file>' },
    'table-id': { type: 'string', description: 'With --write-table: the table\'s name, for a file with several tables (markers <!-- reshelf-quality-table:<id>:start --> and :end).', value: '<id>' },
  },
  async run({ positionals, values: given }) {
    // run() is also called without the argument parser (tests, scripts): options left out take their defaults.
    const values = { ...given };
    for (const [name, spec] of Object.entries(evalCommand.options)) if (values[name] === undefined && spec.default !== undefined) values[name] = spec.default;
    if (values.table) return printTable(positionals, values['write-table'] as string | undefined, values['table-id'] as string | undefined);
    if (typeof values['emit-defaults'] === 'string') {
      if (typeof values.config !== 'string') throw new CliError('--emit-defaults needs --config <tuned-config.json>.', 2);
      writeFileSync(values['emit-defaults'], tunedDefaultsSource(readConfig(values.config), `source: ${values.config}`));
      process.stdout.write(`wrote ${values['emit-defaults']}\n`);
      return 0;
    }
    const dir = positionals[0];
    if (!dir) throw new CliError('Give the dataset directory: reshelf eval <dataset-dir> --format s3rec|unisrec --out <dir>.', 2);
    if (typeof values.format !== 'string') throw new CliError('--format is required (s3rec or unisrec).', 2);
    if (typeof values.out !== 'string') throw new CliError('--out <dir> is required.', 2);
    const split = values.split;
    if (split !== 'test' && split !== 'valid') throw new CliError(`--split must be test or valid, got "${String(split)}".`, 2);
    const started = performance.now();
    let dataset;
    try {
      dataset = loadDataset(dir, values.format);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    let config = readConfig(values.config as string | undefined);
    const training = readTraining(values.training as string | undefined);
    // Issue 8: the trained sequence model, its user vectors encoded in batches for each split it scores.
    let sequenceModel: EvalModelSignal | undefined;
    if (typeof values['test-model'] === 'string' && typeof values.model !== 'string') throw new CliError('--test-model needs --model <dir> (the model tuned on validation).', 2);
    const modelScores = values['model-scores'];
    if (modelScores !== 'logits' && modelScores !== 'probabilities') throw new CliError(`--model-scores must be logits or probabilities, got "${String(modelScores)}".`, 2);
    if (typeof values.model === 'string') {
      try {
        const list = (raw: string) => raw.split(',').map((d) => d.trim()).filter((d) => d !== '');
        const testModels = typeof values['test-model'] === 'string' ? list(values['test-model']) : undefined;
        sequenceModel = await loadEvalEnsembleSignal(list(values.model), dataset, values.tune !== undefined ? ['valid', split] : [split], (line) => process.stderr.write(`${line}\n`), testModels, modelScores);
      } catch (error) {
        if (error instanceof ModelError) throw new CliError(`${error.code}: ${error.message}`);
        throw error;
      }
    }
    const extendModel = (split: 'valid' | 'test') => (model: CatalogModel) => {
      const section = sequenceModel?.sections.get(split);
      if (section) model.sequenceModel = section;
    };
    let tuning: TuningResult | undefined;
    if (values.tune !== undefined) {
      const strategy = values.tune as StrategyName;
      if (!['grid', 'random', 'bayes'].includes(strategy)) throw new CliError(`--tune must be grid, random or bayes, got "${strategy}".`, 2);
      const tuned = tune(dataset, config, {
        strategy,
        budget: positiveInt(values.budget, 'budget'),
        folds: positiveInt(values.folds, 'folds'),
        maxUsers: positiveInt(values['tune-users'], 'tune-users'),
        weightMax: weightAboveOne(values['weight-max']),
        ...(values['weight-reference'] !== undefined ? { reference: weightReference(values['weight-reference']) } : {}),
        depth: 200,
        seed: 1,
        training,
        ...(sequenceModel ? { extendModel: extendModel('valid') } : {}),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      config = tuned.config;
      tuning = tuned.result;
      mkdirSync(values.out, { recursive: true });
      writeFileSync(join(values.out, 'tuned-config.json'), `${JSON.stringify(config, null, 2)}\n`);
    }
    let methods;
    try {
      const names = typeof values.methods === 'string' ? values.methods.split(',').map((m) => m.trim()) : DEFAULT_METHODS;
      methods = sequenceModel ? addModelMethod(resolveMethods(methodNamesWithoutModel(names, sequenceModel.kind), config), sequenceModel.kind) : resolveMethods(names, config);
    } catch (error) {
      throw new CliError((error as Error).message, 2);
    }
    if (sequenceModel && !config.weights.model) process.stderr.write(`note: the fusion configuration gives the model weight 0, so fused/rrf/borda leave it out; use --tune, or weights.model in --config\n`);
    const bar = progressBar(`eval ${dataset.name} ${split}`);
    // The split's catalog model is built once here: `evaluate` scores with it and the shop task reuses it
    // (before, the shop task built an identical one again: ALS, EASE, content SVD twice per run).
    const trainingMs: Record<string, number> = {};
    const model = buildCatalogModel(dataset.items, leaveOneOut(dataset, split).train, training, trainingMs);
    // The default method list names every signal; one the catalog cannot compute (contentKnn without training
    // content.neighbours) would only repeat popularity's figures under its own name, so it is left out. The
    // trained `model` stays: it joins the catalog later, through extendModel.
    if (typeof values.methods !== 'string') methods = methods.filter((m) => m.kind !== 'signal' || m.signal === 'model' || signalAvailable(model, m.signal));
    const evaluated = evaluate(dataset, { split, methods, training, model, ...(sequenceModel ? { extendModel: extendModel(split) } : {}), onProgress: (done, total) => bar.update(done, total) });
    const result = { ...evaluated, trainingMs };
    bar.stop();
    // Issue 12: with every method (no --methods) on a dataset whose items have brands (s3rec), the shop task's
    // shops / shops-pop / shops-history entries join `metrics`, described by `shopsTask`.
    const shopsBar = progressBar(`eval ${dataset.name} ${split} shops`);
    const shops = typeof values.methods === 'string' ? undefined : shopsEntries(dataset, { split, ks: CUTOFFS, training, config, model, onProgress: (done, total) => shopsBar.update(done, total) });
    shopsBar.stop();
    const command = ['reshelf eval', ...process.argv.slice(3)].join(' ');
    const built = buildReport(
      { dataset: dataset.name, format: values.format, split, config, training, ...(tuning ? { tuning } : {}), seconds: Math.round((performance.now() - started) / 100) / 10, command },
      result,
    );
    const withShops: EvalReport & { shopsTask?: ShopsTaskSummary } = shops ? { ...built, metrics: { ...built.metrics, ...shops.metrics }, shopsTask: shops.summary } : built;
    const report = sequenceModel ? { ...withShops, sequenceModel: sequenceModel.describe } : withShops;
    writeReport(values.out, report);
    for (const [name, m] of Object.entries(report.metrics)) {
      process.stdout.write(`${name.padEnd(12)} HR@10 ${m['HR@10']!.toFixed(4)}  NDCG@10 ${m['NDCG@10']!.toFixed(4)}  HR@20 ${m['HR@20']!.toFixed(4)}  NDCG@20 ${m['NDCG@20']!.toFixed(4)}\n`);
    }
    process.stdout.write(`wrote ${join(values.out, 'report.json')} and report.md (${report.seconds} s)\n`);
    return 0;
  },
};

function printTable(files: string[], target: string | undefined, id?: string): number {
  if (files.length === 0) throw new CliError('--table needs report.json files as arguments.', 2);
  const reports = files.map((file) => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as EvalReport;
    } catch (error) {
      throw new CliError(`${file}: ${(error as Error).message}`);
    }
  });
  const table = qualityTable(reports);
  if (!target) {
    process.stdout.write(`${table}\n`);
    return 0;
  }
  const text = readFileSync(target, 'utf8');
  const markers = tableMarkers(id);
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  if (start < 0 || end < start) throw new CliError(`${target}: add the markers ${markers.start} and ${markers.end} where the table goes.`);
  writeFileSync(target, `${text.slice(0, start + markers.start.length)}\n${table}\n${text.slice(end)}`);
  process.stdout.write(`updated the quality table in ${target}\n`);
  return 0;
}
