import type { CleaningReport } from '../catalog/bundleManifest.js';
import type { Dataset, UserSequence } from '../datasets/dataset.js';
import { cleanEvents, type CleanEvent, type CleaningOptions, type ParsedEvent } from './cleanEvents.js';
import { IngestError, InvalidRows } from './ingestError.js';
import { numberField, textField, timestampField, type TimeUnit } from './fieldValues.js';
import { cleanItemRecords } from './readItems.js';
import { detectRecordFormat, readRecords, type InputRecord, type RecordFormat } from './readRecords.js';

export interface EventsInput {
  eventsPath: string;
  itemsPath: string;
  /** Detected from the file extension when absent. */
  eventsFormat?: RecordFormat;
  itemsFormat?: RecordFormat;
  timeUnit: TimeUnit;
  requireItemFields: readonly string[];
  categorySeparator: string;
  cleaning: CleaningOptions;
  /** Count malformed rows (`invalid-row`) instead of stopping at the first. */
  skipInvalid: boolean;
}

export const EVENT_COLUMNS = ['user_id', 'item_id', 'event', 'timestamp'] as const;

function formatOf(path: string, given: RecordFormat | undefined): RecordFormat {
  const format = given ?? detectRecordFormat(path);
  if (!format) throw new IngestError(path, 0, 'cannot tell CSV from JSON lines by the file name; name it .csv/.tsv/.jsonl or pass the format option');
  return format;
}

/**
 * A shop's export (events + items files) as a Dataset, with the cleaning report. Malformed rows throw an
 * IngestError naming file and line, unless `skipInvalid`, which counts them as the `invalid-row` rule.
 */
export async function loadEventsDataset(input: EventsInput): Promise<{ dataset: Dataset; cleaning: CleaningReport }> {
  const invalid = input.skipInvalid ? new InvalidRows() : undefined;
  const onInvalid = invalid && ((e: IngestError) => invalid.add(e));
  return eventsDatasetFromRecords(
    {
      items: readRecords(input.itemsPath, formatOf(input.itemsPath, input.itemsFormat), ['item_id'], onInvalid),
      itemsSource: input.itemsPath,
      events: readRecords(input.eventsPath, formatOf(input.eventsPath, input.eventsFormat), EVENT_COLUMNS, onInvalid),
      eventsSource: input.eventsPath,
    },
    input,
    invalid,
  );
}

/** Rows from any source, e.g. the demo shop's generated catalog and log kept in memory. */
export interface EventsRecords {
  items: AsyncIterable<InputRecord> | Iterable<InputRecord>;
  itemsSource: string;
  events: AsyncIterable<InputRecord> | Iterable<InputRecord>;
  eventsSource: string;
}

/** The same parsing and cleaning as loadEventsDataset, over records instead of files. */
export async function eventsDatasetFromRecords(
  records: EventsRecords,
  input: Omit<EventsInput, 'eventsPath' | 'itemsPath' | 'eventsFormat' | 'itemsFormat'>,
  invalid = input.skipInvalid ? new InvalidRows() : undefined,
): Promise<{ dataset: Dataset; cleaning: CleaningReport }> {
  const itemsRead = await cleanItemRecords(records.items, records.itemsSource, {
    requireFields: input.requireItemFields,
    categorySeparator: input.categorySeparator,
    ...(invalid ? { invalid } : {}),
  });
  const events: ParsedEvent[] = [];
  for await (const record of records.events) {
    try {
      events.push(parseEvent(record.fields, input.timeUnit));
    } catch (error) {
      const problem = new IngestError(records.eventsSource, record.line, (error as Error).message);
      if (!invalid) throw problem;
      invalid.add(problem);
    }
  }
  const items = itemsRead.items;
  const cleaned = cleanEvents(events, new Set(items.map((item) => item.id)), input.cleaning);
  const users = toSequences(cleaned.kept, new Map(items.map((item, i) => [item.id, i])));
  const rules = [
    ...(invalid ? [{ rule: 'invalid-row', unit: 'rows' as const, removed: invalid.count, description: `malformed rows skipped by --skip-invalid${invalid.examples.length ? `; first: ${invalid.examples.join(' | ')}` : ''}` }] : []),
    ...itemsRead.rules,
    ...cleaned.rules,
  ];
  const cleaning: CleaningReport = {
    input: { events: events.length + (invalid?.byFile.get(records.eventsSource) ?? 0), items: itemsRead.rows + (invalid?.byFile.get(records.itemsSource) ?? 0) },
    kept: { events: cleaned.kept.length, items: items.length, users: users.length },
    rules,
  };
  const name = records.eventsSource.split(/[\\/]/).pop() ?? 'events';
  return { dataset: { name, items, users }, cleaning };
}

function parseEvent(fields: Record<string, unknown>, unit: TimeUnit): ParsedEvent {
  const event: ParsedEvent = {};
  const user = textField(fields.user_id);
  const item = textField(fields.item_id);
  const name = textField(fields.event);
  const time = timestampField(fields.timestamp, unit);
  const value = numberField(fields.value, 'value');
  if (user !== undefined) event.user = user;
  if (item !== undefined) event.item = item;
  if (name !== undefined) event.name = name;
  if (time !== undefined) event.time = time;
  if (value !== undefined) event.value = value;
  return event;
}

/** Each user's kept events in time order (ties in file order); users in order of first appearance. */
function toSequences(events: readonly CleanEvent[], indexOf: ReadonlyMap<string, number>): UserSequence[] {
  const byUser = new Map<string, CleanEvent[]>();
  for (const e of events) {
    let list = byUser.get(e.user);
    if (!list) byUser.set(e.user, (list = []));
    list.push(e);
  }
  const users: UserSequence[] = [];
  for (const [userId, list] of byUser) {
    // Array.prototype.sort is stable, so equal times keep file order.
    list.sort((a, b) => a.time - b.time);
    users.push({
      userId,
      items: Int32Array.from(list, (e) => indexOf.get(e.item)!),
      types: list.map((e) => e.type),
      timestamps: Float64Array.from(list, (e) => e.time),
    });
  }
  return users;
}
