import { readFileSync } from 'node:fs';
import { CliError, type Command } from '../command.js';
import { DatasetError } from '../../datasets/dataset.js';
import { mergeFusionConfig, mergeOptions } from '../../fusion/loadConfig.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../../training/buildCatalogModel.js';
import { ModelError, SEQUENCE_MODEL_KINDS, type SequenceModelKind } from '../../models/modelSpec.js';
import { runTraining, type RunTrainingPrior } from '../../models/runTraining.js';

/** `reshelf train`: a deep sequence model (GRU, Caser CNN, SASRec self-attention) with tfjs in Node. */
function number(values: Record<string, string | boolean | undefined>, name: string): number {
  const raw = values[name];
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value)) throw new CliError(`--${name} must be a number (got "${String(raw)}").`, 2);
  return value;
}

function wholeNumber(values: Record<string, string | boolean | undefined>, name: string, min: number): number {
  const value = number(values, name);
  if (!Number.isInteger(value) || value < min) throw new CliError(`--${name} must be a whole number >= ${min} (got "${String(values[name])}").`, 2);
  return value;
}

function readJson(option: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`--${option} ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--${option} ${path}: not valid JSON (${(error as Error).message}).`, 2);
  }
}

/** The --prior-* options: files merged over the defaults exactly as `reshelf eval --config / --training` merge them. */
function priorOptions(values: Record<string, string | boolean | undefined>): RunTrainingPrior | undefined {
  const configPath = values['prior-config'];
  const trainingPath = values['prior-training'];
  const loss = values['prior-loss'] ?? 'catalog';
  if (loss !== 'catalog' && loss !== 'top') throw new CliError(`--prior-loss must be catalog or top (got "${String(loss)}").`, 2);
  if (typeof configPath !== 'string') {
    if (typeof trainingPath === 'string') throw new CliError('--prior-training needs --prior-config (the fusion config whose score is the prior).', 2);
    if (loss !== 'catalog') throw new CliError('--prior-loss top needs --prior-config (the fusion whose top items it re-ranks).', 2);
    return undefined;
  }
  let config;
  try {
    config = mergeFusionConfig(readJson('prior-config', configPath));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--prior-config ${configPath}: ${(error as Error).message}`, 2);
  }
  let training: TrainingOptions = DEFAULT_TRAINING_OPTIONS;
  if (typeof trainingPath === 'string') {
    const patch = readJson('prior-training', trainingPath);
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new CliError(`--prior-training ${trainingPath}: training options must be a JSON object.`, 2);
    training = mergeOptions(DEFAULT_TRAINING_OPTIONS, patch) as TrainingOptions;
  }
  return {
    config,
    training,
    folds: wholeNumber(values, 'prior-folds', 2),
    top: wholeNumber(values, 'prior-top', 1),
    loss,
    configPath,
    ...(typeof trainingPath === 'string' ? { trainingPath } : {}),
  };
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'Train a deep sequence model (gru, caser, sasrec) on a dataset; writes a tfjs model + int8 item table.',
  positionals: '<dataset-dir>',
  options: {
    format: { type: 'string', description: 'Dataset layout: s3rec | unisrec.', value: '<format>' },
    model: { type: 'string', description: `Architecture: ${SEQUENCE_MODEL_KINDS.join(' | ')}.`, default: 'sasrec', value: '<kind>' },
    out: { type: 'string', description: 'Output directory (model.json, weights, item table, checkpoint/, training-report.json).', value: '<dir>' },
    epochs: { type: 'string', description: 'Maximum epochs.', default: '200', value: '<n>' },
    dim: { type: 'string', description: 'Embedding / hidden size.', default: '64', value: '<n>' },
    'max-len': { type: 'string', description: 'Longest history read (older items are dropped).', default: '50', value: '<n>' },
    negatives: { type: 'string', description: 'Negatives per batch for sampled softmax; 0 = full softmax.', default: '1024', value: '<n>' },
    'popular-negatives': { type: 'string', description: 'Share of negatives drawn by popularity, logQ-corrected (0 = uniform).', default: '0.5', value: '<x>' },
    'batch-size': { type: 'string', description: 'Sequences per batch.', default: '128', value: '<n>' },
    lr: { type: 'string', description: 'Adam learning rate.', default: '0.001', value: '<x>' },
    dropout: { type: 'string', description: 'Dropout rate.', default: '0.3', value: '<x>' },
    blocks: { type: 'string', description: 'sasrec: self-attention blocks.', default: '2', value: '<n>' },
    heads: { type: 'string', description: 'sasrec: attention heads.', default: '1', value: '<n>' },
    patience: { type: 'string', description: 'Early stopping: epochs without a better validation NDCG@10.', default: '5', value: '<n>' },
    holdout: { type: 'string', description: 'Final items per user withheld from training (2 = validation + test targets; 0 for a shipped model).', default: '2', value: '<n>' },
    'valid-users': { type: 'string', description: 'Validate on a fixed random subset of users (0 = all).', default: '0', value: '<n>' },
    seed: { type: 'string', description: 'Random seed.', default: '1', value: '<n>' },
    backend: { type: 'string', description: 'tfjs backend: wasm (fast) | cpu (reference).', default: 'wasm', value: '<name>' },
    'cold-items': { type: 'string', description: 'Cold-item split: withhold all interactions of this fraction of items, then train the content->embedding GAN and compare content / linear / GAN on them.', default: '0', value: '<fraction>' },
    'content-tower': { type: 'string', description: 'Content tower: every item embedding is its free row plus a trained linear map of its <k>-dimensional content vector (k may exceed --dim); the saved model holds the sum, so it runs like any other. 0 = off.', default: '0', value: '<k>' },
    'init-items': { type: 'string', description: 'Initial item embedding: random | content (the items\' content vectors at --dim, as in the bundle\'s content section).', default: 'random', value: '<how>' },
    'hard-negatives': { type: 'string', description: 'Sampled softmax: extra negatives per position drawn from the items the classical signals put near the input item (item transitions/co-occurrence and content neighbours), so the model learns what they confuse with the target. 0 = off.', default: '0', value: '<n>' },
    'hard-pool': { type: 'string', description: 'With --hard-negatives: candidates per item in that pool (half behaviour, half content).', default: '30', value: '<n>' },
    'prior-config': { type: 'string', description: 'Residual training: a fusion config (e.g. a tuned-config.json); the classical fused score (model weight 0) of every item, out-of-fold for training positions, is added to the logits as alpha * prior (alpha trained, reported, not saved), so the model learns what the fusion misses. The saved model is an ordinary one.', value: '<file>' },
    'prior-training': { type: 'string', description: 'With --prior-config: the classical training options JSON (as eval --training); default: the built-in defaults.', value: '<file>' },
    'prior-folds': { type: 'string', description: 'With --prior-config: user folds of the out-of-fold prior (each fold scored by a catalog of the other folds\' users).', default: '4', value: '<k>' },
    'prior-loss': { type: 'string', description: 'With --prior-config: catalog = the prior joins the softmax over the catalog; top = a re-ranking loss, softmax over each position\'s prior top items only (positions whose target is outside them are skipped).', default: 'catalog', value: '<how>' },
    'prior-top': { type: 'string', description: 'With --prior-config: items kept per position; every other item gets the m-th score.', default: '200', value: '<m>' },
    'max-minutes': { type: 'string', description: 'Wall-clock budget: start no epoch that would end after it (best epoch kept; resume with the same --out).', value: '<n>' },
    test: { type: 'boolean', description: 'After training, score the test split once (full ranking) and add it to the report.' },
  },
  async run({ positionals, values }) {
    const [datasetDir] = positionals;
    if (!datasetDir || typeof values.format !== 'string' || typeof values.out !== 'string') {
      throw new CliError('usage: reshelf train <dataset-dir> --format s3rec|unisrec --model gru|caser|sasrec --out <dir>', 2);
    }
    const kind = values.model as SequenceModelKind;
    if (!SEQUENCE_MODEL_KINDS.includes(kind)) throw new CliError(`--model must be one of ${SEQUENCE_MODEL_KINDS.join(', ')} (got "${String(values.model)}").`, 2);
    const backend = values.backend === 'cpu' ? 'cpu' : values.backend === 'wasm' ? 'wasm' : undefined;
    if (!backend) throw new CliError(`--backend must be wasm or cpu (got "${String(values.backend)}").`, 2);
    const initItems = values['init-items'];
    if (initItems !== 'random' && initItems !== 'content') throw new CliError(`--init-items must be random or content (got "${String(initItems)}").`, 2);
    const prior = priorOptions(values);
    try {
      await runTraining({
        datasetDir,
        format: values.format,
        kind,
        out: values.out,
        model: { dim: number(values, 'dim'), maxLen: number(values, 'max-len'), dropout: number(values, 'dropout'), blocks: number(values, 'blocks'), heads: number(values, 'heads') },
        epochs: number(values, 'epochs'),
        batchSize: number(values, 'batch-size'),
        learningRate: number(values, 'lr'),
        negatives: number(values, 'negatives'),
        popularityShare: number(values, 'popular-negatives'),
        patience: number(values, 'patience'),
        seed: number(values, 'seed'),
        holdout: number(values, 'holdout'),
        validUsers: number(values, 'valid-users'),
        backend,
        test: values.test === true,
        coldItems: number(values, 'cold-items'),
        initItems,
        contentTower: number(values, 'content-tower'),
        hardNegatives: number(values, 'hard-negatives'),
        hardPool: number(values, 'hard-pool'),
        ...(prior ? { prior } : {}),
        ...(values['max-minutes'] !== undefined ? { maxMinutes: number(values, 'max-minutes') } : {}),
        log: (line) => console.log(line),
      });
      return 0;
    } catch (error) {
      if (error instanceof ModelError || error instanceof DatasetError) throw new CliError(`${error.code}: ${error.message}`);
      throw error;
    }
  },
};
