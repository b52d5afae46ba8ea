import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/loadDataset.js';
import { DEFAULT_TRAINING_OPTIONS } from '../training/buildCatalogModel.js';
import { evaluate } from './evaluate.js';
import { resolveMethods } from './methods.js';

const BEAUTY = new URL('../../../shared/datasets/amazon-beauty', import.meta.url).pathname;

// Popularity needs no other section: building only it keeps this check to a few seconds.
const POPULARITY_ONLY = {
  ...DEFAULT_TRAINING_OPTIONS,
  sections: { content: false, cf: false, neighbours: false, pearson: false, ease: false, transitions: false, prototypes: false },
};

describe.skipIf(!existsSync(BEAUTY))('protocol check on Amazon Beauty (quality-protocol.md)', () => {
  it('pop-leaky reproduces the published PopRec row and pop gives the leak-free figures', () => {
    const dataset = loadDataset(BEAUTY, 's3rec');
    expect(dataset.users.length).toBe(22363);
    expect(dataset.items.length).toBe(12101);
    const result = evaluate(dataset, { split: 'test', methods: resolveMethods(['pop', 'pop-leaky']), training: POPULARITY_ONLY });
    const leaky = result.methods['pop-leaky']!.metrics;
    const published = { 'HR@5': 0.008, 'NDCG@5': 0.0044, 'HR@10': 0.0152, 'NDCG@10': 0.0068, 'HR@20': 0.0217, 'NDCG@20': 0.0084 };
    for (const [key, value] of Object.entries(published)) expect(leaky[key]!.toFixed(4), key).toBe(value.toFixed(4));
    const pop = result.methods.pop!.metrics;
    expect(pop['HR@10']!.toFixed(4)).toBe('0.0135');
    expect(pop['NDCG@10']!.toFixed(4)).toBe('0.0061');
  }, 120_000);
});
