import { describe, expect, it } from 'vitest';
import type { CatalogModel, SequenceModelSection } from '../catalog/catalogModel.js';
import { logitsToProbabilities, scoreSequenceModel, sequenceQueryKey } from './sequenceQueries.js';

/** A 3-item, 2-d int8 table (scale 1) and one user vector for the history [0]. */
function catalog(scores?: SequenceModelSection['scores']): CatalogModel {
  const section: SequenceModelSection = {
    kind: 'sasrec',
    maxLen: 5,
    itemTable: { dtype: 'int8', count: 3, dim: 2, codes: Int8Array.from([2, 0, 0, 1, 1, 1]), scales: Float32Array.from([1, 1, 1]) },
    queries: new Map([[sequenceQueryKey([0]), Float32Array.from([1, 0.5])]]),
    ...(scores ? { scores } : {}),
  };
  return { sequenceModel: section } as unknown as CatalogModel;
}

describe('the model signal: logits or probabilities', () => {
  const history = { events: [{ item: 0 }] };

  it('logits (default) are the dot products of the user vector with the item rows', () => {
    const out = new Float32Array(3);
    expect(scoreSequenceModel(catalog(), history, out)).toBe(true);
    expect(Array.from(out)).toEqual([2, 0.5, 1.5]);
  });

  it('probabilities are exp(logit - max): same order, top item 1, ratios exp(logit difference)', () => {
    const out = new Float32Array(3);
    expect(scoreSequenceModel(catalog('probabilities'), history, out)).toBe(true);
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(Math.exp(-1.5), 6);
    expect(out[2]).toBeCloseTo(Math.exp(-0.5), 6);
  });

  it('abstains without a user vector for the history, whatever the scores', () => {
    expect(scoreSequenceModel(catalog('probabilities'), { events: [{ item: 1 }] }, new Float32Array(3))).toBe(false);
  });

  it('logitsToProbabilities leaves an all -Infinity row alone', () => {
    const row = Float32Array.from([-Infinity, -Infinity]);
    logitsToProbabilities(row);
    expect(Array.from(row)).toEqual([-Infinity, -Infinity]);
  });
});
