import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, type Command } from '../command.js';
import { loadDataset } from '../../datasets/loadDataset.js';
import { leaveOneOut } from '../../datasets/split.js';
import { DEFAULT_FUSION_CONFIG } from '../../fusion/defaultConfig.js';
import type { FusionConfig } from '../../fusion/fusionConfig.js';
import { mergeFusionConfig, mergeOptions } from '../../fusion/loadConfig.js';
import { DEFAULT_ONLINE_LEARNER } from '../../fusion/online/onlineLearner.js';
import { replayOnlineLearning } from '../../fusion/online/replay.js';
import { DEFAULT_TRAINING_OPTIONS, buildCatalogModel, type TrainingOptions } from '../../training/buildCatalogModel.js';
import { seededRandom } from '../../training/random.js';

function positiveInt(value: unknown, name: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new CliError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${String(value)}".`, 2);
  return n;
}

function readJson<T>(path: string | undefined, option: string, parse: (value: unknown) => T, fallback: T): T {
  if (!path) return fallback;
  try {
    return parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new CliError(`--${option} ${path}: ${(error as Error).message}`);
  }
}

/**
 * `reshelf online-replay`: replays logged sequences through on-device online learning (src/fusion/online/replay.ts)
 * and compares the held-out next item's HR@10 / NDCG@10 with the shipped weights and with the learned ones.
 */
export const onlineReplayCommand: Command = {
  name: 'online-replay',
  summary: "Replay shoppers' sequences through on-device online learning of the fusion weights; compare the next item's ranking with the shipped and the learned weights.",
  positionals: '<dataset-dir>',
  options: {
    format: { type: 'string', description: 'Dataset layout: s3rec or unisrec (as for reshelf eval).', value: 's3rec|unisrec' },
    users: { type: 'string', description: 'Shoppers replayed (a seeded random sample of those with at least 2 history items).', default: '400', value: '<n>' },
    seed: { type: 'string', description: 'Seed of the user sample.', default: '1', value: '<n>' },
    widget: { type: 'string', description: 'Length of each replayed widget (a next item inside it counts as a click).', default: '20', value: '<n>' },
    'min-clicks': { type: 'string', description: `Lessons before the learned weights apply (the library default is ${DEFAULT_ONLINE_LEARNER.minClicks}).`, value: '<n>' },
    config: { type: 'string', description: 'Fusion configuration JSON merged over the shipped default.', value: '<file>' },
    training: { type: 'string', description: 'Training options JSON merged over the defaults.', value: '<file>' },
    out: { type: 'string', description: 'Write the result as JSON here.', value: '<file.json>' },
  },
  async run({ positionals, values }) {
    const dir = positionals[0];
    if (!dir) throw new CliError('Give the dataset directory: reshelf online-replay <dataset-dir> --format s3rec|unisrec.', 2);
    if (typeof values.format !== 'string') throw new CliError('--format is required (s3rec or unisrec).', 2);
    const users = positiveInt(values.users, 'users');
    const seed = positiveInt(values.seed, 'seed', true);
    const widget = positiveInt(values.widget, 'widget');
    const minClicks = values['min-clicks'] === undefined ? DEFAULT_ONLINE_LEARNER.minClicks : positiveInt(values['min-clicks'], 'min-clicks', true);
    const base = readJson<FusionConfig>(values.config as string | undefined, 'config', (v) => mergeFusionConfig(v), DEFAULT_FUSION_CONFIG);
    // As in reshelf eval: the shopper's own items are never recommended again.
    const config: FusionConfig = { ...base, rules: { ...base.rules, excludeHistory: 'all' } };
    const training = readJson<TrainingOptions>(values.training as string | undefined, 'training', (v) => mergeOptions(DEFAULT_TRAINING_OPTIONS, v) as TrainingOptions, DEFAULT_TRAINING_OPTIONS);
    let dataset;
    try {
      dataset = loadDataset(dir, values.format);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const started = performance.now();
    const split = leaveOneOut(dataset, 'test');
    // The replayed shoppers are new to the model: their sequences are left out of its training data, so the
    // impressions replayed from their histories are out of sample (trained on them, every signal would look
    // prescient, and the learner would reward the signals that memorise best).
    const eligible = split.cases.map((c, i) => ({ c, i })).filter(({ c }) => c.history.items.length >= 2);
    const random = seededRandom(seed);
    for (let i = eligible.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
    }
    const sample = eligible.slice(0, users);
    const held = new Set(sample.map(({ i }) => i));
    const cases = sample.map(({ c }) => c);
    process.stderr.write(`online-replay ${dataset.name}: building the catalog model without the ${cases.length} replayed shoppers\n`);
    const model = buildCatalogModel(dataset.items, split.train.filter((_, i) => !held.has(i)), training);
    let last = 0;
    const result = replayOnlineLearning(model, cases, {
      config,
      widget,
      learner: { ...DEFAULT_ONLINE_LEARNER, minClicks },
      onProgress: (done, total) => {
        if (Date.now() - last < 5000 && done < total) return;
        last = Date.now();
        process.stderr.write(`online-replay: ${done}/${total} shoppers\n`);
      },
    });
    const report = {
      dataset: dataset.name,
      split: 'test (replayed shoppers left out of training)',
      command: ['reshelf online-replay', ...process.argv.slice(3)].join(' '),
      options: { users, seed, widget, minClicks, learner: { ...DEFAULT_ONLINE_LEARNER, minClicks } },
      seconds: Math.round((performance.now() - started) / 100) / 10,
      ...result,
    };
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (typeof values.out === 'string') {
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, json);
    }
    process.stdout.write(json);
    return 0;
  },
};
