import { DatasetError, type Dataset, type DatasetItem, type UserSequence } from './dataset.js';

/**
 * Reader for the S3-Rec layout (../shared/datasets/amazon-beauty):
 * - `<name>.txt`: one user per line, `user_id item_1 ... item_n`, items in chronological order;
 * - `<name>_item2attributes.json`: `{ "<item id>": [attribute id, ...] }` (brand and sub-categories, ids only).
 * Item ids are numeric strings; the dense index follows numeric id order so that rank ties break by id,
 * as the published protocol does. Attribute ids become tags `attr:<id>` (no names exist in this format).
 */
export function parseS3Rec(name: string, sequencesText: string, attributesJson: string | undefined): Dataset {
  const rawUsers: { userId: string; ids: string[] }[] = [];
  const ids = new Set<string>();
  const lines = sequencesText.split('\n');
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    const line = lines[lineNo]!.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    if (parts.length < 2) throw new DatasetError('DATASET_BAD_LINE', `${name}: line ${lineNo + 1} has a user id but no items; expected "user_id item_1 ... item_n".`);
    const [userId, ...itemIds] = parts as [string, ...string[]];
    for (const id of itemIds) ids.add(id);
    rawUsers.push({ userId, ids: itemIds });
  }
  if (rawUsers.length === 0) throw new DatasetError('DATASET_EMPTY', `${name}: the sequence file has no users.`);

  const attributes: Record<string, number[]> = attributesJson ? (JSON.parse(attributesJson) as Record<string, number[]>) : {};
  for (const id of Object.keys(attributes)) ids.add(id);

  const sortedIds = [...ids].sort(compareIds);
  const indexOf = new Map<string, number>();
  sortedIds.forEach((id, i) => indexOf.set(id, i));

  const items: DatasetItem[] = sortedIds.map((id) => {
    const attrs = attributes[id] ?? [];
    return { id, attributes: { extra: { attributeIds: attrs.join(' ') } }, text: '', tags: attrs.map((a) => `attr:${a}`) };
  });
  const users: UserSequence[] = rawUsers.map(({ userId, ids: itemIds }) => ({
    userId,
    items: Int32Array.from(itemIds, (id) => indexOf.get(id)!),
  }));
  return { name, items, users };
}

/** Numeric order when both ids are integers (S3-Rec ids are), string order otherwise. */
function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
