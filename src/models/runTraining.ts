import * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../datasets/loadDataset.js';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import type { TrainingOptions } from '../training/buildCatalogModel.js';
import { DEFAULT_CONTENT_OPTIONS, buildContentVectors } from '../training/contentVectors.js';
import { seededRandom } from '../training/random.js';
import { chooseColdItems, evaluateColdItems } from './cold/coldItemEvaluation.js';
import { assertModelMayScore, datasetFingerprint, splitCases, trainingSequences } from './heldOutData.js';
import { buildModelFiles, disposeModel, loadModelFiles } from './modelArtifacts.js';
import { writeModelDirectory } from './modelDirectory.js';
import { writeTensors } from './weightFiles.js';
import { DEFAULT_MODEL_CONFIG, ModelError, type SequenceModelConfig, type SequenceModelKind, type TrainingRecord } from './modelSpec.js';
import { useTrainingBackend, type TrainingBackend } from './nodeBackend.js';
import type { RankingSummary } from './rankingMetrics.js';
import { evaluateCases } from './scoreUsers.js';
import { trainSequenceModel, type EpochRecord } from './trainSequenceModel.js';
import { buildHardNegativePools } from './trainHardNegatives.js';
import { buildClassicalPrior, loadPrior, savePrior } from './classicalPrior.js';
import { evaluatePriorAlone } from './priorValidation.js';

/**
 * `reshelf train` end to end (node): read the dataset, hold out each user's last `holdout` items, train with
 * early stopping on validation NDCG@10, write the model directory, and, on request, score the test split once
 * with the files just written (the int8 table the shop will use, not the float weights).
 */
export interface RunTrainingOptions {
  datasetDir: string;
  format: string;
  kind: SequenceModelKind;
  out: string;
  model: Partial<Omit<SequenceModelConfig, 'kind' | 'itemCount'>>;
  epochs: number;
  batchSize: number;
  learningRate: number;
  negatives: number;
  /** Share of negatives drawn by popularity (logQ-corrected); 0 = uniform. */
  popularityShare: number;
  patience: number;
  seed: number;
  holdout: number;
  backend: TrainingBackend;
  /** Validate on a fixed random subset of this many users (0 = all), to make each epoch's check cheaper. */
  validUsers: number;
  test: boolean;
  /** Wall-clock budget for the training loop in minutes (no new epoch that would end after it); undefined = none. */
  maxMinutes?: number;
  /** Cold-item split: this fraction of items loses all its interactions from training; then the GAN and the
   * cold-item comparison (content / linear / gan) run and write cold-item-report.json. 0 = off. */
  coldItems: number;
  /** `content`: start the item embedding from the items' content vectors (TF-IDF + SVD to the model's D, unit
   * rows; the same builder as the bundle's content section) instead of random rows. Default: random. */
  initItems?: 'random' | 'content';
  /** Content tower (contentTower.ts): content dimensions k fed through a trained k x D map into every item embedding; 0/undefined = off. */
  contentTower?: number;
  /** Sampled softmax: extra negatives per position from the input item's pool of classical candidates (behaviour
   * + content neighbours, trainHardNegatives.ts); 0 / undefined = off. */
  hardNegatives?: number;
  /** Candidates per item in that pool (default 30). */
  hardPool?: number;
  /** Residual training on top of the classical fusion (classicalPrior.ts); undefined = off. */
  prior?: RunTrainingPrior;
  log: (line: string) => void;
}

export interface RunTrainingPrior {
  /** Fusion config, merged over the defaults (as `reshelf eval --config` reads it); the model weight is ignored. */
  config: FusionConfig;
  /** Classical training options, merged over the defaults (as `reshelf eval --training` reads them). */
  training: TrainingOptions;
  /** Out-of-fold folds over users (>= 2) and items kept per position. */
  folds: number;
  top: number;
  /** Where the prior enters the loss (TrainingPrior.loss); default catalog. */
  loss?: 'catalog' | 'top';
  /** Where they came from, for the report. */
  configPath?: string;
  trainingPath?: string;
}

export interface TrainingReport {
  dataset: string;
  model: SequenceModelConfig;
  options: Record<string, unknown>;
  history: EpochRecord[];
  bestEpoch: number;
  validNdcg10: number;
  trainingSeconds: number;
  test?: RankingSummary;
  cold?: import('./cold/coldItemEvaluation.js').ColdItemReport;
  /** Residual training: alpha at the kept epoch (and after the last one), the prior's scale and build time. */
  prior?: { alpha: number; alphaLast: number; scale: number; validNdcg10Prior: number | null; folds: number; top: number; loss: 'catalog' | 'top'; buildSeconds: { catalogs: number; scoring: number }; config: string | null; training: string | null };
}

