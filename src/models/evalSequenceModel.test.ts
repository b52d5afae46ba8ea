import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../cli/commands/eval.js';
import { loadDataset } from '../datasets/loadDataset.js';
import { encodeSequence } from './encodeSequence.js';
import { sequenceModelForSplit } from './evalSequenceModel.js';
import { disposeModel } from './modelArtifacts.js';
import { readModelDirectory } from './modelDirectory.js';
import { runTraining, type RunTrainingOptions } from './runTraining.js';
import { sequenceQueryKey } from './sequenceQueries.js';
import { tinyTrainingOptions, writeChainDataset } from './trainFixture.js';

const root = mkdtempSync(join(tmpdir(), 'reshelf-eval-model-'));
const data = writeChainDataset(join(root, 'data'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function options(out: string, extra: Partial<RunTrainingOptions> = {}): RunTrainingOptions {
  return tinyTrainingOptions(data, join(root, out), extra);
}

type Report = {
  metrics: Record<string, Record<string, number>>;
  config: { weights: Record<string, number> };
  sequenceModel?: { kind: string; training: { heldOutTail: number }; testModel?: { dir: string; training: { heldOutTail: number } } };
};
const evalArgs = { format: 's3rec', split: 'test', budget: '60', folds: '1', 'tune-users': '6000' };

describe('reshelf eval --model (tiny fixture model)', () => {
  beforeAll(async () => {
    await runTraining(options('sasrec'));
    await runTraining(options('shipped', { epochs: 1, holdout: 0 }));
    await runTraining(options('refit', { epochs: 2, holdout: 1 }));
    await runTraining(options('seed2', { seed: 2 }));
  }, 240_000);

  it('batched encoding in eval gives the user vectors the one-history encoder (the worker path) gives', async () => {
    const model = readModelDirectory(join(root, 'sasrec'));
    const dataset = loadDataset(data, 's3rec');
    const section = await sequenceModelForSplit(model, dataset, 'test');
    // One vector per distinct history (chain users often share one): 98 distinct of 160 here.
    expect(section.queries.size).toBeGreaterThan(50);
    for (const user of dataset.users.slice(0, 12)) {
      const items = Array.from(user.items.subarray(0, user.items.length - 1)).slice(-10);
      const batched = section.queries.get(sequenceQueryKey(items))!;
      const single = encodeSequence(model, items);
      for (let d = 0; d < single.length; d++) expect(batched[d]).toBeCloseTo(single[d]!, 4);
    }
    disposeModel(model);
  }, 60_000);

  it('reports the model under its kind, learns the chain, and tuning gives it a fusion weight', async () => {
    const out = join(root, 'report');
    const code = await evalCommand.run({ positionals: [data], values: { ...evalArgs, out, model: join(root, 'sasrec'), methods: 'pop,sasrec,fused', tune: 'random', budget: '8' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(Object.keys(report.metrics)).toEqual(['pop', 'sasrec', 'fused', 'fused-without-sasrec']);
    // The chain's next item is fully predictable: random ranking of 40 items gives NDCG@10 ~ 0.07.
    expect(report.metrics.sasrec!['NDCG@10']).toBeGreaterThan(0.5);
    expect(report.metrics.sasrec!['NDCG@10']).toBeGreaterThan(report.metrics.pop!['NDCG@10']! * 3);
    expect(report.config.weights.model).toBeGreaterThan(0);
    expect(report.sequenceModel?.kind).toBe('sasrec');
    expect(report.sequenceModel?.training.heldOutTail).toBe(2);
  }, 120_000);

  it('--model-scores probabilities: the signal ranks by the model\'s softmax (same order as the logits alone), recorded in the report', async () => {
    const out = join(root, 'probabilities');
    const code = await evalCommand.run({ positionals: [data], values: { ...evalArgs, out, model: join(root, 'sasrec'), 'model-scores': 'probabilities', methods: 'sasrec' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report & { sequenceModel?: { scores?: string } };
    expect(report.sequenceModel?.scores).toBe('probabilities');
    // exp is monotone: the model alone ranks exactly as with logits (the report above, same model and split).
    const logits = JSON.parse(readFileSync(join(root, 'report', 'report.json'), 'utf8')) as Report;
    expect(report.metrics.sasrec!['NDCG@10']).toBeCloseTo(logits.metrics.sasrec!['NDCG@10']!, 6);
    const bad = evalCommand.run({ positionals: [data], values: { ...evalArgs, out: join(root, 'bad-scores'), model: join(root, 'sasrec'), 'model-scores': 'softmax', methods: 'sasrec' } });
    await expect(bad).rejects.toThrow(/--model-scores must be logits or probabilities/);
  }, 60_000);

  it('refuses a model that saw the test targets, with the code and what to do', async () => {
    const run = evalCommand.run({ positionals: [data], values: { ...evalArgs, out: join(root, 'refused'), model: join(root, 'shipped'), methods: 'pop' } });
    await expect(run).rejects.toThrow(/MODEL_SAW_TEST_TARGETS.*--holdout 2/);
  }, 60_000);

  it('--test-model: the refit (holdout 1) scores the test split, the holdout-2 model is tuned on validation', async () => {
    const out = join(root, 'refit-report');
    const code = await evalCommand.run({ positionals: [data], values: { ...evalArgs, out, model: join(root, 'sasrec'), 'test-model': join(root, 'refit'), methods: 'pop,sasrec,fused', tune: 'random', budget: '4' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.sequenceModel?.training.heldOutTail).toBe(2);
    expect(report.sequenceModel?.testModel?.training.heldOutTail).toBe(1);
    expect(report.sequenceModel?.testModel?.dir).toBe(join(root, 'refit'));
    // A different model scored the test split: its figure is not the holdout-2 model's one from the report above.
    const plain = JSON.parse(readFileSync(join(root, 'report', 'report.json'), 'utf8')) as Report;
    expect(report.metrics.sasrec!['NDCG@10']).not.toBe(plain.metrics.sasrec!['NDCG@10']);
  }, 120_000);

  it('refuses a refit as --model for tuning (it saw the validation targets) and a shipped model as --test-model', async () => {
    const tuneOnRefit = evalCommand.run({ positionals: [data], values: { ...evalArgs, out: join(root, 'refused-refit'), model: join(root, 'refit'), methods: 'pop', tune: 'random', budget: '2' } });
    await expect(tuneOnRefit).rejects.toThrow(/MODEL_SAW_TEST_TARGETS.*valid targets/);
    const shippedAsTest = evalCommand.run({ positionals: [data], values: { ...evalArgs, out: join(root, 'refused-test'), model: join(root, 'sasrec'), 'test-model': join(root, 'shipped'), methods: 'pop' } });
    await expect(shippedAsTest).rejects.toThrow(/MODEL_SAW_TEST_TARGETS.*test targets/);
  }, 60_000);

  it('--model a,b: an ensemble, one signal scoring the sum of both models\' logits, each member in the report', async () => {
    const out = join(root, 'ensemble');
    const code = await evalCommand.run({ positionals: [data], values: { ...evalArgs, out, model: `${join(root, 'sasrec')},${join(root, 'seed2')}`, methods: 'sasrec' } });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report & { sequenceModel?: { dim: number; members?: { dir: string }[] } };
    expect(report.sequenceModel?.members?.map((m) => m.dir)).toEqual([join(root, 'sasrec'), join(root, 'seed2')]);
    expect(report.sequenceModel?.dim).toBe(32);
    expect(report.metrics.sasrec!['NDCG@10']).toBeGreaterThan(0.5);
    // Not the first member alone: the second model's logits moved the ranking somewhere.
    const plain = JSON.parse(readFileSync(join(root, 'report', 'report.json'), 'utf8')) as Report;
    expect(report.metrics.sasrec!['MRR@20']).not.toBe(plain.metrics.sasrec!['MRR@20']);
    const unpaired = evalCommand.run({ positionals: [data], values: { ...evalArgs, out: join(root, 'unpaired'), model: `${join(root, 'sasrec')},${join(root, 'seed2')}`, 'test-model': join(root, 'refit'), methods: 'pop' } });
    await expect(unpaired).rejects.toThrow(/--test-model names 1 model\(s\), --model 2/);
  }, 120_000);

  it('train --max-minutes stops before an epoch that would end after the budget, keeping the best epoch', async () => {
    const lines: string[] = [];
    const report = await runTraining(options('budget', { epochs: 8, patience: 10, maxMinutes: 1e-6, log: (l) => lines.push(l) }));
    expect(report.history).toHaveLength(1);
    expect(report.bestEpoch).toBe(1);
    expect(lines.some((l) => l.startsWith('time budget:') && l.includes('stopping before epoch 2'))).toBe(true);
  }, 60_000);
});
