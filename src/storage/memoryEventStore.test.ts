import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from './memoryEventStore.js';

describe('MemoryEventStore', () => {
  it('stores keyed events once, like the IndexedDB store', async () => {
    const store = new MemoryEventStore();
    const e = { type: 'click' as const, itemId: 'a', time: 1, dedupeKey: '1.000:1' };
    expect(await store.append([e, e])).toEqual({ added: 1, duplicates: 1, droppedForQuota: 0 });
    expect(await store.append([{ type: 'view', itemId: 'a', time: 1 }, { type: 'view', itemId: 'a', time: 1 }])).toMatchObject({ added: 2 });
    expect(await store.count()).toBe(3);
  });

  it('drops the oldest first and destroy() leaves nothing', async () => {
    const store = new MemoryEventStore();
    await store.append([0, 1, 2, 3].map((i) => ({ type: 'view' as const, itemId: `i${i}`, time: i })));
    expect(await store.dropOldest(2)).toBe(2);
    expect((await store.all()).map((e) => e.itemId)).toEqual(['i2', 'i3']);
    await store.setMeta('k', 1);
    await store.destroy();
    expect([await store.count(), await store.getMeta('k')]).toEqual([0, undefined]);
  });

  it('keeps impressions under their own cap, like the IndexedDB store; recent() can skip them', async () => {
    const store = new MemoryEventStore();
    const shown = (n: number) => ({ type: 'impression' as const, itemId: `shown${n}`, time: 100 + n });
    await store.append([{ type: 'click', itemId: 'liked', time: 0 }, ...[0, 1, 2, 3, 4].map(shown), { type: 'view', itemId: 'seen', time: 200 }]);
    expect(await store.applyRetention({ maxEvents: 5, maxAgeDays: 180, maxImpressions: 2 }, 200)).toBe(3);
    expect((await store.all()).map((e) => e.itemId)).toEqual(['liked', 'shown3', 'shown4', 'seen']);
    expect((await store.recent(2, (e) => e.type !== 'impression')).map((e) => e.itemId)).toEqual(['liked', 'seen']);
  });
});
