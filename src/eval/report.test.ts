import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION_CONFIG } from '../fusion/defaultConfig.js';
import { DEFAULT_TRAINING_OPTIONS } from '../training/buildCatalogModel.js';
import { mergedMethodOrder, qualityTable, writeReport, type EvalReport } from './report.js';

function report(dataset: string, ndcg: number): EvalReport {
  const metrics = { 'HR@5': 0.05, 'NDCG@5': 0.03, 'HR@10': 0.1, 'NDCG@10': ndcg, 'MRR@10': 0.04, 'HR@20': 0.15, 'NDCG@20': 0.07 };
  return {
    dataset,
    format: 's3rec',
    split: 'test',
    users: 10,
    items: 20,
    trainInteractions: 50,
    metrics: { pop: { ...metrics, 'NDCG@10': 0.01 }, fused: metrics },
    groups: { pop: { 'history 4+': { users: 10, 'NDCG@10': 0.01 } }, fused: { 'history 4+': { users: 10, 'NDCG@10': ndcg } } },
    config: DEFAULT_FUSION_CONFIG,
    training: DEFAULT_TRAINING_OPTIONS,
    trainingMs: {},
    seconds: 1,
    command: 'reshelf eval x',
  };
}

describe('eval report', () => {
  it('the quality table is generated from the reports, one column per dataset', () => {
    const table = qualityTable([report('Beauty', 0.0654321), report('Scientific', 0.1)]);
    expect(table).toContain('| method | Beauty NDCG@10 (HR@10) | Scientific NDCG@10 (HR@10) |');
    expect(table).toContain('| fused | 0.0654 (0.1000) | 0.1000 (0.1000) |');
  });

  it('rows keep each report\'s method order; a method of one dataset only sits after its predecessor there', () => {
    expect(mergedMethodOrder([['pop', 'content', 'fused', 'shops'], ['pop', 'content', 'prototypes', 'contentKnn', 'fused']])).toEqual(['pop', 'content', 'prototypes', 'contentKnn', 'fused', 'shops']);
    const beauty = report('Beauty', 0.06);
    const scientific = report('Scientific', 0.1);
    scientific.metrics = { pop: scientific.metrics.pop!, contentKnn: scientific.metrics.fused!, fused: scientific.metrics.fused! };
    const rows = qualityTable([beauty, scientific]).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| method'));
    expect(rows.map((l) => l.split(' | ')[0])).toEqual(['| pop', '| contentKnn', '| fused']);
    expect(rows[1]).toContain('| – |');
  });

  it('writes report.json, report.md and the SVG charts it links', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reshelf-report-'));
    writeReport(dir, report('Beauty', 0.06));
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'ndcg-at-k.svg', 'hr-at-k.svg', 'ndcg-by-history.svg']));
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    for (const svg of files.filter((f) => f.endsWith('.svg'))) {
      expect(md).toContain(`](${svg})`);
      expect(readFileSync(join(dir, svg), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).metrics.fused['NDCG@10']).toBe(0.06);
  });
});
