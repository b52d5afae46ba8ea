import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../training/random.js';
import type { SequenceModelConfig } from './modelSpec.js';
import { evaluateCases, type SequenceCase } from './scoreUsers.js';
import { trainingBatches } from './sequenceBatches.js';
import { encodePositions, initParams, paramShapes } from './sequenceEncoder.js';
import { evaluateCasesWithPrior } from './priorValidation.js';
import { priorDense, priorForRowTokens, priorForSharedTokens, priorTopCandidates, type PriorCandidates, type PriorTable } from './priorTable.js';
import { NegativeSampler, candidateSoftmaxLoss, fullSoftmaxLoss, sampledSoftmaxLoss, type HardNegatives, type PriorLogits } from './softmaxLoss.js';
import { drawHardNegatives, type HardNegativePools } from './trainHardNegatives.js';
import { CONTENT_PROJECTION, createContentTower, withTowerTable } from './contentTower.js';
import { readTensors, writeTensors } from './weightFiles.js';

/**
 * The training loop: Adam on next-item softmax cross-entropy at every position, one validation NDCG@10 (full
 * ranking) per epoch, early stopping with patience, the best epoch's weights kept. After every epoch the
 * complete state (weights, best weights, Adam moments, progress) goes to `checkpointDir`; a new run with the same
 * directory resumes from there. Epoch e shuffles and samples with seed + e, so a resumed run repeats the data
 * order an uninterrupted one would have used.
 */