export async function runTraining(o: RunTrainingOptions): Promise<TrainingReport> {
  if (!(o.holdout >= 0 && Number.isInteger(o.holdout))) throw new ModelError('MODEL_BAD_OPTION', `--holdout must be a whole number >= 0 (got ${o.holdout}).`);
  await useTrainingBackend(o.backend);
  const dataset = loadDataset(o.datasetDir, o.format);
  const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, ...o.model, kind: o.kind, itemCount: dataset.items.length };
  if (config.dim % config.heads !== 0) throw new ModelError('MODEL_BAD_OPTION', `--dim ${config.dim} must be a multiple of --heads ${config.heads}.`);
  if (!(o.coldItems >= 0 && o.coldItems < 1)) throw new ModelError('MODEL_BAD_OPTION', `--cold-items must be a fraction in [0, 1) (got ${o.coldItems}).`);
  const coldItems = o.coldItems > 0 ? chooseColdItems(dataset.items.length, o.coldItems, o.seed + 13) : [];
  const sequences = trainingSequences(dataset, o.holdout, new Set(coldItems));
  let validCases = o.holdout >= 2 ? splitCases(dataset, 'valid') : [];
  if (o.validUsers > 0 && validCases.length > o.validUsers) {
    const random = seededRandom(o.seed + 7);
    validCases = validCases.map((c) => ({ c, key: random() })).sort((a, b) => a.key - b.key).slice(0, o.validUsers).map(({ c }) => c);
  }
  o.log(
    `${dataset.name}: ${dataset.users.length} users, ${dataset.items.length} items; training on each sequence minus its last ${o.holdout}; ` +
      `${o.kind} D=${config.dim} L=${config.maxLen}, ${o.prior?.loss === 'top' ? `re-ranking softmax over each position's prior top ${o.prior.top}` : o.negatives > 0 ? `sampled softmax with ${o.negatives} negatives (${Math.round(o.popularityShare * 100)}% by popularity, logQ-corrected)` : 'full softmax'}, backend ${o.backend}`,
  );
  const hardPerPosition = o.hardNegatives ?? 0;
  if (!(Number.isInteger(hardPerPosition) && hardPerPosition >= 0)) throw new ModelError('MODEL_BAD_OPTION', `--hard-negatives must be a whole number >= 0 (got ${hardPerPosition}).`);
  if (hardPerPosition > 0 && o.negatives <= 0) throw new ModelError('MODEL_BAD_OPTION', '--hard-negatives needs sampled softmax (--negatives > 0): full softmax already scores every item.');
  if (o.prior?.loss === 'top' && hardPerPosition > 0) throw new ModelError('MODEL_BAD_OPTION', '--hard-negatives cannot be combined with --prior-loss top: the re-ranking loss scores each position\'s prior candidates only.');
  if (o.prior && coldItems.length > 0) throw new ModelError('MODEL_BAD_OPTION', '--prior-config cannot be combined with --cold-items: the prior is scored on the full training sequences.');
  if (o.prior && !(Number.isInteger(o.prior.folds) && o.prior.folds >= 2)) throw new ModelError('MODEL_BAD_OPTION', `--prior-folds must be a whole number >= 2 (got ${o.prior.folds}).`);
  if (o.prior && !(Number.isInteger(o.prior.top) && o.prior.top >= 1)) throw new ModelError('MODEL_BAD_OPTION', `--prior-top must be a whole number >= 1 (got ${o.prior.top}).`);
  let hardNegatives: { pools: ReturnType<typeof buildHardNegativePools>; perPosition: number } | undefined;
  if (hardPerPosition > 0) {
    const started = performance.now();
    const content = buildContentVectors(dataset.items, { ...DEFAULT_CONTENT_OPTIONS, dim: config.dim });
    const vectors = content.dtype === 'float32' ? content.values : undefined;
    const pools = buildHardNegativePools(sequences, dataset.items.length, o.hardPool ?? 30, vectors ? { vectors, dim: config.dim } : undefined);
    hardNegatives = { pools, perPosition: hardPerPosition };
    o.log(`hard negatives: ${hardPerPosition} per position from pools of ${pools.poolSize} (behaviour + content neighbours of the input item) built in ${Math.round(performance.now() - started)} ms`);
  }
  const towerDim = o.contentTower ?? 0;
  if (!(Number.isInteger(towerDim) && towerDim >= 0)) throw new ModelError('MODEL_BAD_OPTION', `--content-tower must be a whole number >= 0 (got ${towerDim}).`);
  const contentTower = towerDim > 0 ? { vectors: itemContentVectors(dataset.items, towerDim, '--content-tower', o.log), dim: towerDim } : undefined;
  let prior: Awaited<ReturnType<typeof trainingPrior>> | undefined;
  let priorAlone: RankingSummary | undefined;
  if (o.prior) {
    prior = await trainingPrior(o, o.prior, dataset, config.maxLen, validCases);
    if (validCases.length > 0) {
      priorAlone = evaluatePriorAlone(validCases, prior.prior.valid);
      o.log(`prior alone (no model) on validation: NDCG@10 ${priorAlone.ndcg[10]!.toFixed(4)} HR@10 ${priorAlone.hr[10]!.toFixed(4)}`);
    }
  }
  const result = await trainSequenceModel({
    config,
    sequences,
    validCases,
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    negatives: o.negatives,
    popularityShare: o.popularityShare,
    patience: o.patience,
    seed: o.seed,
    ...(o.maxMinutes !== undefined ? { maxSeconds: o.maxMinutes * 60 } : {}),
    checkpointDir: join(o.out, 'checkpoint'),
    // A resumed run reads its weights from the checkpoint: the initial embedding would be computed for nothing.
    ...(o.initItems === 'content' && !existsSync(join(o.out, 'checkpoint', 'state.json')) ? { initialItemEmbedding: itemContentVectors(dataset.items, config.dim, '--init-items content', o.log) } : {}),
    ...(contentTower ? { contentTower } : {}),
    ...(hardNegatives ? { hardNegatives } : {}),
    ...(prior ? { prior: { train: prior.prior.train, offsets: prior.prior.offsets, valid: prior.prior.valid, scale: prior.prior.scale, key: prior.key, ...(o.prior?.loss === 'top' ? { loss: 'top' as const } : {}) } } : {}),
    log: o.log,
  });
  const training: TrainingRecord = {
    dataset: dataset.name,
    fingerprint: datasetFingerprint(dataset),
    heldOutTail: o.holdout,
    epochs: result.history.length,
    bestEpoch: result.bestEpoch,
    validNdcg10: result.bestNdcg10,
    seconds: Math.round(result.seconds),
    loss: o.prior?.loss === 'top' ? `rerank-softmax-prior-top${o.prior.top}` : o.negatives > 0 ? `sampled-softmax-${o.negatives}-pop${o.popularityShare}${hardPerPosition > 0 ? `-hard${hardPerPosition}of${o.hardPool ?? 30}` : ''}${o.prior ? '-residual-prior' : ''}` : `full-softmax${o.prior ? '-residual-prior' : ''}`,
  };
  if (coldItems.length > 0) training.heldOutItems = coldItems;
  const files = await buildModelFiles(config, training, dataset.items.map((item) => item.id), result.params);
  let cold: TrainingReport['cold'];
  if (coldItems.length > 0) {
    const { report, generator } = await evaluateColdItems(dataset, result.params, config, coldItems, sequences, o.log);
    cold = report;
    await writeTensors(o.out, 'content-generator', generator.weights as tf.NamedTensorMap);
    tf.dispose(Object.values(generator.weights));
    for (const [ranking, methods] of [['among cold items', report.amongColdItems], ['among all items', report.amongAllItems]] as const) {
      o.log(`cold-item test (${report.users} users, ${ranking}): ${Object.entries(methods).map(([m, r]) => `${m} NDCG@10 ${r.ndcg[10]!.toFixed(4)} HR@10 ${r.hr[10]!.toFixed(4)}`).join('; ')}`);
    }
  }
  tf.dispose(Object.values(result.params));
  writeModelDirectory(o.out, files);
  const kept = validCases.length > 0 ? `best epoch ${result.bestEpoch}, valid NDCG@10 ${result.bestNdcg10.toFixed(4)}` : `last epoch ${result.bestEpoch}, no validation`;
  o.log(`wrote ${o.out} (${kept}, ${Math.round(result.seconds)}s of training)`);

  const report: TrainingReport = {
    dataset: dataset.name,
    model: config,
    options: { ...(o.initItems === 'content' ? { initItems: 'content' } : {}), ...(towerDim > 0 ? { contentTower: towerDim } : {}), ...(hardPerPosition > 0 ? { hardNegatives: hardPerPosition, hardPool: o.hardPool ?? 30 } : {}), coldItems: o.coldItems, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, negatives: o.negatives, popularityShare: o.popularityShare, patience: o.patience, seed: o.seed, holdout: o.holdout, validUsers: o.validUsers, maxMinutes: o.maxMinutes ?? null },
    history: result.history,
    bestEpoch: result.bestEpoch,
    validNdcg10: result.bestNdcg10,
    trainingSeconds: Math.round(result.seconds),
  };
  if (cold) report.cold = cold;
  if (prior && o.prior && result.alpha) {
    report.prior = {
      alpha: result.alpha.best,
      alphaLast: result.alpha.last,
      scale: prior.prior.scale,
      validNdcg10Prior: priorAlone ? priorAlone.ndcg[10]! : null,
      folds: o.prior.folds,
      top: o.prior.top,
      loss: o.prior.loss ?? 'catalog',
      buildSeconds: { catalogs: Math.round(prior.prior.seconds.catalogs), scoring: Math.round(prior.prior.seconds.scoring) },
      config: o.prior.configPath ?? null,
      training: o.prior.trainingPath ?? null,
    };
    o.log(`prior: alpha ${result.alpha.best.toFixed(4)} at the kept epoch (last ${result.alpha.last.toFixed(4)}), scale ${prior.prior.scale.toPrecision(4)}: the saved model's logits alone are the model signal`);
  }
  if (o.test) {
    const model = loadModelFiles(files);
    assertModelMayScore(model.training, dataset, 'test');
    report.test = await evaluateCases(model.params, model.config, splitCases(dataset, 'test'));
    disposeModel(model);
    const t = report.test;
    o.log(`test (${t.users} users, full ranking): NDCG@10 ${t.ndcg[10]!.toFixed(4)} HR@10 ${t.hr[10]!.toFixed(4)} NDCG@20 ${t.ndcg[20]!.toFixed(4)} HR@20 ${t.hr[20]!.toFixed(4)}`);
  }
  writeFileSync(join(o.out, 'training-report.json'), JSON.stringify(report, null, 1));
  return report;
}

