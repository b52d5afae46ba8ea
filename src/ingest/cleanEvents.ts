import type { CleaningRuleReport } from '../catalog/bundleManifest.js';
import type { EventType } from '../datasets/dataset.js';
import { eventTypeOf } from './eventTypes.js';

/** One events row after parsing: fields absent when the row left them empty. */
export interface ParsedEvent {
  user?: string;
  item?: string;
  /** The event name as exported (e.g. `add_to_cart`). */
  name?: string;
  /** Milliseconds since the epoch. */
  time?: number;
  value?: number;
}

/** An event every rule accepted. */
export interface CleanEvent {
  user: string;
  item: string;
  type: EventType;
  time: number;
}

export interface CleaningOptions {
  /** Events before this time (ms) are `out-of-range-timestamp`. */
  minTime: number;
  /** Events after this time (ms) are `out-of-range-timestamp`. */
  maxTime: number;
  /** A user with more than this many events in one UTC day is a bot: all their events go (`bot-user`). */
  botMaxEventsPerDay: number;
  /** At most this many events of one user within `burstSeconds`; the excess goes (`burst`). */
  burstMax: number;
  burstSeconds: number;
}

const DAY_MS = 86_400_000;

export const DEFAULT_CLEANING_OPTIONS: Omit<CleaningOptions, 'maxTime'> = {
  minTime: Date.UTC(2000, 0, 1),
  botMaxEventsPerDay: 1000,
  burstMax: 10,
  burstSeconds: 10,
};

/**
 * The event cleaning rules, applied in this order, each counting what it removed (also when 0):
 * 1. `event-missing-fields`: user_id, item_id, event or timestamp empty;
 * 2. `unsupported-event`: an event name reshelf does not know (see eventTypes.ts);
 * 3. `out-of-range-timestamp`: before `minTime` or after `maxTime`;
 * 4. `unknown-item`: an item id not among the kept items (also items removed by the item rules);
 * 5. `exact-duplicate`: a row identical to an earlier one (user, item, event, timestamp, value);
 * 6. `bot-user`: every event of a user with more than `botMaxEventsPerDay` events in one UTC day;
 * 7. `burst`: a user's events beyond `burstMax` within any `burstSeconds` window (the earliest are kept).
 * Kept events come back in input order. Pure: no I/O, so each rule is tested on its own.
 */
export function cleanEvents(events: Iterable<ParsedEvent>, knownItems: ReadonlySet<string>, options: CleaningOptions): { kept: CleanEvent[]; rules: CleaningRuleReport[]; unsupportedNames: string[] } {
  let missing = 0;
  let unsupported = 0;
  let outOfRange = 0;
  let unknown = 0;
  let duplicates = 0;
  const unsupportedNames = new Set<string>();
  const seen = new Set<string>();
  const stage: CleanEvent[] = [];
  for (const e of events) {
    if (e.user === undefined || e.item === undefined || e.name === undefined || e.time === undefined) {
      missing++;
      continue;
    }
    const type = eventTypeOf(e.name);
    if (!type) {
      unsupported++;
      if (unsupportedNames.size < 20) unsupportedNames.add(e.name);
      continue;
    }
    if (e.time < options.minTime || e.time > options.maxTime) {
      outOfRange++;
      continue;
    }
    if (!knownItems.has(e.item)) {
      unknown++;
      continue;
    }
    const key = JSON.stringify([e.user, e.item, e.name, e.time, e.value ?? null]);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    stage.push({ user: e.user, item: e.item, type, time: e.time });
  }

  // Per-user passes: bots first (they would otherwise dominate the burst count), then bursts.
  const byUser = new Map<string, number[]>();
  stage.forEach((e, p) => {
    let list = byUser.get(e.user);
    if (!list) byUser.set(e.user, (list = []));
    list.push(p);
  });
  const drop = new Uint8Array(stage.length);
  let botEvents = 0;
  let botUsers = 0;
  let burst = 0;
  const windowMs = options.burstSeconds * 1000;
  for (const positions of byUser.values()) {
    const perDay = new Map<number, number>();
    let bot = false;
    for (const p of positions) {
      const day = Math.floor(stage[p]!.time / DAY_MS);
      const count = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, count);
      if (count > options.botMaxEventsPerDay) bot = true;
    }
    if (bot) {
      botUsers++;
      botEvents += positions.length;
      for (const p of positions) drop[p] = 1;
      continue;
    }
    const byTime = positions.slice().sort((a, b) => stage[a]!.time - stage[b]!.time || a - b);
    const window: number[] = [];
    let head = 0;
    for (const p of byTime) {
      const time = stage[p]!.time;
      while (head < window.length && window[head]! <= time - windowMs) head++;
      if (window.length - head >= options.burstMax) {
        drop[p] = 1;
        burst++;
        continue;
      }
      window.push(time);
    }
  }
  const kept = stage.filter((_, p) => drop[p] === 0);
  const rules: CleaningRuleReport[] = [
    { rule: 'event-missing-fields', unit: 'events', removed: missing, description: 'events with an empty user_id, item_id, event or timestamp' },
    { rule: 'unsupported-event', unit: 'events', removed: unsupported, description: `events whose name is not a view, click, cart or purchase synonym${unsupportedNames.size ? ` (seen: ${[...unsupportedNames].join(', ')})` : ''}` },
    { rule: 'out-of-range-timestamp', unit: 'events', removed: outOfRange, description: 'events before the earliest or after the latest accepted time', thresholds: { minTime: new Date(options.minTime).toISOString(), maxTime: new Date(options.maxTime).toISOString() } },
    { rule: 'unknown-item', unit: 'events', removed: unknown, description: 'events for item ids not in the (cleaned) items file' },
    { rule: 'exact-duplicate', unit: 'events', removed: duplicates, description: 'rows identical to an earlier row (user, item, event, timestamp, value)' },
    { rule: 'bot-user', unit: 'events', removed: botEvents, users: botUsers, description: 'all events of users with more events in one UTC day than a person makes', thresholds: { botMaxEventsPerDay: options.botMaxEventsPerDay } },
    { rule: 'burst', unit: 'events', removed: burst, description: "a user's events beyond the burst limit within the burst window (the earliest are kept)", thresholds: { burstMax: options.burstMax, burstSeconds: options.burstSeconds } },
  ];
  return { kept, rules, unsupportedNames: [...unsupportedNames] };
}
