import { describe, expect, it } from 'vitest';
import type { DatasetItem, UserSequence } from '../../datasets/dataset.js';
import { buildCatalogModel } from '../../training/buildCatalogModel.js';
import { fuseScores } from '../combine.js';
import { DEFAULT_FUSION_CONFIG } from '../defaultConfig.js';
import type { FusionConfig } from '../fusionConfig.js';
import { computeSignals, exclusionMask, rankCatalog } from '../rankCatalog.js';
import { fusionWeights, scaleFusionWeights, signalContributions } from './signalContributions.js';

// Three departments of twelve items; shoppers mostly stay in one, sometimes cross (so CF and content disagree).
const items: DatasetItem[] = Array.from({ length: 36 }, (_, i) => {
  const dept = ['Garden', 'Kitchen', 'Toys'][i % 3]!;
  return { id: `i${i}`, attributes: { title: `${dept} thing ${i}`, category: [dept] }, text: `${dept} thing ${i % 5}`, tags: [dept] };
});
const users: UserSequence[] = Array.from({ length: 60 }, (_, u) => ({ userId: `u${u}`, items: Int32Array.from([u % 36, (u * 7 + 3) % 36, (u * 5 + 1) % 36, (u * 11 + 2) % 36]) }));
const model = { ...buildCatalogModel(items, users), version: 'test' };
const shopper = { events: [{ item: 1, type: 'click' as const }, { item: 4, type: 'view' as const }, { item: 7, type: 'cart' as const }] };

const configs: [string, FusionConfig][] = [
  ['weighted (zscore)', DEFAULT_FUSION_CONFIG],
  ['weighted (minmax)', { ...DEFAULT_FUSION_CONFIG, normalization: 'minmax' }],
  ['stacked', { ...DEFAULT_FUSION_CONFIG, method: 'stacked' }],
  ['borda', { ...DEFAULT_FUSION_CONFIG, method: 'borda', voteDepth: 10 }],
  ['rrf', { ...DEFAULT_FUSION_CONFIG, method: 'rrf', voteDepth: 10 }],
];

describe('signal contributions (what the online learner models)', () => {
  for (const [name, config] of configs) {
    it(`sum of weight x contribution is the fused score (${name})`, () => {
      const signals = computeSignals(model, shopper, config);
      const mask = exclusionMask(model, shopper, config);
      const fused = fuseScores(signals, config, shopper.events.length, mask, model.ids.length);
      const shown = [0, 2, 3, 5, 8, 13, 21, 34];
      const { signals: names, weights, contributions } = signalContributions(signals, config, shopper.events.length, mask, shown);
      expect(names.length).toBeGreaterThan(2);
      shown.forEach((item, k) => {
        const modelled = contributions[k]!.reduce((sum, x, s) => sum + weights[s]! * x, 0);
        // Voting methods add 1e-6 x normalised popularity as a tie-break, which the learner leaves out.
        expect(modelled).toBeCloseTo(fused[item]!, config.method === 'borda' || config.method === 'rrf' ? 5 : 3);
      });
    });
  }

  it('multipliers of 1 leave the ranking unchanged, a stacked model included', () => {
    for (const [name, config] of configs) {
      const scaled = scaleFusionWeights(config, shopper.events.length, {});
      expect(rankCatalog(model, shopper, scaled, { explain: false }).items, name).toEqual(rankCatalog(model, shopper, config, { explain: false }).items);
    }
  });

  it('multiplies each weight by its multiplier', () => {
    const scaled = scaleFusionWeights(DEFAULT_FUSION_CONFIG, 3, { content: 2, pop: 0.5 });
    const base = fusionWeights(DEFAULT_FUSION_CONFIG, 3);
    expect(scaled.weights.content).toBeCloseTo(2 * base.get('content')!, 12);
    expect(scaled.weights.pop).toBeCloseTo(0.5 * base.get('pop')!, 12);
    expect(scaled.weights.cf).toBe(base.get('cf'));
  });
});
