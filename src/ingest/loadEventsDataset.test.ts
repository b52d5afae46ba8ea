import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEventsDataset, type EventsInput } from './loadEventsDataset.js';
import { DEFAULT_CLEANING_OPTIONS } from './cleanEvents.js';
import { START, shopExport, tempDirectory, toCsv, toJsonLines } from './testing/shopExport.js';

function input(dir: string, events: string, items: string, overrides: Partial<EventsInput> = {}): EventsInput {
  return {
    eventsPath: join(dir, events),
    itemsPath: join(dir, items),
    timeUnit: 'auto',
    requireItemFields: ['title'],
    categorySeparator: '>',
    cleaning: { ...DEFAULT_CLEANING_OPTIONS, maxTime: Date.UTC(2027, 0, 1) },
    skipInvalid: false,
    ...overrides,
  };
}

const ITEMS_CSV = 'item_id,title,brand,category,price,colour\na,Rose serum,Acme,Beauty > Skin,12.5,red\nb,Hair oil,Zed,Beauty > Hair,8,\nc,Comb,Zed,Tools,3,blue\n';

describe('loadEventsDataset', () => {
  it('reads CSV: items in file order with attributes, users as time-ordered typed sequences', async () => {
    const dir = tempDirectory({
      'items.csv': ITEMS_CSV,
      'events.csv': 'user_id,item_id,event,timestamp\nu1,b,purchase,2026-01-01T10:05:00Z\nu1,a,view,2026-01-01T10:00:00Z\nu2,c,click,1767261600\nu2,a,add_to_cart,1767261660000\n',
    });
    const { dataset, cleaning } = await loadEventsDataset(input(dir, 'events.csv', 'items.csv'));
    expect(dataset.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(dataset.items[0]!.attributes).toEqual({ title: 'Rose serum', brand: 'Acme', category: ['Beauty', 'Skin'], price: 12.5, extra: { colour: 'red' } });
    expect(dataset.items[0]!.tags).toEqual(['brand:acme', 'category:beauty', 'category:beauty>skin', 'colour:red']);
    expect(dataset.items[0]!.text).toContain('Rose serum');
    const u1 = dataset.users.find((u) => u.userId === 'u1')!;
    expect(Array.from(u1.items)).toEqual([0, 1]);
    expect(u1.types).toEqual(['view', 'purchase']);
    // Epoch seconds and epoch milliseconds both read as milliseconds.
    const u2 = dataset.users.find((u) => u.userId === 'u2')!;
    expect(Array.from(u2.timestamps!)).toEqual([1767261600000, 1767261660000]);
    expect(u2.types).toEqual(['click', 'cart']);
    expect(cleaning.input).toEqual({ events: 4, items: 3 });
    expect(cleaning.kept).toEqual({ events: 4, items: 3, users: 2 });
  });

  it('reads JSON lines, with a category array and free-form attributes', async () => {
    const { items, events } = shopExport();
    const jsonItems = items.map((item) => ({ ...item, category: item.category.split(' > '), price: Number(item.price) }));
    const dir = tempDirectory({ 'items.jsonl': toJsonLines(jsonItems), 'events.jsonl': toJsonLines(events) });
    const fromJson = await loadEventsDataset(input(dir, 'events.jsonl', 'items.jsonl'));
    const csvDir = tempDirectory({ 'items.csv': toCsv(items), 'events.csv': toCsv(events) });
    const fromCsv = await loadEventsDataset(input(csvDir, 'events.csv', 'items.csv'));
    expect(fromJson.dataset.items).toEqual(fromCsv.dataset.items);
    expect(fromJson.dataset.users).toEqual(fromCsv.dataset.users);
    expect(fromJson.cleaning.kept.events).toBe(events.length);
  });

  it('applies the item rules: missing fields, invalid ids, duplicates; their events count as unknown items', async () => {
    const dir = tempDirectory({
      'items.csv': 'item_id,title\na,Serum\n,No id\nb,\n__proto__,Hostile\na,Serum again\nc,Comb\n',
      'events.csv': 'user_id,item_id,event,timestamp\nu1,a,view,2026-01-01\nu1,b,view,2026-01-02\nu1,__proto__,view,2026-01-03\n',
    });
    const { dataset, cleaning } = await loadEventsDataset(input(dir, 'events.csv', 'items.csv'));
    expect(dataset.items.map((i) => i.id)).toEqual(['a', 'c']);
    const removed = Object.fromEntries(cleaning.rules.map((r) => [r.rule, r.removed]));
    expect(removed).toMatchObject({ 'item-missing-fields': 2, 'invalid-item-id': 1, 'duplicate-item': 1, 'unknown-item': 2 });
    // Without required fields, the item without a title is kept.
    const lenient = await loadEventsDataset(input(dir, 'events.csv', 'items.csv', { requireItemFields: [] }));
    expect(lenient.dataset.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  const malformed: [string, Record<string, string>, RegExp][] = [
    ['an unclosed quote', { 'events.csv': 'user_id,item_id,event,timestamp\nu1,a,view,2026-01-01\nu1,"a,view,2026-01-02\n' }, /events\.csv:\d+: malformed CSV/],
    ['a row with too many fields', { 'events.csv': 'user_id,item_id,event,timestamp\nu1,a,view,2026-01-01\nu1,a,view,2026-01-02,extra,more\n' }, /events\.csv:3: malformed CSV/],
    ['an unreadable timestamp', { 'events.csv': 'user_id,item_id,event,timestamp\nu1,a,view,2026-01-01\nu1,a,view,yesterday\n' }, /events\.csv:3: timestamp "yesterday" is neither/],
    ['a value that is not a number', { 'events.csv': 'user_id,item_id,event,timestamp,value\nu1,a,purchase,2026-01-01,ten\n' }, /events\.csv:2: value "ten" is not a number/],
    ['a missing column', { 'events.csv': 'user,item_id,event,timestamp\nu1,a,view,2026-01-01\n' }, /events\.csv:1: missing column "user_id"/],
    ['a JSON line that is not JSON', { 'events.jsonl': '{"user_id":"u1","item_id":"a","event":"view","timestamp":1767261600}\n{"user_id":\n' }, /events\.jsonl:2: not valid JSON/],
    ['a JSON line that is an array', { 'events.jsonl': '["u1","a"]\n' }, /events\.jsonl:1: each line must be a JSON object/],
    ['a price that is not a number', { 'events.csv': 'user_id,item_id,event,timestamp\n', 'items.csv': 'item_id,title,price\na,Serum,cheap\n' }, /items\.csv:2: price "cheap" is not a number/],
  ];
  for (const [what, files, message] of malformed) {
    it(`stops on ${what} with file and line`, async () => {
      const dir = tempDirectory({ 'items.csv': ITEMS_CSV, ...files });
      const eventsFile = Object.keys(files).find((f) => f.startsWith('events'))!;
      await expect(loadEventsDataset(input(dir, eventsFile, 'items.csv'))).rejects.toThrow(message);
    });
  }

  it('counts malformed rows as invalid-row under --skip-invalid and keeps the rest', async () => {
    const dir = tempDirectory({
      'items.csv': 'item_id,title,price\na,Serum,12\nb,Oil,cheap\n',
      'events.csv': 'user_id,item_id,event,timestamp\nu1,a,view,2026-01-01\nu1,a,view,yesterday\nu1,a,click,2026-01-01,x\nu2,a,view,2026-01-02\n',
    });
    const { dataset, cleaning } = await loadEventsDataset(input(dir, 'events.csv', 'items.csv', { skipInvalid: true }));
    const invalid = cleaning.rules.find((r) => r.rule === 'invalid-row')!;
    expect(invalid.removed).toBe(3);
    expect(invalid.description).toMatch(/items\.csv:3: price "cheap"/);
    expect(invalid.description).toMatch(/events\.csv:3: timestamp "yesterday"/);
    expect(dataset.users.map((u) => u.items.length)).toEqual([1, 1]);
    // Input totals include the skipped rows of each file; every input row is kept or counted by one rule.
    expect(cleaning.input).toEqual({ events: 4, items: 2 });
    const removedEvents = cleaning.rules.filter((r) => r.unit === 'events').reduce((sum, r) => sum + r.removed, 0);
    expect(cleaning.kept.events + removedEvents + 2).toBe(cleaning.input.events);
  });

  it('reads the shop export fixture with its defaults untouched by the cleaning rules', async () => {
    const { items, events } = shopExport();
    const dir = tempDirectory({ 'items.csv': toCsv(items), 'events.csv': toCsv(events) });
    const { cleaning } = await loadEventsDataset(input(dir, 'events.csv', 'items.csv'));
    expect(cleaning.rules.every((r) => r.removed === 0)).toBe(true);
    expect(cleaning.kept.events).toBe(events.length);
    expect(START).toBeLessThan(Date.UTC(2027, 0, 1));
  });
});
