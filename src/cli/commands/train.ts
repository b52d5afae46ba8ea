import { CliError, type Command } from '../command.js';
import { DatasetError } from '../../datasets/dataset.js';
import { ModelError, SEQUENCE_MODEL_KINDS, type SequenceModelKind } from '../../models/modelSpec.js';
import { runTraining } from '../../models/runTraining.js';

/** `reshelf train`: a deep sequence model (GRU, Caser CNN, SASRec self-attention) with tfjs in Node. */
function number(values: Record<string, string | boolean | undefined>, name: string): number {
  const raw = values[name];
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value)) throw new CliError(`--${name} must be a number (got "${String(raw)}").`, 2);
  return value;
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
    'init-items': { type: 'string', description: 'Initial item embedding: random | content (the items\' content vectors at --dim, as in the bundle\'s content section).', default: 'random', value: '<how>' },
    'hard-negatives': { type: 'string', description: 'Sampled softmax: extra negatives per position drawn from the items the classical signals put near the input item (item transitions/co-occurrence and content neighbours), so the model learns what they confuse with the target. 0 = off.', default: '0', value: '<n>' },
    'hard-pool': { type: 'string', description: 'With --hard-negatives: candidates per item in that pool (half behaviour, half content).', default: '30', value: '<n>' },
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
        hardNegatives: number(values, 'hard-negatives'),
        hardPool: number(values, 'hard-pool'),
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
