import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/loadDataset.js';
import { DEFAULT_CONTENT_OPTIONS, buildContentVectors } from '../training/contentVectors.js';
import { tinyTrainingOptions, writeChainDataset } from './trainFixture.js';
import { assertModelMayScore } from './heldOutData.js';
import { disposeModel } from './modelArtifacts.js';
import { readModelDirectory } from './modelDirectory.js';
import { readTensors } from './weightFiles.js';
import { runTraining, type RunTrainingOptions } from './runTraining.js';
import type { SequenceModelKind } from './modelSpec.js';

const root = mkdtempSync(join(tmpdir(), 'reshelf-train-'));
const data = writeChainDataset(join(root, 'data'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function options(kind: SequenceModelKind, out: string, extra: Partial<RunTrainingOptions> = {}): RunTrainingOptions {
  return tinyTrainingOptions(data, join(root, out), {
    kind,
    model: { dim: 16, maxLen: 10, dropout: 0, blocks: 1, heads: 2, caserWindow: 3, caserHorizontal: 4, caserVertical: 2 },
    test: true,
    ...extra,
  });
}

describe('reshelf train (tiny fixture, wasm backend)', () => {
  it('sasrec learns the chain, writes a model, and scores the test split from the int8 files', async () => {
    const report = await runTraining(options('sasrec', 'sasrec'));
    // Random ranking of 40 items gives NDCG@10 ~ 0.07; the chain is fully predictable.
    expect(report.validNdcg10).toBeGreaterThan(0.5);
    expect(report.test!.ndcg[10]).toBeGreaterThan(0.5);
    const model = readModelDirectory(join(root, 'sasrec'));
    expect(model.training.heldOutTail).toBe(2);
    expect(model.itemTable.codes.length).toBe(40 * 16);
    const onDisk = JSON.parse(readFileSync(join(root, 'sasrec', 'training-report.json'), 'utf8')) as { history: unknown[] };
    expect(onDisk.history.length).toBe(report.history.length);
    disposeModel(model);
  }, 60_000);

  it.each(['gru', 'caser'] as const)('%s trains with full and sampled softmax and beats random ranking', async (kind) => {
    const sampled = await runTraining(options(kind, `${kind}-sampled`, { epochs: 6, test: false }));
    expect(sampled.validNdcg10).toBeGreaterThan(0.3);
    const full = await runTraining(options(kind, `${kind}-full`, { epochs: 3, negatives: 0, test: false }));
    expect(full.validNdcg10).toBeGreaterThan(0.15);
  }, 60_000);

  it('resumes from its checkpoint exactly where an uninterrupted run would be', async () => {
    const straight = await runTraining(options('gru', 'straight', { epochs: 4, patience: 10, test: false }));
    await runTraining(options('gru', 'resumed', { epochs: 2, patience: 10, test: false }));
    const lines: string[] = [];
    const resumed = await runTraining(options('gru', 'resumed', { epochs: 4, patience: 10, test: false, log: (l) => lines.push(l) }));
    expect(lines.some((l) => l.startsWith('resumed from') && l.includes('after epoch 2'))).toBe(true);
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    for (let e = 0; e < 4; e++) expect(resumed.history[e]!.loss).toBeCloseTo(straight.history[e]!.loss, 4);
  }, 60_000);

  it('--init-items content starts the item embedding from the items\' content vectors (random rows otherwise)', async () => {
    const dataset = loadDataset(data, 's3rec');
    const content = buildContentVectors(dataset.items, { ...DEFAULT_CONTENT_OPTIONS, dim: 16 });
    if (content.dtype !== 'float32') throw new Error('float32 content expected');
    // One epoch at a negligible learning rate: the written table is (almost) the initial one.
    const cosines = async (out: string, extra: Partial<RunTrainingOptions>) => {
      const lines: string[] = [];
      const report = await runTraining(options('sasrec', out, { epochs: 1, learningRate: 1e-7, test: false, log: (l) => lines.push(l), ...extra }));
      const model = readModelDirectory(join(root, out));
      const { codes, scales } = model.itemTable;
      const result = Array.from({ length: 40 }, (_, i) => {
        let dot = 0;
        let a = 0;
        let b = 0;
        for (let j = 0; j < 16; j++) {
          const x = codes[i * 16 + j]! * scales[i]!;
          const y = content.values[i * 16 + j]!;
          dot += x * y;
          a += x * x;
          b += y * y;
        }
        return dot / Math.sqrt(a * b);
      });
      disposeModel(model);
      return { result, report, lines };
    };
    const fromContent = await cosines('init-content', { initItems: 'content' });
    expect(Math.min(...fromContent.result)).toBeGreaterThan(0.98);
    expect(fromContent.report.options.initItems).toBe('content');
    expect(fromContent.lines.some((l) => l.startsWith('item embedding initialised from content vectors (16 dimensions, 40 of 40 items'))).toBe(true);
    const random = await cosines('init-random', {});
    expect(Math.max(...random.result.map(Math.abs))).toBeLessThan(0.98);
    expect(random.report.options.initItems).toBeUndefined();
  }, 60_000);

  it('--content-tower trains E + content x W (content wider than the model) and saves the sum as an ordinary item table', async () => {
    const trained = await runTraining(options('sasrec', 'tower', { contentTower: 24, test: false }));
    expect(trained.validNdcg10).toBeGreaterThan(0.5);
    expect(trained.options.contentTower).toBe(24);
    // Without validation the last epoch is kept, so the checkpoint's E and W are the saved model's.
    const lines: string[] = [];
    await runTraining(options('sasrec', 'tower-last', { contentTower: 24, epochs: 3, holdout: 1, test: false, log: (l) => lines.push(l) }));
    expect(lines.some((l) => l.startsWith('content tower over content vectors (24 dimensions, 40 of 40 items'))).toBe(true);
    const dataset = loadDataset(data, 's3rec');
    const content = buildContentVectors(dataset.items, { ...DEFAULT_CONTENT_OPTIONS, dim: 24 });
    if (content.dtype !== 'float32') throw new Error('float32 content expected');
    const saved = readTensors(join(root, 'tower-last', 'checkpoint'), 'params');
    const e = saved.item_embedding!.dataSync();
    const w = saved.content_projection!.dataSync();
    expect(saved.content_projection!.shape).toEqual([24, 16]);
    const model = readModelDirectory(join(root, 'tower-last'));
    let worst = 0;
    let towerPart = 0;
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 16; j++) {
        let cw = 0;
        for (let k = 0; k < 24; k++) cw += content.values[i * 24 + k]! * w[k * 16 + j]!;
        const expected = e[(i + 1) * 16 + j]! + cw;
        const written = model.itemTable.codes[i * 16 + j]! * model.itemTable.scales[i]!;
        worst = Math.max(worst, Math.abs(written - expected) / (model.itemTable.scales[i]! * 128));
        towerPart = Math.max(towerPart, Math.abs(cw));
      }
    }
    expect(worst).toBeLessThan(0.01); // int8 rounding: at most half a step of the row's range
    expect(towerPart).toBeGreaterThan(0.01); // the content part is not negligible
    disposeModel(model);
    Object.values(saved).forEach((t) => t.dispose());
    await expect(runTraining(options('sasrec', 'tower-last', { epochs: 4, holdout: 1, test: false }))).rejects.toThrow(/with a 24-dimensional content tower/);
  }, 60_000);

  it('cold-item split: withholds the cold items, records them, and compares content, linear and GAN', async () => {
    const report = await runTraining(options('sasrec', 'cold', { epochs: 3, test: false, coldItems: 0.2 }));
    const model = readModelDirectory(join(root, 'cold'));
    expect(model.training.heldOutItems).toHaveLength(8);
    const cold = report.cold!;
    expect(cold.coldItems).toBe(8);
    expect(cold.users).toBeGreaterThan(0);
    for (const method of ['content', 'linear', 'gan'] as const) {
      expect(cold.amongColdItems[method].users).toBe(cold.users);
      expect(cold.amongColdItems[method].hr[20]).toBeGreaterThanOrEqual(cold.amongColdItems[method].hr[5]!);
    }
    disposeModel(model);
  }, 60_000);

  it('eval refuses a model that saw the test targets or another dataset', async () => {
    const lines: string[] = [];
    await runTraining(options('caser', 'shipped', { epochs: 1, holdout: 0, test: false, log: (l) => lines.push(l) }));
    // Trained on everything: the log says there was no validation instead of printing a 0.0000 score.
    expect(lines.some((l) => l.startsWith('epoch 1/1') && l.includes('no validation'))).toBe(true);
    expect(lines.some((l) => l.includes('last epoch 1, no validation'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/valid NDCG@10 0\.0000/);
    const model = readModelDirectory(join(root, 'shipped'));
    const dataset = loadDataset(data, 's3rec');
    expect(() => assertModelMayScore(model.training, dataset, 'test')).toThrow(/MODEL_SAW_TEST_TARGETS|saw the test targets/);
    const other = loadDataset(writeChainDataset(join(root, 'other'), 100, 40, 9), 's3rec');
    const trained = readModelDirectory(join(root, 'sasrec'));
    expect(() => assertModelMayScore(trained.training, other, 'test')).toThrow(/not on this dataset/);
    expect(() => assertModelMayScore(trained.training, dataset, 'test')).not.toThrow();
    disposeModel(model);
    disposeModel(trained);
  }, 60_000);
});
