import { describe, expect, it } from 'vitest';
import { cleanEvents, type CleaningOptions, type ParsedEvent } from './cleanEvents.js';

const T0 = Date.UTC(2026, 5, 1, 12);
const OPTIONS: CleaningOptions = { minTime: Date.UTC(2020, 0, 1), maxTime: Date.UTC(2027, 0, 1), botMaxEventsPerDay: 50, burstMax: 3, burstSeconds: 10 };
const ITEMS = new Set(['i1', 'i2', 'i3']);

function event(overrides: Partial<ParsedEvent> = {}, minutes = 0): ParsedEvent {
  return { user: 'u1', item: 'i1', name: 'view', time: T0 + minutes * 60_000, ...overrides };
}

function removedBy(events: ParsedEvent[], options = OPTIONS) {
  const result = cleanEvents(events, ITEMS, options);
  return { kept: result.kept, removed: Object.fromEntries(result.rules.map((r) => [r.rule, r.removed])), rules: result.rules };
}

describe('cleanEvents', () => {
  it('keeps clean events and reports every rule with 0', () => {
    const { kept, rules } = removedBy([event(), event({ item: 'i2', name: 'add_to_cart' }, 1), event({ name: 'purchase' }, 2)]);
    expect(kept.map((e) => e.type)).toEqual(['view', 'cart', 'purchase']);
    expect(rules.map((r) => [r.rule, r.removed])).toEqual([
      ['event-missing-fields', 0],
      ['unsupported-event', 0],
      ['out-of-range-timestamp', 0],
      ['unknown-item', 0],
      ['exact-duplicate', 0],
      ['bot-user', 0],
      ['burst', 0],
    ]);
  });

  it('event-missing-fields: an empty user, item, event or timestamp', () => {
    const { kept, removed } = removedBy([event({ user: undefined }), event({ item: undefined }, 1), event({ name: undefined }, 2), event({ time: undefined }), event({}, 4)]);
    expect(removed['event-missing-fields']).toBe(4);
    expect(kept).toHaveLength(1);
  });

  it('unsupported-event: names that are no view/click/cart/purchase synonym; GA4 and Segment names pass', () => {
    const { kept, removed, rules } = removedBy([event({ name: 'remove_from_cart' }), event({ name: 'Product Added' }, 1), event({ name: 'select_item' }, 2), event({ name: 'wishlist_share' }, 3)]);
    expect(removed['unsupported-event']).toBe(2);
    expect(kept.map((e) => e.type)).toEqual(['cart', 'click']);
    expect(rules[1]!.description).toContain('remove_from_cart');
  });

  it('out-of-range-timestamp: before minTime or after maxTime', () => {
    const { kept, removed } = removedBy([event({ time: Date.UTC(1999, 0, 1) }), event({ time: Date.UTC(2030, 0, 1) }), event()]);
    expect(removed['out-of-range-timestamp']).toBe(2);
    expect(kept).toHaveLength(1);
  });

  it('unknown-item: item ids not in the items file', () => {
    const { kept, removed } = removedBy([event({ item: 'nope' }), event({ item: 'i3' }, 1)]);
    expect(removed['unknown-item']).toBe(1);
    expect(kept.map((e) => e.item)).toEqual(['i3']);
  });

  it('exact-duplicate: only identical rows (a different value or second is another event)', () => {
    const { kept, removed } = removedBy([event({ value: 5 }), event({ value: 5 }), event({ value: 6 }), event({ time: T0 + 1000 })]);
    expect(removed['exact-duplicate']).toBe(1);
    expect(kept).toHaveLength(3);
  });

  it('bot-user: all events of a user over the daily limit, other users untouched', () => {
    const bot = Array.from({ length: 51 }, (_, i) => event({ user: 'bot' }, i * 2));
    const { kept, removed, rules } = removedBy([...bot, event({ user: 'human' })]);
    expect(removed['bot-user']).toBe(51);
    expect(rules.find((r) => r.rule === 'bot-user')!.users).toBe(1);
    expect(kept.map((e) => e.user)).toEqual(['human']);
    // 50 in one day is allowed; 50 spread over two days as well.
    expect(removedBy(bot.slice(0, 50)).removed['bot-user']).toBe(0);
  });

  it('burst: events beyond burstMax inside burstSeconds; the earliest are kept', () => {
    const second = (s: number, item = 'i1') => event({ time: T0 + s * 1000, item });
    // 5 events within 4 s: the first 3 stay. Then one 20 s later: the window has moved on, so it stays.
    const { kept, removed } = removedBy([second(0), second(1, 'i2'), second(2, 'i3'), second(3), second(4, 'i2'), second(24)]);
    expect(removed.burst).toBe(2);
    expect(kept.map((e) => (e.time - T0) / 1000)).toEqual([0, 1, 2, 24]);
    // Exactly burstMax events in the window is not a burst.
    expect(removedBy([second(0), second(1, 'i2'), second(2, 'i3'), second(10)]).removed.burst).toBe(0);
  });
});
