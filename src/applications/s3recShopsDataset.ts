import type { DatasetItem } from '../datasets/dataset.js';
import { parseS3Rec } from '../datasets/s3rec.js';
import type { S3RecBrands } from './s3recBrands.js';
import type { ShopsEvalDataset } from './evaluateShops.js';
import { withS3RecBrands } from './shopsEvalEntries.js';

/**
 * An S3-Rec dataset (`<name>.txt` + `<name>_item2attributes.json`, e.g. ../shared/datasets/amazon-beauty)
 * for the shop evaluation: read by the same parser as `reshelf eval` (src/datasets/s3rec.ts: items in numeric
 * id order, tags = attribute ids, so the trained vectors are the same), then each item's brand (inferred, see
 * s3recBrands.ts) as its shop and its other attribute ids, in file order, as its category path.
 */
export function s3recShopsDataset(sequencesText: string, attributesJson: string): ShopsEvalDataset & { items: DatasetItem[]; brands: S3RecBrands } {
  const dataset = parseS3Rec('s3rec', sequencesText, attributesJson);
  const branded = withS3RecBrands(dataset.items);
  if (!branded) throw new Error('no brand found in the item attributes (expected the S3-Rec layout: brand id first, then categories)');
  return { items: branded.items, users: dataset.users, brands: branded.brands };
}
