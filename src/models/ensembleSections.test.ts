import { describe, expect, it } from 'vitest';
import type { CatalogModel, SequenceModelSection } from '../catalog/catalogModel.js';
import { ensembleSections } from './ensembleSections.js';
import { scoreSequenceModel, sequenceQueryKey } from './sequenceQueries.js';

function section(kind: string, codes: number[], scales: number[], query: number[], maxLen = 5): SequenceModelSection {
  const dim = codes.length / scales.length;
  return {
    kind,
    maxLen,
    itemTable: { dtype: 'int8', count: scales.length, dim, codes: Int8Array.from(codes), scales: Float32Array.from(scales) },
    queries: new Map([[sequenceQueryKey([0]), Float32Array.from(query)]]),
  };
}

function logits(s: SequenceModelSection): number[] {
  const out = new Float32Array(s.itemTable.count);
  expect(scoreSequenceModel({ sequenceModel: s } as unknown as CatalogModel, { events: [{ item: 0 }] }, out)).toBe(true);
  return Array.from(out);
}

describe('ensembleSections: several models as one signal scoring the sum of their logits', () => {
  // Member scales differ (1 and 0.5), so a concatenation that ignored them, or kept one member's, would fail.
  const a = section('sasrec', [2, 0, 0, 1, 1, 1], [1, 1, 1], [1, 0.5]);
  const b = section('sasrec', [4, 2, -2, 0, 10, 6], [0.5, 0.5, 0.5], [0.25, -1]);

  it('scores each item by the sum of the members\' logits (within int8 requantisation error)', () => {
    const sum = logits(a).map((x, i) => x + logits(b)[i]!);
    const merged = ensembleSections([a, b]);
    expect(merged.itemTable.dim).toBe(4);
    expect(merged.kind).toBe('sasrec');
    logits(merged).forEach((x, i) => expect(x).toBeCloseTo(sum[i]!, 1));
    expect(logits(merged)).not.toEqual(logits(a));
  });

  it('a single member is returned as it is', () => {
    expect(ensembleSections([a])).toBe(a);
  });

  it('refuses members that read different history lengths or item counts', () => {
    expect(() => ensembleSections([a, section('gru', [1, 1, 1, 1, 1, 1], [1, 1, 1], [1, 1], 10)])).toThrow(/history length/);
    expect(() => ensembleSections([a, section('gru', [1, 1], [1], [1, 1])])).toThrow(/item table rows/);
  });

  it('drops a history some member has no user vector for, so the signal abstains there', () => {
    const lacking = { ...b, queries: new Map<string, Float32Array>() };
    expect(ensembleSections([a, lacking]).queries.size).toBe(0);
  });

  it('names a mixed ensemble by its kinds', () => {
    expect(ensembleSections([a, { ...b, kind: 'gru' }]).kind).toBe('sasrec+gru');
  });
});
