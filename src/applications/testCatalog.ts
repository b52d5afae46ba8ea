import type { CatalogModel, ItemAttributes } from '../catalog/catalogModel.js';

/** A small hand-made catalog for the applications' unit tests (not shipped: only *.test.ts import it). */
export function testCatalog(items: (ItemAttributes & { id: string; count?: number; firstSeen?: number })[]): CatalogModel {
  return {
    version: 'test',
    ids: items.map((i) => i.id),
    attributes: items.map(({ id: _id, count: _count, firstSeen: _first, ...attributes }) => attributes),
    popularity: {
      counts: Float32Array.from(items, (i) => i.count ?? 0),
      decayed: Float32Array.from(items, (i) => i.count ?? 0),
      firstSeen: Float64Array.from(items, (i) => i.firstSeen ?? Number.NaN),
    },
  };
}

/** An interest distribution given by hand: item index -> probability. */
export function interestOf(entries: [number, number][]): { items: Int32Array; probabilities: Float64Array } {
  return { items: Int32Array.from(entries, ([i]) => i), probabilities: Float64Array.from(entries, ([, p]) => p) };
}
