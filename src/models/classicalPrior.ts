import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { truncateSequence, type Dataset, type UserSequence } from '../datasets/dataset.js';
import { fuseScores } from '../fusion/combine.js';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import { activeSignals, computeSignals } from '../fusion/rankCatalog.js';
import type { ShopperHistory } from '../signals/history.js';
import { buildCatalogModel, type TrainingOptions } from '../training/buildCatalogModel.js';
import { fillColdItemFactors } from '../training/coldItemFactors.js';
import { seededRandom } from '../training/random.js';
import { createPriorTable, priorRows, setPriorRow, type PriorTable } from './priorTable.js';
import type { SequenceCase } from './scoreUsers.js';
import { readTensors, writeTensors } from './weightFiles.js';

/**
 * Residual training (`reshelf train --prior-config`): the classical fusion's score of every item, per training
 * position, so the model's logits are trained on top of it (state . item + alpha * prior) and the loss rewards
 * only what the fusion misses.
 *
 * The prior must be OUT-OF-FOLD: signals built from all training sequences hold each user's own
 * (prefix -> target) co-occurrences, so an in-sample prior would point at the training target and the model
 * would learn nothing. Users are split into k seeded folds; fold f's positions are scored with a catalog built
 * from the other folds' users only. Validation histories are scored with the catalog built from ALL training
 * sequences, which is the catalog `reshelf eval` ranks the validation split with.
 *
 * The fused score is the one `reshelf eval` ranks by for `fused` (computeSignals + fuseScores, the model
 * signal's weight forced to 0), without history masking. Its scale is the fusion's (sums of weighted z-scores,
 * in the hundreds on Scientific), not a logit's: `scale` is fitted once so that scale * prior alone is the best
 * softmax over the catalog for the training targets, and alpha (trained, init 1) moves from there.
 */
export interface ClassicalPriorOptions {
  /** The fusion config (already merged over the defaults); its `model` weight is ignored. */
  config: FusionConfig;
  training: TrainingOptions;
  folds: number;
  top: number;
  seed: number;
  /** The model reads only the last maxLen inputs: older positions are never trained and are not scored. */
  maxLen: number;
  log?: (line: string) => void;
}

export interface ClassicalPrior {
  /** One row per training position: user u's input position t (predicting item t + 1) is row offsets[u] + t. */
  train: PriorTable;
  offsets: Int32Array;
  /** One row per validation case (the same order), from the catalog built on all training sequences. */
  valid: PriorTable;
  /** Factor applied to the fused score before alpha (see above). */
  scale: number;
  /** Fold of each user. */
  folds: Int32Array;
  seconds: { catalogs: number; scoring: number };
}

/** The training part of each user's sequence as the catalog builders take it, users skipped as leaveOneOut does. */
function trainingUsers(dataset: Dataset, holdout: number): { user: number; sequence: UserSequence }[] {
  return dataset.users.flatMap((user, u) => (user.items.length >= holdout ? [{ user: u, sequence: truncateSequence(user, user.items.length - holdout) }] : []));
}

/** Seeded fold per user: a shuffled round-robin, so folds differ in size by at most one user. */
export function assignFolds(users: number, folds: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const order = Array.from({ length: users }, (_, u) => ({ u, key: random() })).sort((a, b) => a.key - b.key);
  const fold = new Int32Array(users);
  order.forEach(({ u }, i) => (fold[u] = i % folds));
  return fold;
}

/**
 * A catalog from `train` whose content sections (content vectors, content neighbours) are taken from `shared`:
 * they depend on the items only, and are most of a full build (~115 of ~137 s on Scientific). Items without
 * interactions in `train` get their CF factor from content, as buildCatalogModel does.
 */
