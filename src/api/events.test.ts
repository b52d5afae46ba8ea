import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, isInterest, normaliseEvent, type EventType } from './events.js';

describe('normaliseEvent', () => {
  it('fills in the time and keeps a valid value', () => {
    expect(normaliseEvent({ type: 'purchase', itemId: 'sku-1', value: 2 }, 1000)).toEqual({ event: { type: 'purchase', itemId: 'sku-1', time: 1000, value: 2 } });
  });
  it.each([
    [null, 'object'],
    [{ type: 'like', itemId: 'x' }, 'not one of'],
    [{ type: 'view', itemId: '' }, 'itemId'],
    [{ type: 'view', itemId: 42 }, 'itemId'],
    [{ type: 'view', itemId: 'x', time: Number.NaN }, 'time'],
    [{ type: 'view', itemId: 'x', value: 'big' }, 'value'],
  ])('explains what is wrong with %j', (input, message) => {
    const result = normaliseEvent(input, 0);
    expect('error' in result && result.error).toContain(message);
  });
});

describe('isInterest', () => {
  it('counts every known type but impression', () => {
    expect(EVENT_TYPES.filter((type) => isInterest({ type }))).toEqual(['view', 'click', 'dwell', 'add_to_cart', 'purchase']);
  });
  it('ignores a type from a newer release (a tab of the next release can write one during a deploy)', () => {
    expect(isInterest({ type: 'wishlist' as EventType })).toBe(false);
  });
});
