import type { CleaningRuleReport } from '../catalog/bundleManifest.js';
import type { ItemAttributes } from '../catalog/catalogModel.js';
import { itemIdProblem } from '../catalog/itemIds.js';
import type { DatasetItem } from '../datasets/dataset.js';
import { IngestError, type InvalidRows } from './ingestError.js';
import { numberField, textField } from './fieldValues.js';
import { readRecords, type InputRecord, type RecordFormat } from './readRecords.js';

export interface ReadItemsOptions {
  format: RecordFormat;
  /** Attributes an item must have to be kept (`item-missing-fields`); the id is always required. */
  requireFields: readonly string[];
  /** Separator of a category path given as one string, e.g. `Beauty > Skin Care > Face`. */
  categorySeparator: string;
  /** Skip (and count) malformed rows instead of stopping. */
  invalid?: InvalidRows;
}

export interface ReadItemsResult {
  items: DatasetItem[];
  /** Rows read (malformed rows skipped under --skip-invalid are not among them). */
  rows: number;
  rules: CleaningRuleReport[];
}

const KNOWN = new Set(['item_id', 'title', 'brand', 'category', 'price', 'description']);
/** Extra attributes longer than this are display text, not categorical tags. */
const MAX_TAG_LENGTH = 40;

function categoryField(value: unknown, separator: string): string[] | undefined {
  if (Array.isArray(value)) {
    const parts = value.map((v) => textField(v)).filter((v): v is string => v !== undefined);
    return parts.length > 0 ? parts : undefined;
  }
  const text = textField(value);
  if (text === undefined) return undefined;
  return text.split(separator).map((p) => p.trim()).filter((p) => p !== '');
}

/** One items row -> a dataset item (id, display attributes, text and tags for content vectors). */
function toItem(fields: Record<string, unknown>, separator: string): { id: string | undefined; item: DatasetItem | undefined; present: Set<string> } {
  const id = textField(fields.item_id);
  const attributes: ItemAttributes = {};
  const present = new Set<string>();
  const title = textField(fields.title);
  const brand = textField(fields.brand);
  const category = categoryField(fields.category, separator);
  const price = numberField(fields.price, 'price');
  const description = textField(fields.description);
  if (title !== undefined) attributes.title = title;
  if (brand !== undefined) attributes.brand = brand;
  if (category !== undefined) attributes.category = category;
  if (price !== undefined) attributes.price = price;
  const extra = new Map<string, string>();
  for (const [key, value] of Object.entries(fields)) {
    if (KNOWN.has(key) || typeof value === 'object') continue;
    const text = textField(value);
    if (text !== undefined) extra.set(key, text);
  }
  if (extra.size > 0) attributes.extra = Object.fromEntries(extra);
  for (const [key, value] of [['title', title], ['brand', brand], ['category', category], ['price', price], ['description', description], ...extra] as const) {
    if (value !== undefined) present.add(key);
  }
  if (id === undefined) return { id, item: undefined, present };
  const tags: string[] = [];
  if (brand) tags.push(`brand:${brand.toLowerCase()}`);
  category?.forEach((_, depth) => tags.push(`category:${category.slice(0, depth + 1).join('>').toLowerCase()}`));
  for (const [key, value] of extra) if (value.length <= MAX_TAG_LENGTH) tags.push(`${key}:${value.toLowerCase()}`);
  const text = [title, description, category?.join(' ')].filter((t) => t !== undefined).join('. ');
  return { id, item: { id, attributes, text, tags }, present };
}

/**
 * Reads the items file and applies the item cleaning rules (cleanItemRecords), in this order:
 * `item-missing-fields` (no id, or a required attribute empty), `invalid-item-id` (an id a bundle cannot carry,
 * e.g. `__proto__`), `duplicate-item` (a later row with an id already read). Kept items stay in file order,
 * which becomes the bundle's item order.
 */
export async function readItems(path: string, options: ReadItemsOptions): Promise<ReadItemsResult> {
  const onInvalid = options.invalid ? (e: IngestError) => options.invalid!.add(e) : undefined;
  return cleanItemRecords(readRecords(path, options.format, ['item_id'], onInvalid), path, options);
}

/** The item rules over records from any source (a file, or rows in memory such as the demo shop's). */
export async function cleanItemRecords(records: AsyncIterable<InputRecord> | Iterable<InputRecord>, source: string, options: Omit<ReadItemsOptions, 'format'>): Promise<ReadItemsResult> {
  const items: DatasetItem[] = [];
  const seen = new Set<string>();
  let rows = 0;
  let missing = 0;
  let invalidId = 0;
  let duplicates = 0;
  for await (const record of records) {
    let parsed: ReturnType<typeof toItem>;
    try {
      parsed = toItem(record.fields, options.categorySeparator);
    } catch (error) {
      const problem = new IngestError(source, record.line, (error as Error).message);
      if (!options.invalid) throw problem;
      options.invalid.add(problem);
      continue;
    }
    rows++;
    if (!parsed.item || options.requireFields.some((f) => !parsed.present.has(f))) {
      missing++;
      continue;
    }
    if (itemIdProblem(parsed.item.id) !== null) {
      invalidId++;
      continue;
    }
    if (seen.has(parsed.item.id)) {
      duplicates++;
      continue;
    }
    seen.add(parsed.item.id);
    items.push(parsed.item);
  }
  const rules: CleaningRuleReport[] = [
    { rule: 'item-missing-fields', unit: 'items', removed: missing, description: 'items without an id or without a required attribute', thresholds: { requireFields: options.requireFields.join(',') || '(none)' } },
    { rule: 'invalid-item-id', unit: 'items', removed: invalidId, description: 'items whose id a bundle cannot carry (longer than 256 characters, or __proto__, constructor, prototype)' },
    { rule: 'duplicate-item', unit: 'items', removed: duplicates, description: 'later rows repeating an item id already read (the first row wins)' },
  ];
  return { items, rows, rules };
}