export function catalogWithSharedContent(items: Dataset['items'], train: readonly UserSequence[], training: TrainingOptions, shared: CatalogModel): CatalogModel {
  if (!training.sections.content || !shared.content) return buildCatalogModel(items, train, training);
  const model = buildCatalogModel(items, train, { ...training, sections: { ...training.sections, content: false } });
  model.content = shared.content;
  if (shared.neighbours?.content) model.neighbours = { ...model.neighbours, content: shared.neighbours.content };
  if (model.cf?.dtype === 'float32') {
    const hasFactor = new Uint8Array(items.length);
    for (const user of train) for (const item of user.items) hasFactor[item] = 1;
    fillColdItemFactors(model.content, model.cf.values, model.cf.dim, hasFactor);
  }
  return model;
}

/** The fused classical score of every item after `history` (dataset indices, in order). */
export function fusedPriorScores(catalog: CatalogModel, history: ArrayLike<number>, config: FusionConfig): Float32Array {
  const shopper: ShopperHistory = { events: Array.from(history, (item) => ({ item })) };
  const names = activeSignals(config, shopper.events.length).filter((name) => name !== 'model');
  const signals = computeSignals(catalog, shopper, config, names);
  return fuseScores(signals, config, shopper.events.length, undefined, catalog.ids.length);
}

export function buildClassicalPrior(dataset: Dataset, holdout: number, validCases: readonly SequenceCase[], options: ClassicalPriorOptions): ClassicalPrior {
  const log = options.log ?? (() => {});
  if (!(Number.isInteger(options.folds) && options.folds >= 2)) throw new Error(`MODEL_BAD_OPTION: the prior needs at least 2 folds (got ${options.folds}).`);
  if (!(Number.isInteger(options.top) && options.top >= 1)) throw new Error(`MODEL_BAD_OPTION: the prior's top must be a whole number >= 1 (got ${options.top}).`);
  const config: FusionConfig = { ...options.config, weights: { ...options.config.weights, model: 0 } };
  const n = dataset.items.length;
  const users = trainingUsers(dataset, holdout);
  const folds = assignFolds(dataset.users.length, options.folds, options.seed);

  const offsets = new Int32Array(dataset.users.length + 1);
  const sequences = dataset.users.map((user) => user.items.subarray(0, Math.max(0, user.items.length - holdout)));
  sequences.forEach((seq, u) => (offsets[u + 1] = offsets[u]! + Math.max(0, seq.length - 1)));
  const train = createPriorTable(offsets[dataset.users.length]!, options.top, n);
  const valid = createPriorTable(validCases.length, options.top, n);

  let catalogMs = 0;
  let scoringMs = 0;
  let started = performance.now();
  const full = buildCatalogModel(dataset.items, users.map((u) => u.sequence), options.training);
  catalogMs += performance.now() - started;
  log(`prior: catalog on all ${users.length} training sequences built in ${Math.round(catalogMs / 1000)}s`);
  started = performance.now();
  validCases.forEach((c, i) => {
    if (c.history.length > 0) setPriorRow(valid, i, fusedPriorScores(full, c.history, config));
  });
  scoringMs += performance.now() - started;

  let lastLog = performance.now();
  for (let f = 0; f < options.folds; f++) {
    started = performance.now();
    const catalog = catalogWithSharedContent(dataset.items, users.filter((u) => folds[u.user] !== f).map((u) => u.sequence), options.training, full);
    const built = performance.now();
    catalogMs += built - started;
    let scored = 0;
    for (let u = 0; u < sequences.length; u++) {
      if (folds[u] !== f) continue;
      const seq = sequences[u]!;
      // Positions t = 0..len-2 predict item t + 1 from items 0..t; the batches keep only the last maxLen.
      for (let t = Math.max(0, seq.length - 1 - options.maxLen); t < seq.length - 1; t++) {
        setPriorRow(train, offsets[u]! + t, fusedPriorScores(catalog, seq.subarray(0, t + 1), config));
        scored++;
      }
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        log(`  prior fold ${f + 1}/${options.folds}: ${scored} positions scored`);
      }
    }
    scoringMs += performance.now() - built;
    log(`prior: fold ${f + 1}/${options.folds} catalog (other folds' users) ${Math.round((built - started) / 1000)}s, ${scored} positions scored in ${Math.round((performance.now() - built) / 1000)}s`);
  }
  const scale = fitPriorScale(train, offsets, sequences);
  return { train, offsets, valid, scale, folds, seconds: { catalogs: catalogMs / 1000, scoring: scoringMs / 1000 } };
}

