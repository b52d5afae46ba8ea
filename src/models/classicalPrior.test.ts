import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../cli/commands/train.js';
import type { Dataset, DatasetItem } from '../datasets/dataset.js';
import { mergeFusionConfig } from '../fusion/loadConfig.js';
import { SIGNAL_NAMES } from '../signals/registry.js';
import { DEFAULT_TRAINING_OPTIONS, buildCatalogModel } from '../training/buildCatalogModel.js';
import { seededRandom } from '../training/random.js';
import { buildClassicalPrior, catalogWithSharedContent, fusedPriorScores } from './classicalPrior.js';
import { useTrainingBackend } from './nodeBackend.js';
import { createPriorTable, priorDense, priorForRowTokens, priorForSharedTokens, priorTopCandidates, priorValue, setPriorRow } from './priorTable.js';
import { runTraining, type TrainingReport } from './runTraining.js';
import { trainingBatches } from './sequenceBatches.js';
import { candidateSoftmaxLoss, fullSoftmaxLoss, sampledSoftmaxLoss } from './softmaxLoss.js';
import { tinyTrainingOptions, writeChainDataset } from './trainFixture.js';

const root = mkdtempSync(join(tmpdir(), 'reshelf-prior-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const item = (i: number): DatasetItem => ({ id: `i${i}`, attributes: { title: `item ${i}` }, text: `item ${i} group${i % 3}`, tags: [`t${i % 4}`] });

describe('out-of-fold classical prior', () => {
  // Items 0..11. 40 users walk 9 -> 10 -> 6 or 7 -> 6 -> 5 (so 7 and 9 have successors in every fold), 11 and 8
  // only open sequences of users that never see 7 or 9, and ONE user (the last) holds the pair 7 -> 8.
  const random = seededRandom(4);
  const users = Array.from({ length: 40 }, (_, u) => {
    const pattern = [[9, 10, 6], [7, 6, 5], [11, 0, 1, 2], [8, 3, 4]][u % 4]!;
    return { userId: `u${u}`, items: Int32Array.from(pattern.map((i) => (random() < 0.1 && i < 6 ? (i + 1) % 6 : i))) };
  });
  const own = { userId: 'x', items: Int32Array.from([9, 7, 8, 10]) };
  const dataset: Dataset = { name: 'pairs', items: Array.from({ length: 12 }, (_, i) => item(i)), users: [...users, own] };
  // Transitions only, so the pair's score is visible by itself.
  const config = mergeFusionConfig({ weights: Object.fromEntries(SIGNAL_NAMES.map((name) => [name, name === 'sequence' ? 1 : 0])) });

  it('scores each user with a catalog that never saw that user: a pair only that user has gets no transition score', () => {
    // top = every item, so each value is the exact fused score (no floor hides a difference).
    const prior = buildClassicalPrior(dataset, 0, [], { config, training: DEFAULT_TRAINING_OPTIONS, folds: 2, top: 12, seed: 1, maxLen: 50 });
    const x = dataset.users.length - 1;
    const row = prior.offsets[x]! + 1; // history [9, 7], target 8
    // Item 11 never follows 7 or 9 anywhere: the out-of-fold prior scores 8 exactly as 11.
    expect(priorValue(prior.train, row, 8)).toBe(priorValue(prior.train, row, 11));
    expect(priorValue(prior.train, row, 6)).toBeGreaterThan(priorValue(prior.train, row, 11)); // 7 -> 6 is in other users
    // Positive control: the in-sample catalog (all users, X included) does score the pair, so a prior built from
    // it would fail the assertions above.
    const inSample = fusedPriorScores(buildCatalogModel(dataset.items, dataset.users), [9, 7], config);
    expect(inSample[8]).toBeGreaterThan(inSample[11]!);
    // Every training position of every user has a row; rows never scored (first item) do not exist.
    expect(prior.offsets[dataset.users.length]).toBe(dataset.users.reduce((a, u) => a + u.items.length - 1, 0));
    expect(new Set(prior.folds)).toEqual(new Set([0, 1]));
  });

  it('reuses the content sections across folds without changing the catalog', () => {
    const train = dataset.users.slice(0, 20);
    const full = buildCatalogModel(dataset.items, dataset.users);
    const direct = buildCatalogModel(dataset.items, train);
    const reused = catalogWithSharedContent(dataset.items, train, DEFAULT_TRAINING_OPTIONS, full);
    expect(reused.content).toBe(full.content);
    expect(reused.cf && 'values' in reused.cf ? Array.from(reused.cf.values) : []).toEqual(direct.cf && 'values' in direct.cf ? Array.from(direct.cf.values) : [0]);
    expect(Array.from(fusedPriorScores(reused, [9, 7], config))).toEqual(Array.from(fusedPriorScores(direct, [9, 7], config)));
  });
});

describe('prior table: top m + floor', () => {
  it('keeps the m best finite scores best first; every other item gets the m-th score; an unset row is 0', () => {
    const table = createPriorTable(3, 3, 6);
    setPriorRow(table, 0, Float32Array.from([0.5, 4, Number.NaN, 2, -Infinity, 3]));
    setPriorRow(table, 2, Float32Array.from([1, 1, 1, 5, 1, 1]));
    expect(Array.from(table.items.subarray(0, 3))).toEqual([1, 5, 3]);
    expect(Array.from(table.scores.subarray(0, 3))).toEqual([4, 3, 2]);
    expect(table.floor[0]).toBe(2);
    expect([0, 1, 2, 3, 4, 5].map((i) => priorValue(table, 0, i))).toEqual([2, 4, 2, 2, 2, 3]);
    expect([0, 1, 2, 3, 4, 5].map((i) => priorValue(table, 1, i))).toEqual([0, 0, 0, 0, 0, 0]);
    // Ties keep the smaller index (the protocol's order).
    expect(Array.from(table.items.subarray(6, 9))).toEqual([3, 0, 1]);
    // The lookups the loss uses agree with priorValue; tokens are index + 1, a token may repeat.
    const rows = Int32Array.from([2, 0, 1]);
    const tokens = Int32Array.from([4, 2, 4, 1]);
    const shared = priorForSharedTokens(table, rows, tokens);
    rows.forEach((row, p) => tokens.forEach((token, j) => expect(shared[p * 4 + j]).toBe(priorValue(table, row, token - 1))));
    expect(Array.from(priorForRowTokens(table, rows, Int32Array.from([4, 2, 1])))).toEqual([5, 4, 0]);
    const dense = priorDense(table, rows);
    rows.forEach((row, p) => [0, 1, 2, 3, 4, 5].forEach((i) => expect(dense[p * 6 + i]).toBe(priorValue(table, row, i))));
  });

  it('the batches name each cell\'s sequence and position, so each picked cell finds its prior row', () => {
    const seqs = [Int32Array.from([3, 1, 4, 1, 5]), Int32Array.from([9, 2]), Int32Array.from([6]), Int32Array.from([2, 7, 1, 8, 2, 8, 1])];
    for (const batch of trainingBatches(seqs, 2, 4, seededRandom(2))) {
      batch.targets!.forEach((target, i) => {
        const seq = seqs[batch.sources[Math.floor(i / batch.length)]!]!;
        const t = batch.positions![i]!;
        if (target === 0) return expect(t).toBe(-1);
        expect(batch.tokens[i]).toBe(seq[t]! + 1);
        expect(target).toBe(seq[t + 1]! + 1);
      });
    }
  });
});

describe('re-ranking candidates: each row\'s prior top', () => {
  it('keeps the rows whose target is in their top (with its column), masks unused slots, skips the others', () => {
    const table = createPriorTable(3, 3, 6);
    setPriorRow(table, 0, Float32Array.from([0.5, 4, Number.NaN, 2, -Infinity, 3])); // top 1, 5, 3
    setPriorRow(table, 1, Float32Array.from([-Infinity, -Infinity, -Infinity, -Infinity, 7, -Infinity])); // top 4 only
    // Row 2 never set: no history, no candidates.
    const rows = Int32Array.from([0, 1, 0, 2]);
    const targets = Int32Array.from([4, 5, 1, 1]); // tokens: items 3 (row 0, column 2), 4 (row 1, column 0), 0 (not in row 0's top), 0
    const c = priorTopCandidates(table, rows, targets);
    expect(Array.from(c.kept)).toEqual([0, 1]);
    expect(Array.from(c.targetColumn)).toEqual([2, 0]);
    expect(Array.from(c.tokens)).toEqual([2, 6, 4, 5, 0, 0]);
    expect(Array.from(c.values)).toEqual([4, 3, 2, 7, 0, 0]);
    expect(Array.from(c.mask)).toEqual([0, 0, 0, 0, -1e9, -1e9]);
  });
});

describe('softmax with alpha * prior', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });
  const table = [
    [0, 0],
    [0.3, -0.2],
    [0.1, 0.4],
    [-0.5, 0.2],
    [0.25, 0.25],
  ];
  const states = [
    [1, 0.5],
    [-0.4, 0.8],
  ];
  const dot = (p: number, token: number) => states[p]![0]! * table[token]![0]! + states[p]![1]! * table[token]![1]!;
  const lse = (xs: number[]) => Math.log(xs.reduce((a, x) => a + Math.exp(x), 0));

  it('sampled: adds alpha * prior to each row\'s target and to each (row, negative) cell, with logQ and the own-target mask', () => {
    const targets = Int32Array.from([2, 4]);
    const negatives = Int32Array.from([3, 4, 1]); // row 1's target 4 is also drawn: masked in row 1
    const logQ = Float32Array.from([0, 0.1, -0.2, 0.3, 0.05]);
    const prior = { target: Float32Array.from([1.5, -0.5]), candidates: Float32Array.from([0.2, 0.7, -1, 2, 0.4, 0.1]) };
    const alpha = 0.6;
    const expected =
      [0, 1]
        .map((p) => {
          const positive = dot(p, targets[p]!) + alpha * prior.target[p]! - logQ[targets[p]!]!;
          const negs = [...negatives].flatMap((token, j) => (token === targets[p] ? [] : [dot(p, token) + alpha * prior.candidates[p * 3 + j]! - logQ[token]!]));
          return lse([positive, ...negs]) - positive;
        })
        .reduce((a, b) => a + b, 0) / 2;
    const loss = tf.tidy(() => sampledSoftmaxLoss(tf.tensor2d(states), tf.tensor2d(table), targets, negatives, logQ, undefined, { ...prior, alpha: tf.scalar(alpha) }).arraySync() as number);
    expect(loss).toBeCloseTo(expected, 5);
    const without = tf.tidy(() => sampledSoftmaxLoss(tf.tensor2d(states), tf.tensor2d(table), targets, negatives, logQ).arraySync() as number);
    expect(Math.abs(without - loss)).toBeGreaterThan(0.05);
  });

  it('full: adds alpha * prior to every item\'s logit of each row', () => {
    const targets = Int32Array.from([2, 4]);
    const candidates = Float32Array.from([0.2, 0.7, -1, 2, 0.4, 0.1, 1, -0.3]);
    const prior = { target: Float32Array.from([candidates[1]!, candidates[4 + 3]!]), candidates };
    const alpha = -0.8;
    const expected =
      [0, 1]
        .map((p) => {
          const logits = [1, 2, 3, 4].map((token) => dot(p, token) + alpha * candidates[p * 4 + token - 1]!);
          return lse(logits) - logits[targets[p]! - 1]!;
        })
        .reduce((a, b) => a + b, 0) / 2;
    const loss = tf.tidy(() => fullSoftmaxLoss(tf.tensor2d(states), tf.tensor2d(table), tf.tensor1d(targets, 'int32'), { ...prior, alpha: tf.scalar(alpha) }).arraySync() as number);
    expect(loss).toBeCloseTo(expected, 5);
  });
  it('re-ranking: softmax over each row\'s own candidates of logit + alpha * prior, unused slots masked', () => {
    const candidates = { tokens: Int32Array.from([2, 4, 1, 3, 1, 0]), values: Float32Array.from([0.5, -0.2, 1, 0.3, 0.9, 0]), mask: Float32Array.from([0, 0, 0, 0, 0, -1e9]), targetColumn: Int32Array.from([1, 0]) };
    const alpha = 0.7;
    const expected =
      [0, 1]
        .map((p) => {
          const logits = [0, 1, 2].flatMap((j) => (candidates.mask[p * 3 + j]! < 0 ? [] : [dot(p, candidates.tokens[p * 3 + j]!) + alpha * candidates.values[p * 3 + j]!]));
          return lse(logits) - logits[candidates.targetColumn[p]!]!;
        })
        .reduce((a, b) => a + b, 0) / 2;
    const loss = tf.tidy(() => candidateSoftmaxLoss(tf.tensor2d(states), tf.tensor2d(table), candidates, tf.scalar(alpha)).arraySync() as number);
    expect(loss).toBeCloseTo(expected, 5);
  });
});

