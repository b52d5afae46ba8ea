import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import { items, startWorker } from './onlineFusion.fixture.js';

/**
 * Card impressions (the embed's card-view tracker, GA4 view_item_list) are stored but are not interest: they
 * must not move the ranking, or the profile would drift toward whatever the shop showed (a feedback loop).
 * The worker as the page drives it, in node with memory storage (catalog: onlineFusion.fixture.ts, 90 items in
 * 6 departments, sku-i in department i % 6).
 */
afterEach(() => vi.unstubAllGlobals());

const LIMIT_MS = 60_000;
const T0 = Date.parse('2026-11-01T10:00:00Z');
/** A shopper's real interest: Garden items (departments repeat every 6 skus). */
const interest: StoredEvent[] = [
  { type: 'click', itemId: 'sku-0', time: T0 },
  { type: 'add_to_cart', itemId: 'sku-6', time: T0 + 1_000 },
  { type: 'view', itemId: 'sku-12', time: T0 + 2_000 },
];
/** A long scroll through Kitchen listings afterwards: 600 cards shown (more than the worker's 500-event window). */
const shown = (type: StoredEvent['type']): StoredEvent[] =>
  Array.from({ length: 600 }, (_, n) => ({ type, itemId: `sku-${1 + 6 * (n % 15)}`, time: T0 + 10_000 + n }));
const candidates = items.map((i) => i.id).filter((_, i) => i % 3 === 0);

async function rankAfter(events: StoredEvent[]): Promise<{ items: string[]; scores: number[]; personalised: boolean }> {
  const service = await startWorker({ onlineLearning: false });
  await service.track(events);
  const { items: order, scores, personalised } = await service.rank({ candidates });
  return { items: order, scores, personalised };
}

describe('card impressions in the worker', () => {
  it('do not move the ranking, even when they outnumber the ranking window (the same events as views do)', { timeout: LIMIT_MS }, async () => {
    const interestOnly = await rankAfter(interest);
    expect(interestOnly.personalised).toBe(true);
    const withImpressions = await rankAfter([...interest, ...shown('impression')]);
    expect(withImpressions.items).toEqual(interestOnly.items);
    expect(withImpressions.personalised).toBe(true);
    // Same scores up to float32 rounding: each worker measures and picks its own scoring backend, whose sums
    // may differ in the last bit (seen in CI: 2.173107862 vs 2.173107624).
    expect(withImpressions.scores).toHaveLength(interestOnly.scores.length);
    withImpressions.scores.forEach((score, i) => {
      const expected = interestOnly.scores[i]!;
      if (Number.isFinite(expected)) expect(score).toBeCloseTo(expected, 5);
      else expect(score).toBe(expected);
    });
    // The test can fail: counted as views, the same cards take over the profile.
    const asViews = await rankAfter([...interest, ...shown('view')]);
    expect(asViews.items).not.toEqual(interestOnly.items);
  });

  it('alone leave the shopper a new shopper (the order is the non-personalised one)', { timeout: LIMIT_MS }, async () => {
    const service = await startWorker({ onlineLearning: false });
    await service.track(shown('impression'));
    const ranked = await service.rank({ candidates });
    expect(ranked.personalised).toBe(false);
    expect(ranked.items).toEqual((await service.rank({ candidates, ignoreHistory: true })).items);
  });

  it('are stored and exported, but stay out of the portable profile', { timeout: LIMIT_MS }, async () => {
    const service = await startWorker({ onlineLearning: false });
    await service.track([...interest, ...shown('impression').slice(0, 5)]);
    const exported = await service.exportData();
    expect(exported.events.filter((e) => e.type === 'impression')).toHaveLength(5);
    const profile = await service.exportProfile();
    expect(profile.items.map((i) => i.id).sort()).toEqual(['sku-0', 'sku-12', 'sku-6']);
  });
});
