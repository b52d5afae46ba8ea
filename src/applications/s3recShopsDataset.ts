import type { ItemAttributes } from '../catalog/catalogModel.js';
import type { DatasetItem } from '../datasets/dataset.js';
import { inferS3RecBrands, type S3RecBrands } from './s3recBrands.js';
import type { ShopsEvalDataset } from './evaluateShops.js';

/**
 * An S3-Rec dataset (`<name>.txt` + `<name>_item2attributes.json`, e.g. ../shared/datasets/amazon-beauty)
 * for the shop evaluation: items in numeric id order (so ties break by id, as in the item protocol), each
 * item's brand (inferred, see s3recBrands.ts) as its shop, and its other attribute ids, in file order, as its
 * category path (the file keeps each path's order: level-1 category first). Tags are the attribute ids, as
 * src/datasets/s3rec.ts gives them, so the trained content vectors are the same as `reshelf eval`'s.
 */
export function s3recShopsDataset(sequencesText: string, attributesJson: string): ShopsEvalDataset & { items: DatasetItem[]; brands: S3RecBrands } {
  const attributes = JSON.parse(attributesJson) as Record<string, number[]>;
  const brands = inferS3RecBrands(attributes);
  const rows = sequencesText.split('\n').map((line) => line.trim().split(/\s+/)).filter((parts) => parts.length >= 2);
  const ids = new Set<string>(Object.keys(attributes));
  for (const parts of rows) for (const id of parts.slice(1)) ids.add(id);
  const sorted = [...ids].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1));
  const indexOf = new Map(sorted.map((id, i) => [id, i]));
  const items = sorted.map((id) => {
    const attrs = attributes[id] ?? [];
    const brand = brands.brandOf.get(id);
    const out: ItemAttributes = { category: (brand === undefined ? attrs : attrs.slice(1)).map((a) => `attribute ${a}`) };
    if (brand !== undefined) out.brand = `brand ${brand}`;
    return { id, attributes: out, text: '', tags: attrs.map((a) => `attr:${a}`) };
  });
  const users = rows.map((parts) => ({ items: Int32Array.from(parts.slice(1), (id) => indexOf.get(id)!) }));
  return { items, users, brands };
}