describe('reshelf train --prior-config (tiny fixture)', () => {
  const data = writeChainDataset(join(root, 'chain'));
  const prior = { config: mergeFusionConfig({}), training: DEFAULT_TRAINING_OPTIONS, folds: 3, top: 10, configPath: 'default' };

  it('learns alpha, reports it, keeps it out of the saved weights, and resumes with it from the checkpoint', async () => {
    const out = join(root, 'resid');
    const lines: string[] = [];
    const report = await runTraining(tinyTrainingOptions(data, out, { epochs: 3, prior, log: (line) => lines.push(line) }));
    expect(report.prior?.alpha).toBeDefined();
    expect(Math.abs(report.prior!.alpha - 1)).toBeGreaterThan(1e-3);
    expect(report.prior!.scale).toBeGreaterThan(0);
    // The default fusion alone already finds the chain's next item (transitions): the prior is informative.
    expect(report.prior!.validNdcg10Prior).toBeGreaterThan(0.3);
    expect(report.history.every((h) => typeof h.alpha === 'number' && typeof h.validNdcg10Model === 'number')).toBe(true);
    const written = JSON.parse(readFileSync(join(out, 'training-report.json'), 'utf8')) as TrainingReport;
    expect(written.prior?.alpha).toBe(report.prior!.alpha);
    // The model directory holds the ordinary SASRec weights only.
    const files = readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'training-report.json');
    for (const f of files) expect(readFileSync(join(out, f), 'utf8')).not.toContain('prior_alpha');
    const state = JSON.parse(readFileSync(join(out, 'checkpoint', 'state.json'), 'utf8')) as { prior: { alpha: number } };
    expect(state.prior.alpha).toBeCloseTo(report.history.at(-1)!.alpha!, 6);
    expect(existsSync(join(out, 'checkpoint', 'prior.json'))).toBe(true);

    const resumed: string[] = [];
    const more = await runTraining(tinyTrainingOptions(data, out, { epochs: 4, prior, log: (line) => resumed.push(line) }));
    expect(resumed.some((l) => l.startsWith('prior: read from'))).toBe(true);
    expect(resumed.some((l) => l.startsWith('resumed from'))).toBe(true);
    expect(more.history).toHaveLength(4);
    // Another prior is refused by the checkpoint.
    await expect(runTraining(tinyTrainingOptions(data, out, { epochs: 5, prior: { ...prior, top: 5 } }))).rejects.toThrow(/another classical prior/);
  }, 120_000);

  it('--prior-loss top trains on each position\'s prior top only, says so in the report, and a resume must keep it', async () => {
    const out = join(root, 'rerank');
    const report = await runTraining(tinyTrainingOptions(data, out, { epochs: 3, prior: { ...prior, loss: 'top' } }));
    expect(report.prior?.loss).toBe('top');
    expect(Math.abs(report.prior!.alpha - 1)).toBeGreaterThan(1e-3);
    // The chain's next item is in the default fusion's top 10, so rows are kept and the loss is finite.
    expect(report.history.every((h) => Number.isFinite(h.loss) && h.loss > 0)).toBe(true);
    expect(report.validNdcg10).toBeGreaterThan(0.3);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { userDefinedMetadata: { training: { loss: string } } };
    expect(model.userDefinedMetadata.training.loss).toBe('rerank-softmax-prior-top10');
    await expect(runTraining(tinyTrainingOptions(data, out, { epochs: 4, prior }))).rejects.toThrow(/made with --prior-loss top/);
    await expect(runTraining(tinyTrainingOptions(data, join(root, 'rerank-hard'), { epochs: 1, hardNegatives: 2, prior: { ...prior, loss: 'top' } }))).rejects.toThrow(/--hard-negatives cannot be combined with --prior-loss top/);
  }, 120_000);

  it('CLI: a missing --prior-config, bad JSON or bad --prior-folds give clear errors', async () => {
    const base = { format: 's3rec', model: 'sasrec', backend: 'wasm', 'init-items': 'random', out: join(root, 'cli'), epochs: '1', 'prior-folds': '4', 'prior-top': '200' };
    await expect(trainCommand.run({ positionals: [data], values: { ...base, 'prior-config': join(root, 'nope.json') } })).rejects.toThrow(/--prior-config .*nope\.json: cannot read the file \(ENOENT\)/);
    await expect(trainCommand.run({ positionals: [data], values: { ...base, 'prior-config': join(data, 'Chain.txt') } })).rejects.toThrow(/--prior-config .*Chain\.txt: not valid JSON/);
    await expect(trainCommand.run({ positionals: [data], values: { ...base, 'prior-config': join(data, 'Chain_item2attributes.json'), 'prior-folds': '1' } })).rejects.toThrow(/--prior-folds must be a whole number >= 2/);
    await expect(trainCommand.run({ positionals: [data], values: { ...base, 'prior-training': join(data, 'Chain_item2attributes.json') } })).rejects.toThrow(/--prior-training needs --prior-config/);
    await expect(trainCommand.run({ positionals: [data], values: { ...base, 'prior-loss': 'top' } })).rejects.toThrow(/--prior-loss top needs --prior-config/);
    await expect(trainCommand.run({ positionals: [data], values: { ...base, 'prior-loss': 'rank' } })).rejects.toThrow(/--prior-loss must be catalog or top \(got "rank"\)/);
  });
});