/**
 * The out-of-fold classical prior for this run, built once and kept beside the checkpoint: a resumed run with the
 * same inputs reads it back (building it ranks the whole catalog once per training position, minutes on a real
 * dataset). The key covers everything it depends on.
 */
async function trainingPrior(o: RunTrainingOptions, options: RunTrainingPrior, dataset: ReturnType<typeof loadDataset>, maxLen: number, validCases: readonly { history: Int32Array; target: number }[]) {
  const key = createHash('sha256')
    .update(JSON.stringify({ fingerprint: datasetFingerprint(dataset), holdout: o.holdout, maxLen, seed: o.seed, folds: options.folds, top: options.top, config: options.config, training: options.training, valid: validCases.map((c) => c.history.length) }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(o.out, 'checkpoint');
  const saved = loadPrior(dir, key);
  if (saved) {
    o.log(`prior: read from ${dir} (built before in ${Math.round(saved.seconds.catalogs + saved.seconds.scoring)}s), scale ${saved.scale.toPrecision(4)}`);
    return { prior: saved, key };
  }
  const started = performance.now();
  o.log(`prior: out-of-fold classical fusion, ${options.folds} folds, top ${options.top} items per position${options.configPath ? `, config ${options.configPath}` : ''}`);
  const prior = buildClassicalPrior(dataset, o.holdout, validCases, { config: options.config, training: options.training, folds: options.folds, top: options.top, seed: o.seed + 29, maxLen, log: o.log });
  await savePrior(dir, key, prior);
  o.log(`prior: built in ${Math.round((performance.now() - started) / 1000)}s (catalogs ${Math.round(prior.seconds.catalogs)}s, scoring ${Math.round(prior.seconds.scoring)}s), scale ${prior.scale.toPrecision(4)} (the best softmax of the prior alone on the training targets)`);
  return { prior, key };
}

/** The items' content vectors at `dim` dimensions (unit rows, as in the bundle's content section): the initial item
 * embedding (`--init-items content`, at the model's width, like the random init's scale) or the content tower's input. */
function itemContentVectors(items: Parameters<typeof buildContentVectors>[0], dim: number, option: '--init-items content' | '--content-tower', log: (line: string) => void): Float32Array {
  const started = performance.now();
  const table = buildContentVectors(items, { ...DEFAULT_CONTENT_OPTIONS, dim });
  if (table.dtype !== 'float32') throw new ModelError('MODEL_BAD_OPTION', 'content vectors are expected as float32.');
  let empty = 0;
  for (let i = 0; i < table.count; i++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += table.values[i * dim + j]! ** 2;
    if (sum === 0) empty++;
  }
  if (empty === table.count) throw new ModelError('MODEL_BAD_OPTION', `${option}: the dataset has no item text or attributes.`);
  log(`${option === '--content-tower' ? 'content tower over' : 'item embedding initialised from'} content vectors (${dim} dimensions, ${table.count - empty} of ${table.count} items with content) in ${Math.round(performance.now() - started)} ms`);
  return table.values;
}