export interface TrainOptions {
  config: SequenceModelConfig;
  /** Training sequences (dataset item indices), targets already held out. */
  sequences: readonly Int32Array[];
  validCases: readonly SequenceCase[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Negatives per batch for sampled softmax; 0 = full softmax over every item. */
  negatives: number;
  /** Share of negatives drawn by popularity (the rest uniform), with logQ correction; 0 = uniform. */
  popularityShare: number;
  /** Stop after this many epochs without a better validation NDCG@10. */
  patience: number;
  seed: number;
  /** Wall-clock budget of this run in seconds: no epoch starts that the mean epoch time says would end after it
   * (the best epoch so far is kept, the checkpoint allows resuming). Undefined = no budget. */
  maxSeconds?: number;
  checkpointDir?: string;
  /** Initial item embedding rows 1..itemCount ([itemCount x dim], e.g. the items' content vectors); undefined =
   * random. Used for a fresh start only: a resumed run reads its weights from the checkpoint. */
  initialItemEmbedding?: Float32Array;
  /** Sampled softmax only: `perPosition` extra negatives per position from its input item's pool (trainHardNegatives.ts). */
  hardNegatives?: { pools: HardNegativePools; perPosition: number };
  /** Residual training (classicalPrior.ts): logits + alpha * scale * prior, alpha a trained scalar (init 1) that is
   * not a model weight; validation scores the same sum. `key` names the prior's inputs: a checkpoint made with
   * another prior is refused. */
  prior?: TrainingPrior;
  /** Content tower (contentTower.ts): the items' k-dimensional content vectors ([itemCount x k]); the item table
   * trained and kept is item_embedding + content x W. Undefined = no tower. */
  contentTower?: { vectors: Float32Array; dim: number };
  log?: (line: string) => void;
}

export interface TrainingPrior {
  /** Row of user u's input position t = offsets[u] + t (u indexes `sequences`). */
  train: PriorTable;
  offsets: Int32Array;
  /** One row per validation case. */
  valid: PriorTable;
  scale: number;
  key: string;
  /** `catalog` (default): the prior joins the full or sampled softmax over the catalog. `top`: a re-ranking loss
   * over each position's prior top items only (candidateSoftmaxLoss), positions whose target is outside it skipped. */
  loss?: 'catalog' | 'top';
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  validNdcg10: number;
  validHr10: number;
  /** Wall-clock seconds of the epoch (training + validation). */
  seconds: number;
  /** CPU seconds this process used in the epoch: on a shared machine the wall clock says more about the neighbours. */
  cpuSeconds: number;
  /** Residual training: alpha after the epoch, and the model's logits alone on validation (validNdcg10 is logits + prior). */
  alpha?: number;
  validNdcg10Model?: number;
}

export interface TrainResult {
  params: Record<string, tf.Tensor>;
  history: EpochRecord[];
  bestEpoch: number;
  bestNdcg10: number;
  seconds: number;
  /** Residual training: alpha at the kept (best) epoch and after the last epoch. */
  alpha?: { best: number; last: number };
}

interface CheckpointState {
  epochsDone: number;
  bestEpoch: number;
  bestNdcg10: number;
  history: EpochRecord[];
  config: SequenceModelConfig;
  /** Residual training: the prior's key, alpha now and at the best epoch (alpha's Adam moments are in optimizer.*). */
  prior?: { key: string; alpha: number; bestAlpha: number; loss?: 'top' };
  /** Content tower: its content dimension k (W is saved with the params as content_projection). */
  contentTower?: number;
}

const formatDuration = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)}h` : s >= 60 ? `${Math.round(s / 60)}m` : `${Math.round(s)}s`);

export async function trainSequenceModel(options: TrainOptions): Promise<TrainResult> {
  const { config, log = () => {} } = options;
  const dir = options.checkpointDir;
  // A checkpoint made with other settings is refused before any variable exists (nothing to clean up on the throw).
  const saved = dir && existsSync(join(dir, 'state.json')) ? compatibleCheckpoint(dir, options) : undefined;
  const params = initParams(config, options.seed);
  if (options.initialItemEmbedding) {
    const rows = options.initialItemEmbedding;
    if (rows.length !== config.itemCount * config.dim) throw new Error(`MODEL_BAD_OPTION: the initial item embedding has ${rows.length} values, the model needs ${config.itemCount} x ${config.dim}.`);
    const table = new Float32Array((config.itemCount + 1) * config.dim);
    table.set(rows, config.dim); // row 0 is the padding token
    tf.tidy(() => params.item_embedding!.assign(tf.tensor2d(table, [config.itemCount + 1, config.dim])));
  }
  const names = Object.keys(paramShapes(config));
  const prior = options.prior;
  // alpha is trained with the model but is not one of its weights: the saved model's logits stand alone.
  const alpha = prior ? tf.variable(tf.scalar(1), true, 'prior_alpha') : undefined;
  const tower = options.contentTower ? createContentTower(options.contentTower.vectors, config.itemCount, options.contentTower.dim, config.dim, options.seed + 31) : undefined;
  // What the model scores with: with a tower, item_embedding + content x W (a new tensor to dispose), else params.
  const scoringParams = () => tf.tidy(() => withTowerTable(params, tower));
  const keptParams = (): tf.NamedTensorMap => {
    const scoring = scoringParams();
    return Object.fromEntries(names.map((n) => [n, tower && n === 'item_embedding' ? scoring[n]! : tf.clone(params[n]!)]));
  };
  // The checkpoint keeps W beside the model's own weights; the saved model does not need it (E + C W is materialised).
  const checkpointParams = (): tf.NamedTensorMap => (tower ? { ...params, [CONTENT_PROJECTION]: tower.projection } : params);
  const varList = [...names.map((n) => params[n]!), ...(alpha ? [alpha] : []), ...(tower ? [tower.projection] : [])];
  const optimizer = tf.train.adam(options.learningRate);
  let best: tf.NamedTensorMap = keptParams();
  let state: CheckpointState = { epochsDone: 0, bestEpoch: 0, bestNdcg10: -1, history: [], config, ...(prior ? { prior: { key: prior.key, alpha: 1, bestAlpha: 1, ...(prior.loss === 'top' ? { loss: 'top' as const } : {}) } } : {}), ...(tower ? { contentTower: options.contentTower!.dim } : {}) };

  if (dir && saved) {
    state = saved;
    if (alpha && saved.prior) alpha.assign(tf.scalar(saved.prior.alpha));
    const current = readTensors(dir, 'params');
    for (const n of names) params[n]!.assign(current[n]!);
    if (tower) tower.projection.assign(current[CONTENT_PROJECTION]!);
    tf.dispose(Object.values(current));
    tf.dispose(Object.values(best));
    best = readTensors(dir, 'best');
    const moments = readTensors(dir, 'optimizer');
    await optimizer.setWeights(Object.keys(moments).sort((a, b) => Number(a) - Number(b)).map((k) => ({ name: k, tensor: moments[k]! })));
    log(`resumed from ${dir} after epoch ${state.epochsDone} (best valid NDCG@10 ${state.bestNdcg10.toFixed(4)} at epoch ${state.bestEpoch})`);
  }

  const sampler = options.negatives > 0 && prior?.loss !== 'top' ? new NegativeSampler(config.itemCount, options.sequences, options.negatives, options.popularityShare) : undefined;
  const logQ = options.popularityShare > 0 ? sampler?.logQ : undefined;
  const epochSeconds: number[] = state.history.map((h) => h.seconds);
  const runStarted = performance.now();
  for (let epoch = state.epochsDone + 1; epoch <= options.epochs; epoch++) {
    if (epoch - state.bestEpoch > options.patience && state.bestEpoch > 0) break;
    if (options.maxSeconds !== undefined && epochSeconds.length > 0) {
      const elapsed = (performance.now() - runStarted) / 1000;
      const mean = epochSeconds.reduce((a, b) => a + b, 0) / epochSeconds.length;
      if (elapsed + mean > options.maxSeconds) {
        log(`time budget: ${formatDuration(elapsed)} used of ${formatDuration(options.maxSeconds)}, an epoch takes ~${formatDuration(mean)}; stopping before epoch ${epoch} (resume with the same --out)`);
        break;
      }
    }
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const random = seededRandom(options.seed * 1000 + epoch);
    const batches = trainingBatches(options.sequences, options.batchSize, config.maxLen, random);
    let lossSum = 0;
    let positions = 0;
    let lastProgress = started;
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b]!;
      const picked: number[] = [];
      const targets: number[] = [];
      batch.targets!.forEach((t, i) => {
        if (t > 0) {
          picked.push(i);
          targets.push(t);
        }
      });
      if (picked.length === 0) continue;
      const targetTokens = Int32Array.from(targets);
      // The re-ranking loss scores each row's own prior candidates: it has no sampler, so no negatives are drawn.
      const rerank = prior?.loss === 'top';
      const negatives = sampler?.draw(random);
      // The prior row of every picked cell: its sequence (batch.sources) and its input position (batch.positions).
      const priorRowsOf = prior ? Int32Array.from(picked, (i) => prior.offsets[batch.sources[Math.floor(i / batch.length)]!]! + batch.positions![i]!) : undefined;
      let hard: HardNegatives | undefined;
      if (negatives && options.hardNegatives) {
        const inputs = Int32Array.from(picked, (i) => batch.tokens[i]!);
        hard = { tokens: drawHardNegatives(options.hardNegatives.pools, inputs, options.hardNegatives.perPosition, random), perPosition: options.hardNegatives.perPosition };
      }
      let priorValues: Omit<PriorLogits, 'alpha'> | undefined;
      let candidates: PriorCandidates | undefined;
      if (prior && priorRowsOf && rerank) {
        candidates = priorTopCandidates(prior.train, priorRowsOf, targetTokens);
        if (candidates.kept.length === 0) continue;
        candidates.values.forEach((v, i) => (candidates!.values[i] = v * prior.scale));
      } else if (prior && priorRowsOf) {
        const scaled = (values: Float32Array) => values.map((v) => v * prior.scale);
        priorValues = {
          target: scaled(priorForRowTokens(prior.train, priorRowsOf, targetTokens)),
          candidates: scaled(negatives ? priorForSharedTokens(prior.train, priorRowsOf, negatives) : priorDense(prior.train, priorRowsOf)),
          ...(hard ? { hard: scaled(priorForRowTokens(prior.train, priorRowsOf, hard.tokens, hard.perPosition)) } : {}),
        };
      }
      const loss = optimizer.minimize(
        () => {
          const tokens = tf.tensor2d(batch.tokens, [batch.rows, batch.length], 'int32');
          const trained = withTowerTable(params, tower);
          const states = tf.reshape(encodePositions(trained, config, tokens, true), [-1, config.dim]);
          const table = trained.item_embedding as tf.Tensor2D;
          if (candidates && alpha) {
            const keptRows = tf.gather(states, tf.tensor1d(Int32Array.from(candidates.kept, (p) => picked[p]!), 'int32')) as tf.Tensor2D;
            return candidateSoftmaxLoss(keptRows, table, candidates, alpha);
          }
          const rows = tf.gather(states, tf.tensor1d(picked, 'int32')) as tf.Tensor2D;
          const priorLogits = priorValues && alpha ? { ...priorValues, alpha } : undefined;
          return negatives ? sampledSoftmaxLoss(rows, table, targetTokens, negatives, logQ, hard, priorLogits) : fullSoftmaxLoss(rows, table, tf.tensor1d(targetTokens, 'int32'), priorLogits);
        },
        true,
        varList,
      )!;
      // The loss is a mean over the rows it used: all picked rows, or the re-ranking loss's kept ones.
      const used = candidates ? candidates.kept.length : picked.length;
      lossSum += (await loss.data())[0]! * used;
      positions += used;
      loss.dispose();
      const now = performance.now();
      if (now - lastProgress > 30_000) {
        lastProgress = now;
        const perBatch = (now - started) / 1000 / (b + 1);
        log(`  epoch ${epoch} batch ${b + 1}/${batches.length} loss ${(lossSum / positions).toFixed(4)} epoch ETA ${formatDuration(perBatch * (batches.length - b - 1))}`);
      }
    }
    const alphaNow = alpha ? (await alpha.data())[0]! : undefined;
    let modelAlone: number | undefined;
    let valid: { ndcg: Record<number, number>; hr: Record<number, number> } = { hr: { 10: 0 }, ndcg: { 10: 0 } };
    const scoring = scoringParams();
    if (options.validCases.length > 0 && prior && alphaNow !== undefined) {
      const both = await evaluateCasesWithPrior(scoring, config, options.validCases, prior.valid, alphaNow * prior.scale, prior.loss === 'top');
      valid = both.withPrior;
      modelAlone = both.model.ndcg[10]!;
    } else if (options.validCases.length > 0) {
      valid = await evaluateCases(scoring, config, options.validCases);
    }
    if (tower) scoring.item_embedding!.dispose();
    const seconds = (performance.now() - started) / 1000;
    epochSeconds.push(seconds);
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const record: EpochRecord = { epoch, loss: lossSum / Math.max(1, positions), validNdcg10: valid.ndcg[10]!, validHr10: valid.hr[10]!, seconds, cpuSeconds };
    if (alphaNow !== undefined) record.alpha = alphaNow;
    if (modelAlone !== undefined) record.validNdcg10Model = modelAlone;
    if (state.prior && alphaNow !== undefined) state.prior.alpha = alphaNow;
    state.history.push(record);
    state.epochsDone = epoch;
    // Without validation cases (a shipped model trained on everything) the last epoch is the one kept.
    if (options.validCases.length === 0 || record.validNdcg10 > state.bestNdcg10) {
      state.bestNdcg10 = record.validNdcg10;
      state.bestEpoch = epoch;
      if (state.prior && alphaNow !== undefined) state.prior.bestAlpha = alphaNow;
      tf.dispose(Object.values(best));
      best = keptParams();
    }
    const mean = epochSeconds.reduce((a, b) => a + b, 0) / epochSeconds.length;
    const validated = options.validCases.length > 0;
    // Without validation nothing stops the run early, so every remaining epoch counts in the ETA.
    const remaining = validated ? Math.min(options.epochs - epoch, Math.max(0, state.bestEpoch + options.patience - epoch)) : options.epochs - epoch;
    const validation = validated
      ? `valid NDCG@10 ${record.validNdcg10.toFixed(4)}${prior ? ' (model + prior)' : ''} HR@10 ${record.validHr10.toFixed(4)} (best ${state.bestNdcg10.toFixed(4)} @${state.bestEpoch})${modelAlone !== undefined ? ` model alone ${modelAlone.toFixed(4)}` : ''}`
      : 'no validation (holdout < 2: the last epoch is kept)';
    const alphaText = alphaNow !== undefined ? ` alpha ${alphaNow.toFixed(4)}` : '';
    log(`epoch ${epoch}/${options.epochs} loss ${record.loss.toFixed(4)} ${validation}${alphaText} ${seconds.toFixed(0)}s (cpu ${record.cpuSeconds.toFixed(0)}s) ETA <= ${formatDuration(mean * remaining)}`);
    if (dir) await saveCheckpoint(dir, state, checkpointParams(), best, optimizer);
  }
  const result: TrainResult = {
    params: best,
    history: state.history,
    bestEpoch: state.bestEpoch,
    bestNdcg10: state.bestNdcg10,
    seconds: state.history.reduce((a, h) => a + h.seconds, 0),
  };
  if (state.prior) result.alpha = { best: state.prior.bestAlpha, last: state.prior.alpha };
  tf.dispose(varList);
  tower?.content.dispose(); // W went with varList
  optimizer.dispose();
  return result;
}

/** The checkpoint's state, if it was made with these settings; else a clear error. */
function compatibleCheckpoint(dir: string, options: TrainOptions): CheckpointState {
  const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as CheckpointState;
  const { prior, contentTower } = options;
  if (JSON.stringify(saved.config) !== JSON.stringify(options.config)) {
    throw new Error(`MODEL_BAD_OPTION: the checkpoint in ${dir} was made with other model settings; use a new --out or the same options.`);
  }
  if (saved.prior?.key !== prior?.key) {
    throw new Error(`MODEL_BAD_OPTION: the checkpoint in ${dir} was made ${saved.prior ? 'with another classical prior' : 'without a classical prior'}; use a new --out or the same --prior-* options.`);
  }
  if (saved.prior && (saved.prior.loss ?? 'catalog') !== (prior?.loss ?? 'catalog')) {
    throw new Error(`MODEL_BAD_OPTION: the checkpoint in ${dir} was made with --prior-loss ${saved.prior.loss ?? 'catalog'}; use a new --out or the same --prior-loss.`);
  }
  if (saved.contentTower !== contentTower?.dim) {
    throw new Error(`MODEL_BAD_OPTION: the checkpoint in ${dir} was made ${saved.contentTower ? `with a ${saved.contentTower}-dimensional content tower` : 'without a content tower'}; use a new --out or the same --content-tower.`);
  }
  return saved;
}

async function saveCheckpoint(dir: string, state: CheckpointState, params: tf.NamedTensorMap, best: tf.NamedTensorMap, optimizer: tf.Optimizer): Promise<void> {
  await writeTensors(dir, 'params', params);
  await writeTensors(dir, 'best', best);
  const moments = await optimizer.getWeights();
  // Adam matches moments to variables by position; store them under their position so the order survives.
  await writeTensors(dir, 'optimizer', Object.fromEntries(moments.map((m, i) => [String(i), m.tensor])));
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state, null, 1));
}
