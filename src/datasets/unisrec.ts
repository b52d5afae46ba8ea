import { DatasetError, type Dataset, type DatasetItem, type UserSequence } from './dataset.js';

/**
 * Reader for the UniSRec / RecBole atomic layout (../shared/datasets/amazon-scientific):
 * - `<name>.item2index`: `ASIN \t index` (the dense index used here, so ties break by it);
 * - `<name>.text`: header, then `ASIN \t "<title>. <category words>. <brand>. "`;
 * - `<name>.{train,valid,test}.inter`: header, then `user \t history \t next_item`, histories truncated to
 *   the last 50 items. Train rows are one per earlier prefix.
 *
 * Full sequences are rebuilt from the rows: the first item of the shortest train prefix, then every train
 * target in prefix order, then the valid and the test target. This recovers users longer than 50 items,
 * which the test row alone would truncate.
 */
export interface UniSRecFiles {
  item2index: string;
  text?: string;
  train: string;
  valid: string;
  test: string;
}

interface Row {
  history: number[];
  target: number;
}

export function parseUniSRec(name: string, files: UniSRecFiles): Dataset {
  const itemIds: string[] = [];
  for (const line of nonEmptyLines(files.item2index)) {
    const [asin, index] = line.split('\t');
    const i = Number(index);
    if (asin === undefined || !Number.isInteger(i)) throw new DatasetError('DATASET_BAD_LINE', `${name}.item2index: expected "ASIN<TAB>index", got "${line}".`);
    itemIds[i] = asin;
  }
  const indexByAsin = new Map<string, number>();
  itemIds.forEach((asin, i) => indexByAsin.set(asin, i));

  const texts = new Map<string, string>();
  if (files.text) {
    for (const line of nonEmptyLines(files.text).slice(1)) {
      const tab = line.indexOf('\t');
      if (tab > 0) texts.set(line.slice(0, tab), line.slice(tab + 1).trim());
    }
  }
  const items: DatasetItem[] = itemIds.map((id) => describeItem(id, texts.get(id) ?? ''));

  const train = groupRows(name, 'train', files.train, items.length);
  const valid = groupRows(name, 'valid', files.valid, items.length);
  const test = groupRows(name, 'test', files.test, items.length);

  const users: UserSequence[] = [];
  for (const [userId, testRows] of test) {
    const testRow = testRows[0]!;
    const validRow = valid.get(userId)?.[0];
    const trainRows = train.get(userId) ?? [];
    let sequence: number[];
    // The train file lists each user's prefixes longest first; reversed, row r predicts item r + 1.
    const byPrefix = trainRows.slice().reverse();
    if (validRow && byPrefix.length > 0 && byPrefix[0]!.history.length === 1) {
      sequence = [byPrefix[0]!.history[0]!, ...byPrefix.map((r) => r.target), validRow.target, testRow.target];
    } else {
      sequence = [...testRow.history, testRow.target];
    }
    users.push({ userId, items: Int32Array.from(sequence) });
  }
  if (users.length === 0) throw new DatasetError('DATASET_EMPTY', `${name}: the test file has no users.`);
  return { name, items, users };
}

function nonEmptyLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
}

function groupRows(name: string, split: string, text: string, itemCount: number): Map<string, Row[]> {
  const rows = new Map<string, Row[]>();
  const lines = nonEmptyLines(text);
  for (let n = 1; n < lines.length; n++) {
    const [user, history, target] = lines[n]!.split('\t');
    const t = Number(target);
    if (user === undefined || history === undefined || !Number.isInteger(t)) {
      throw new DatasetError('DATASET_BAD_LINE', `${name}.${split}.inter line ${n + 1}: expected "user<TAB>history<TAB>item".`);
    }
    const h = history.trim() === '' ? [] : history.trim().split(' ').map(Number);
    for (const i of [...h, t]) {
      if (!(i >= 0 && i < itemCount)) throw new DatasetError('DATASET_UNKNOWN_ITEM', `${name}.${split}.inter line ${n + 1}: item ${i} is not in item2index.`);
    }
    let list = rows.get(user);
    if (!list) rows.set(user, (list = []));
    list.push({ history: h, target: t });
  }
  return rows;
}

/** Splits "<title>. <category words>. <brand>. " into display attributes; the whole string stays the text. */
function describeItem(id: string, text: string): DatasetItem {
  const parts = text.split('. ').map((p) => p.trim().replace(/\.$/, '')).filter((p) => p !== '');
  const brand = parts.length >= 3 ? parts[parts.length - 1] : undefined;
  const category = parts.length >= 3 ? parts[parts.length - 2] : undefined;
  const title = parts.length >= 3 ? parts.slice(0, -2).join('. ') : (parts[0] ?? id);
  const tags = brand ? [`brand:${brand.toLowerCase()}`] : [];
  const attributes = { title, ...(brand ? { brand } : {}), ...(category ? { category: [category] } : {}) };
  return { id, attributes, text, tags };
}