/**
 * The factor c minimising the mean softmax cross-entropy of the training targets under c * prior alone (every
 * item a candidate: the top slots plus itemCount - top items at the floor). Convex in c, so a golden-section
 * search over log c finds it.
 */
export function fitPriorScale(table: PriorTable, offsets: Int32Array, sequences: readonly Int32Array[]): number {
  const rows: number[] = [];
  const targets: number[] = [];
  for (let u = 0; u < sequences.length; u++) {
    const seq = sequences[u]!;
    for (let t = 0; t + 1 < seq.length; t++) {
      const row = offsets[u]! + t;
      if (table.items[row * table.top]! < 0) continue; // not scored (beyond maxLen) or no history
      rows.push(row);
      targets.push(seq[t + 1]!);
    }
  }
  if (rows.length === 0) return 1;
  const targetScore = rows.map((row, i) => {
    for (let r = 0; r < table.top; r++) if (table.items[row * table.top + r] === targets[i]) return table.scores[row * table.top + r]!;
    return table.floor[row]!;
  });
  const rest = table.itemCount - table.top;
  const loss = (c: number): number => {
    let sum = 0;
    rows.forEach((row, i) => {
      const offset = row * table.top;
      const max = c * table.scores[offset]!;
      let z = rest * Math.exp(c * table.floor[row]! - max);
      for (let r = 0; r < table.top; r++) if (table.items[offset + r]! >= 0) z += Math.exp(c * table.scores[offset + r]! - max);
      sum += Math.log(z) + max - c * targetScore[i]!;
    });
    return sum / rows.length;
  };
  let lo = Math.log(1e-5);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = loss(Math.exp(a));
  let fb = loss(Math.exp(b));
  for (let step = 0; step < 40; step++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = loss(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = loss(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The prior takes minutes on a real catalog (one full ranking per training position), so it is kept beside the
 * checkpoint and read back when a run resumes with the same inputs (`key` describes them).
 */
export async function savePrior(dir: string, key: string, prior: ClassicalPrior): Promise<void> {
  for (const [name, table] of [['prior-train', prior.train], ['prior-valid', prior.valid]] as const) {
    const rows = priorRows(table);
    const tensors = {
      items: tf.tensor2d(table.items, [rows, table.top], 'int32'),
      scores: tf.tensor2d(table.scores, [rows, table.top], 'float32'),
      floor: tf.tensor1d(table.floor, 'float32'),
    };
    await writeTensors(dir, name, tensors);
    tf.dispose(Object.values(tensors));
  }
  const meta = { key, scale: prior.scale, itemCount: prior.train.itemCount, top: prior.train.top, offsets: Array.from(prior.offsets), folds: Array.from(prior.folds), seconds: prior.seconds };
  writeFileSync(join(dir, 'prior.json'), JSON.stringify(meta));
}

export function loadPrior(dir: string, key: string): ClassicalPrior | undefined {
  if (!existsSync(join(dir, 'prior.json'))) return undefined;
  const meta = JSON.parse(readFileSync(join(dir, 'prior.json'), 'utf8')) as { key: string; scale: number; itemCount: number; top: number; offsets: number[]; folds: number[]; seconds: ClassicalPrior['seconds'] };
  if (meta.key !== key) return undefined;
  const table = (name: string): PriorTable => {
    const tensors = readTensors(dir, name);
    const out: PriorTable = {
      top: meta.top,
      itemCount: meta.itemCount,
      items: Int32Array.from(tensors.items!.dataSync() as Int32Array),
      scores: Float32Array.from(tensors.scores!.dataSync() as Float32Array),
      floor: Float32Array.from(tensors.floor!.dataSync() as Float32Array),
    };
    tf.dispose(Object.values(tensors));
    return out;
  };
  return { train: table('prior-train'), valid: table('prior-valid'), offsets: Int32Array.from(meta.offsets), scale: meta.scale, folds: Int32Array.from(meta.folds), seconds: meta.seconds };
}
