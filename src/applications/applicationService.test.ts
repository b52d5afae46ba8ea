import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import { createApplicationService } from './applicationService.js';
import { testCatalog } from './testCatalog.js';

const DAY = 86_400_000;
function setup() {
  const model = testCatalog([
    { id: 'k1', brand: 'Acme', category: ['Home', 'Kitchen'], price: 20, count: 5, firstSeen: 90 * DAY },
    { id: 'k2', brand: 'Acme', category: ['Home', 'Kitchen'], price: 30, count: 1, firstSeen: 99 * DAY },
    { id: 'k3', brand: 'Acme', category: ['Home', 'Kitchen'], price: 25, count: 1, firstSeen: 20 * DAY },
    { id: 't1', brand: 'Toyo', category: ['Toys'], price: 15, count: 9, firstSeen: 10 * DAY },
    { id: 't2', brand: 'Toyo', category: ['Toys'], price: 25, count: 2, firstSeen: 98 * DAY },
  ]);
  model.coupons = [
    { id: 'acme', shops: ['Acme'], categories: [], minSpend: 0, percentOff: 10, validFrom: 0, validUntil: 200 * DAY },
    { id: 'old', shops: ['Toyo'], categories: [], minSpend: 0, amountOff: 5, validFrom: 0, validUntil: 50 * DAY },
  ];
  const history: StoredEvent[] = [];
  const stored: StoredEvent[][] = [];
  const service = createApplicationService({
    catalog: () => model,
    history: () => history,
    store: async (events) => {
      stored.push(events);
      history.push(...events);
    },
  });
  return { service, history, stored };
}

describe('application service (worker side)', () => {
  it('answers shops, coupons and new arrivals from the in-memory history', async () => {
    const { service, history } = setup();
    history.push({ type: 'click', itemId: 'k1', time: 1 });
    const shops = await service.shops({ limit: 2 });
    expect(shops.personalised).toBe(true);
    expect(shops.shops.map((s) => s.shop)).toEqual(['Acme', 'Toyo']);
    const coupons = await service.coupons({ now: 100 * DAY });
    expect(coupons.coupons.map((c) => c.coupon.id)).toEqual(['acme']);
    // A page coupon is validated and ranked with the bundle's.
    const withPage = await service.coupons({ now: 100 * DAY, coupons: [{ id: 'toys', shops: ['Toyo'], categories: [], minSpend: 0, amountOff: 1, validFrom: 0, validUntil: 200 * DAY }] });
    expect(withPage.coupons.map((c) => c.coupon.id).sort()).toEqual(['acme', 'toys']);
    await expect(service.coupons({ coupons: [{ id: '' } as never] })).rejects.toThrow(/COUPON_INVALID/);
    const arrivals = await service.newArrivals({ windowDays: 5 });
    expect(arrivals.items).toEqual(['k2', 't2']);
    expect((await service.shops({ candidates: ['Toyo', 'Nope'] })).shops.map((s) => s.shop)).toEqual(['Toyo']);
  });

  it('stores an imported profile only through a confirmed, single-use preview token', async () => {
    const { service, history, stored } = setup();
    history.push({ type: 'purchase', itemId: 't2', time: 5 });
    const profile = await service.exportProfile();
    history.length = 0;
    const preview = await service.previewProfileImport(JSON.stringify(profile));
    expect(stored).toEqual([]);
    expect(preview.events).toBeGreaterThan(0);
    await expect(service.applyProfileImport('made-up')).rejects.toThrow(/CONFIRMATION_REQUIRED/);
    expect((await service.applyProfileImport(preview.token)).imported).toBe(preview.events);
    expect(stored.flat().map((e) => e.itemId)).toContain('t2');
    await expect(service.applyProfileImport(preview.token)).rejects.toThrow(/CONFIRMATION_REQUIRED/);
    await expect(service.previewProfileImport('{"format":"x"}')).rejects.toThrow(/PROFILE_INVALID/);
  });
});
