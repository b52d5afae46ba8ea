import { describe, expect, it } from 'vitest';
import { buildBundle, DEFAULT_BUNDLE_BUILD_OPTIONS, type BundleBuildOptions } from './buildBundle.js';
import { eventsDatasetFromRecords } from './loadEventsDataset.js';
import { DEFAULT_CLEANING_OPTIONS } from './cleanEvents.js';
import type { VectorTable } from '../catalog/catalogModel.js';

const T = DEFAULT_BUNDLE_BUILD_OPTIONS.training;
const SMALL: BundleBuildOptions = {
  ...DEFAULT_BUNDLE_BUILD_OPTIONS,
  training: { ...T, content: { ...T.content, dim: 8 }, als: { ...T.als, factors: 4, iterations: 3 }, prototypes: { ...T.prototypes, clusters: 2, minUsers: 2 } },
};

function cosine(table: VectorTable, a: number, b: number): number {
  const row = (i: number) => Array.from({ length: table.dim }, (_, d) => (table.dtype === 'float32' ? table.values[i * table.dim + d]! : table.codes[i * table.dim + d]! * table.scales[i]!));
  const [x, y] = [row(a), row(b)];
  const dot = x.reduce((s, v, d) => s + v * y[d]!, 0);
  return dot / (Math.hypot(...x) * Math.hypot(...y) || 1);
}

async function dataset(titles: string[]) {
  const items = titles.map((title, i) => ({ line: i + 2, fields: { item_id: `i${i}`, title } }));
  const events = Array.from({ length: 12 }, (_, e) => ({ line: e + 2, fields: { user_id: `u${e % 4}`, item_id: `i${e % titles.length}`, event: 'view', timestamp: Date.UTC(2026, 0, 1) + e * 60_000 } }));
  const options = { timeUnit: 'auto' as const, requireItemFields: ['title'], categorySeparator: '>', skipInvalid: false, cleaning: { ...DEFAULT_CLEANING_OPTIONS, maxTime: Date.UTC(2027, 0, 1) } };
  return (await eventsDatasetFromRecords({ items, itemsSource: 'items', events, eventsSource: 'events' }, options)).dataset;
}

describe('buildBundle', () => {
  it('splits Chinese and Japanese titles into words for content vectors (Intl.Segmenter)', async () => {
    // Items 0 and 1 share the words 玫瑰 (rose) and 面霜 (face cream); item 2 shares nothing with them.
    const titles = ['玫瑰精华面霜', '玫瑰保湿面霜', '不锈钢剪刀', 'ローズクリーム', 'ローズの化粧水'];
    const { model } = await buildBundle(await dataset(titles), SMALL);
    const content = model.content!;
    // TF-IDF over words: items sharing words are similar, items sharing none are orthogonal. Without word
    // segmentation each title would be one token and every pair would be orthogonal.
    expect(cosine(content, 0, 1)).toBeGreaterThan(0.15);
    expect(cosine(content, 3, 4)).toBeGreaterThan(0.15);
    expect(Math.abs(cosine(content, 0, 2))).toBeLessThan(0.01);
    expect(Math.abs(cosine(content, 3, 2))).toBeLessThan(0.01);
  });

  it('leaves out skipped sections and reports the steps it ran', async () => {
    const { model, timings, files } = await buildBundle(await dataset(['a b', 'b c', 'c d']), { ...SMALL, skip: new Set(['ease', 'pearson', 'prototypes', 'content']) });
    expect(model.neighbours).toEqual({ cosine: expect.any(Object) });
    expect(model.content).toBeUndefined();
    expect(model.prototypes).toBeUndefined();
    expect(timings.map(([step]) => step)).toEqual(['popularity', 'interaction matrix', 'co-occurrence', 'cosine neighbours', 'transitions', 'CF vectors (implicit ALS)', 'write bundle']);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    expect(manifest.build.skipped.sort()).toEqual(['content', 'ease', 'pearson', 'prototypes']);
    expect(manifest.sections.popularity.decayedTo).toBe(Date.UTC(2026, 0, 1) + 11 * 60_000);
  });
});
