import type { CatalogModel } from '../catalog/catalogModel.js';
import type { Dataset, DatasetItem } from '../datasets/dataset.js';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import { DEFAULT_TRAINING_OPTIONS, buildCatalogModel, type TrainingOptions } from '../training/buildCatalogModel.js';
import { evaluateShops, type ShopsEvalConfig } from './evaluateShops.js';
import { DEFAULT_INTEREST } from './interestDistribution.js';
import { DEFAULT_SHOP_RANKING } from './rankShops.js';
import { inferS3RecBrands, type S3RecBrands } from './s3recBrands.js';

/** The methods `reshelf eval` adds to report.json's `metrics` for a dataset with brands. */
export const SHOPS_METHODS = ['shops', 'shops-pop', 'shops-history'] as const;

/** What report.json says about the shop task next to its `shops*` metrics (the metrics themselves go in `metrics`). */
export interface ShopsTaskSummary {
  task: string;
  /** How the brands were identified. */
  brands: string;
  /** Users whose held-out item has a brand (the only ones measured), and those skipped. */
  users: number;
  skippedWithoutShop: number;
  shops: number;
  itemsWithBrand: number;
  config: { depth: number; historyWeight: number; diversity: number };
  seconds: number;
}

export interface ShopsEntries {
  metrics: Record<(typeof SHOPS_METHODS)[number], Record<string, number>>;
  summary: ShopsTaskSummary;
}

export interface ShopsEntriesOptions {
  split: 'test' | 'valid';
  /** The cutoffs of the item entries (HR@k and NDCG@k for each). */
  ks: readonly number[];
  training?: TrainingOptions;
  /** The fusion configuration `fused` was measured with; the shop ranking starts from the same item ranking. */
  config?: FusionConfig;
  /**
   * The catalog model `reshelf eval` already built from this split's training sequences with `training`: reused
   * with the branded attributes swapped in (brands and categories are not inputs of any trained section), instead
   * of building the same model a second time. Its `sequenceModel`, if any, is left out, as before.
   */
  model?: CatalogModel;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The attribute ids of an S3-Rec item, as src/datasets/s3rec.ts keeps them (`extra.attributeIds`, file order).
 * Order matters: the brand, when there is one, comes first.
 */
function s3recAttributeIds(item: DatasetItem): number[] | undefined {
  const raw = item.attributes.extra?.attributeIds;
  if (typeof raw !== 'string') return undefined;
  return raw === '' ? [] : raw.split(' ').map(Number);
}

/**
 * The items of an S3-Rec dataset with their inferred brand as `attributes.brand` (the shop) and their other
 * attribute ids as the category path; id, text and tags unchanged, so every trained vector equals `reshelf
 * eval`'s. Undefined when the dataset has no attribute ids (another format) or no brand can be inferred.
 */
export function withS3RecBrands(items: readonly DatasetItem[]): { items: DatasetItem[]; brands: S3RecBrands } | undefined {
  const attributes: Record<string, number[]> = {};
  for (const item of items) {
    const ids = s3recAttributeIds(item);
    if (ids) attributes[item.id] = ids;
  }
  if (Object.keys(attributes).length === 0) return undefined;
  const brands = inferS3RecBrands(attributes);
  if (brands.brands.size === 0) return undefined;
  const branded = items.map((item) => {
    const attrs = attributes[item.id] ?? [];
    const brand = brands.brandOf.get(item.id);
    const category = (brand === undefined ? attrs : attrs.slice(1)).map((a) => `attribute ${a}`);
    return { ...item, attributes: { ...item.attributes, category, ...(brand === undefined ? {} : { brand: `brand ${brand}` }) } };
  });
  return { items: branded, brands };
}

/** A shallow copy of `model` with the items' attributes (brand, category) taken from `items`, no sequence model. */
function withAttributes(model: CatalogModel, items: readonly DatasetItem[]): CatalogModel {
  const { sequenceModel: _unused, ...sections } = model;
  return { ...sections, attributes: items.map((item) => item.attributes) };
}

/**
 * The `shops` entries of `reshelf eval` (issue 12): predict the brand of each user's held-out item, HR/NDCG at
 * the item entries' cutoffs, with the shipped shop ranking (`shops`), shop popularity (`shops-pop`) and the
 * shopper's own recent brands (`shops-history`, the baseline an aggregation has to beat). Protocol and code are
 * `evaluateShops`; the item ranking shop interest comes from is the worker's (`shopperRanking`), run on a model
 * built from the training sequences with the same training options and carrying `config` as its bundle default,
 * so `shops` starts from exactly the `fused` ranking of the report. Undefined for datasets without brands.
 */
export function shopsEntries(dataset: Dataset, options: ShopsEntriesOptions): ShopsEntries | undefined {
  const branded = withS3RecBrands(dataset.items);
  if (!branded) return undefined;
  const shipped: ShopsEvalConfig = { name: 'shops', interest: DEFAULT_INTEREST, diversity: DEFAULT_SHOP_RANKING.diversity };
  const result = evaluateShops(
    { items: branded.items, users: dataset.users },
    {
      split: options.split,
      ks: [...options.ks],
      configs: [shipped],
      onProgress: options.onProgress,
      buildModel: (train) => {
        const model = options.model ? withAttributes(options.model, branded.items) : buildCatalogModel(branded.items, train.map((items, u) => ({ userId: dataset.users[u]!.userId, items })), options.training ?? DEFAULT_TRAINING_OPTIONS);
        if (options.config) model.defaultConfig = options.config as unknown as Record<string, unknown>;
        return model;
      },
    },
  );
  const metrics = Object.fromEntries(SHOPS_METHODS.map((name) => [name, result.metrics[name]!])) as ShopsEntries['metrics'];
  return {
    metrics,
    summary: {
      task: 'shops-*: predict the brand (shop) of the held-out item; every shop ranked, not masked; only users whose held-out item has a brand',
      brands:
        'S3-Rec item2attributes lists an item\'s brand first, then its categories: level-1 categories = ids that follow an id never seen after position 0; an item\'s brand = its first id unless that is a level-1 category (src/applications/s3recBrands.ts)',
      users: result.users,
      skippedWithoutShop: result.skippedWithoutShop,
      shops: result.shops,
      itemsWithBrand: branded.brands.brandOf.size,
      config: { ...shipped.interest, diversity: shipped.diversity },
      seconds: result.seconds,
    },
  };
}
