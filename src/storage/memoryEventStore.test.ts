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
});
