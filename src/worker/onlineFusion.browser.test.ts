import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexedDbEventStore } from '../storage/indexedDbEventStore.js';
import { ONLINE_FUSION_META_KEY, type OnlineFusionRecord } from './onlineFusion.js';
import { shopperFollows, startWorker, widgets } from './onlineFusion.fixture.js';

/**
 * Online learning across page loads, in Chromium's IndexedDB: a click usually navigates, so the page that
 * showed a widget and the page whose worker hears of the click are different workers. The learned state and the
 * impressions live in the shopper's database (`meta`), and forget() deletes them with it.
 */
const dbName = `reshelf-online-${Math.random().toString(36).slice(2)}`;
const stores: IndexedDbEventStore[] = [];
afterEach(() => vi.unstubAllGlobals());
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

async function storedRecord(): Promise<OnlineFusionRecord | undefined> {
  const store = await IndexedDbEventStore.open(dbName);
  stores.push(store);
  return store.getMeta<OnlineFusionRecord>(ONLINE_FUSION_META_KEY);
}

describe('online fusion learning with IndexedDB', () => {
  it('learns from a click that reaches the next page, keeps its state across workers, and forget() deletes it', async () => {
    const first = await startWorker({ storage: 'indexeddb', dbName, backend: 'js' });
    const clicked = await shopperFollows(first, 'ease', 8, 3);
    const [widget] = widgets(clicked, 1, 500);
    const shown = await first.rank({ candidates: widget! });
    const learned = shown.online!.clicks;
    expect(learned).toBeGreaterThan(0);
    // The widget's impression is written in the background; the next page can only use it once it is stored.
    await vi.waitFor(async () => expect((await storedRecord())?.impressions.some((i) => i.items[0] === shown.items[0])).toBe(true));

    // The shopper clicks the fourth item and the page navigates: the click reaches the database without this
    // worker (as the page's unload rescue writes it), and the next page's worker learns from it when it starts.
    const store = await IndexedDbEventStore.open(dbName);
    stores.push(store);
    await store.append([{ type: 'click', itemId: shown.items[3]!, time: Date.now() }]);
    const second = await startWorker({ storage: 'indexeddb', dbName, backend: 'js' });
    const next = await second.rank({ candidates: widget! });
    expect(next.online!.clicks).toBe(learned + 1);
    expect((await second.exportData()).onlineFusion?.learner.clicks).toBe(learned + 1);

    await second.forget();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(dbName);
    // The first worker (another tab, say) hears of forget() and drops its learned state too.
    await vi.waitFor(async () => expect((await first.rank({ candidates: widget!, ignoreHistory: true })).online!.clicks).toBe(0));
    const third = await startWorker({ storage: 'indexeddb', dbName, backend: 'js' });
    expect((await third.rank({ candidates: widget! })).online).toMatchObject({ active: false, clicks: 0, multipliers: {} });
    await third.forget();
  }, 120_000); // a generous limit, not a timing claim (a shared 2-core machine)
});
