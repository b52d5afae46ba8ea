import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import type { DatasetItem, UserSequence } from '../datasets/dataset.js';
import { buildCatalogModel } from '../training/buildCatalogModel.js';
import { rankCandidates } from './rankCandidates.js';

// Two departments of ten items each; shoppers stay inside one department, and item 0 / item 10 are the
// bestsellers of theirs. The model is built by the same training code `reshelf build` uses.
const items: DatasetItem[] = Array.from({ length: 20 }, (_, i) => {
  const dept = i < 10 ? 'Outdoors' : 'Kitchen';
  const noun = i < 10 ? 'tent' : 'pan';
  return { id: `${dept[0]}${i}`, attributes: { title: `${dept} ${noun} ${i}`, category: [dept] }, text: `${dept} ${noun}`, tags: [dept] };
});
const users: UserSequence[] = [];
for (let u = 0; u < 40; u++) {
  const base = u % 2 === 0 ? 0 : 10;
  const seq = [base, base + 1 + (u % 9), base + 1 + ((u + 3) % 9), base + 1 + ((u + 5) % 9)];
  users.push({ userId: `u${u}`, items: Int32Array.from(seq) });
}
const model = { ...buildCatalogModel(items, users), version: 'test' };
const ids = (range: number[]) => range.map((i) => items[i]!.id);
const outdoor = ids([1, 2, 3, 4]);
const kitchen = ids([11, 12, 13, 14]);
const event = (itemId: string, type: StoredEvent['type'] = 'click', time = 0): StoredEvent => ({ itemId, type, time });
const isOutdoor = (id: string) => id.startsWith('O');

describe('rankCandidates (fused ranking of a widget)', () => {
  it('is not personalised without history or context, and ranks every candidate', () => {
    const candidates = [...kitchen, ...outdoor];
    const out = rankCandidates(model, [], { candidates });
    expect(out.personalised).toBe(false);
    expect([...out.items].sort()).toEqual([...candidates].sort());
  });

  it('puts the department the shopper engaged with first', () => {
    const out = rankCandidates(model, [event(items[5]!.id), event(items[6]!.id)], { candidates: [...kitchen, ...outdoor] });
    expect(out.personalised).toBe(true);
    expect(out.items.slice(0, 4).every(isOutdoor)).toBe(true);
    expect(out.items.slice(4).some(isOutdoor)).toBe(false);
  });

  it('follows the most recent interest', () => {
    const history = [event(items[5]!.id, 'view', 1), event(items[6]!.id, 'view', 2), event(items[15]!.id, 'purchase', 3), event(items[16]!.id, 'add_to_cart', 4)];
    const out = rankCandidates(model, history, { candidates: [...outdoor, ...kitchen] });
    expect(out.items.slice(0, 4).some(isOutdoor)).toBe(false);
  });

  it('ignores event types of a newer release, which a tab of that release may have stored during a deploy', () => {
    const known = [event(items[5]!.id, 'view', 1), event(items[6]!.id, 'view', 2)];
    const future = [event(items[15]!.id, 'wishlist' as StoredEvent['type'], 3), event(items[16]!.id, 'wishlist' as StoredEvent['type'], 4)];
    const candidates = [...kitchen, ...outdoor];
    const withFuture = rankCandidates(model, [...known, ...future], { candidates });
    expect(withFuture.items).toEqual(rankCandidates(model, known, { candidates }).items);
    expect(withFuture.items.slice(0, 4).every(isOutdoor)).toBe(true);
    // The same two events as purchases do take over, so the comparison above can fail.
    const asPurchases = future.map((e) => ({ ...e, type: 'purchase' as const }));
    expect(rankCandidates(model, [...known, ...asPurchases], { candidates }).items.slice(0, 4).some(isOutdoor)).toBe(false);
  });

  it('uses the page context for a shopper without history', () => {
    const out = rankCandidates(model, [], { candidates: [...outdoor, ...kitchen], context: [items[17]!.id] });
    expect(out.personalised).toBe(true);
    expect(out.items.slice(0, 4).some(isOutdoor)).toBe(false);
  });

  it('explains every ranked item in plain text', () => {
    const out = rankCandidates(model, [event(items[5]!.id)], { candidates: outdoor });
    expect(out.explanations).toHaveLength(outdoor.length);
    for (const text of out.explanations) expect(text).toMatch(/\w/);
  });

  it('keeps already-seen and unknown ids after the ranked ones, in page order', () => {
    const candidates = ['zzz', outdoor[0]!, items[5]!.id, 'yyy', outdoor[1]!];
    const out = rankCandidates(model, [event(items[5]!.id)], { candidates });
    expect(out.items.slice(2)).toEqual(['zzz', items[5]!.id, 'yyy']);
    expect(out.scores.slice(2).every((s) => s === Number.NEGATIVE_INFINITY)).toBe(true);
  });

  it('accepts a partial configuration over the bundle default (a voting method)', () => {
    const history = [event(items[5]!.id)];
    const rrf = rankCandidates(model, history, { candidates: [...kitchen, ...outdoor], config: { method: 'rrf' } });
    expect(rrf.items.slice(0, 4).every(isOutdoor)).toBe(true);
    expect(() => rankCandidates(model, history, { candidates: outdoor, config: { method: 'nonsense' } })).toThrow();
  });
});
