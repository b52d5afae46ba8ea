import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { evalCommand } from '../cli/commands/eval.js';
import { parseS3Rec } from '../datasets/s3rec.js';
import { leaveOneOut } from '../datasets/split.js';
import { buildCatalogModel, DEFAULT_TRAINING_OPTIONS } from '../training/buildCatalogModel.js';
import { CUTOFFS } from '../eval/metrics.js';
import { shopsEntries, withS3RecBrands } from './shopsEvalEntries.js';

// An S3-Rec dataset by hand. Attribute lists: brand first (10, 11, 12), then categories; 1 and 3 are the level-1
// categories (they follow a brand), so item 6 ([1, 2]) has no brand.
const ATTRIBUTES = { '1': [10, 1, 2], '2': [10, 1], '3': [11, 3], '4': [11, 3, 2], '5': [12, 1], '6': [1, 2] };
// Test targets (last items): 4 (brand 11), 1 (brand 10), 6 (no brand: skipped), 5 (brand 12), 3 (brand 11).
const SEQUENCES = ['u1 1 3 4', 'u2 3 5 1', 'u3 2 1 6', 'u4 4 4 5', 'u5 1 2 3'].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'reshelf-shops-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runEval(extra: Record<string, string>, out: string): Promise<{ metrics: Record<string, Record<string, number>>; shopsTask?: Record<string, unknown> }> {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'Tiny.txt'), SEQUENCES);
  writeFileSync(join(data, 'Tiny_item2attributes.json'), JSON.stringify(ATTRIBUTES));
  const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await evalCommand.run({ positionals: [data], values: { format: 's3rec', out: join(dir, out), split: 'test', budget: '60', folds: '1', 'tune-users': '6000', ...extra } })).toBe(0);
  } finally {
    log.mockRestore();
  }
  return JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8'));
}

describe('shops entries of reshelf eval (issue 12)', () => {
  it('infers the brands from the S3-Rec attribute order and keeps everything else of the item', () => {
    const dataset = parseS3Rec('Tiny', SEQUENCES, JSON.stringify(ATTRIBUTES));
    const branded = withS3RecBrands(dataset.items)!;
    expect(Object.fromEntries(branded.brands.brandOf)).toEqual({ '1': 10, '2': 10, '3': 11, '4': 11, '5': 12 });
    expect(branded.items.map((i) => i.attributes.brand)).toEqual(['brand 10', 'brand 10', 'brand 11', 'brand 11', 'brand 12', undefined]);
    expect(branded.items[3]!.attributes.category).toEqual(['attribute 3', 'attribute 2']);
    expect(branded.items.map((i) => i.tags)).toEqual(dataset.items.map((i) => i.tags));
    // Another format (no attribute ids) has no shop task.
    expect(withS3RecBrands(dataset.items.map((i) => ({ ...i, attributes: {} })))).toBeUndefined();
  });

  it('adds shops, shops-pop and shops-history to report.json with the item entries\' HR/NDCG cutoffs', async () => {
    const report = await runEval({}, 'all');
    const itemKeys = Object.keys(report.metrics.pop!).filter((k) => /^(HR|NDCG)@/.test(k));
    expect(itemKeys).toEqual(['HR@5', 'NDCG@5', 'HR@10', 'NDCG@10', 'HR@20', 'NDCG@20']);
    for (const name of ['shops', 'shops-pop', 'shops-history']) expect(Object.keys(report.metrics[name]!)).toEqual(itemKeys);
    expect(report.shopsTask).toMatchObject({ users: 4, skippedWithoutShop: 1, shops: 3, itemsWithBrand: 5 });
    // Training sequences [1 3] [3 5] [2 1] [4 4] [1 2]: brand 10 bought 5 times, 11 four times, 12 once. Targets
    // 11, 10, 12, 11 sit at popularity ranks 1, 0, 2, 1: every k >= 3 hits; NDCG = mean of 1 / log2(rank + 2).
    const ndcg = (2 / Math.log2(3) + 1 + 1 / Math.log2(4)) / 4;
    for (const k of [5, 10, 20]) {
      expect(report.metrics['shops-pop']![`HR@${k}`]).toBe(1);
      expect(report.metrics['shops-pop']![`NDCG@${k}`]).toBeCloseTo(ndcg, 12);
    }
  }, 60_000);

  it('measures the same with the item evaluation\'s model passed in as when it builds its own (branded) one', () => {
    const dataset = parseS3Rec('Tiny', SEQUENCES, JSON.stringify(ATTRIBUTES));
    const model = buildCatalogModel(dataset.items, leaveOneOut(dataset, 'test').train, DEFAULT_TRAINING_OPTIONS);
    const built = shopsEntries(dataset, { split: 'test', ks: CUTOFFS })!;
    const reused = shopsEntries(dataset, { split: 'test', ks: CUTOFFS, model })!;
    expect(reused.metrics).toEqual(built.metrics);
    expect({ ...reused.summary, seconds: 0 }).toEqual({ ...built.summary, seconds: 0 });
    // The passed model keeps its own attributes (the shop task works on a copy with the brands swapped in).
    expect(model.attributes).toEqual(dataset.items.map((i) => i.attributes));
  });

  it('leaves the shop task out when --methods picks item methods', async () => {
    const report = await runEval({ methods: 'pop' }, 'pop-only');
    expect(Object.keys(report.metrics)).toEqual(['pop']);
    expect(report.shopsTask).toBeUndefined();
  }, 60_000);
});
