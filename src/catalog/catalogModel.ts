/**
 * The in-memory catalog that every ranking module reads: the worker builds it from a downloaded bundle,
 * `reshelf eval` builds it from a dataset's training split. Same type, same signal code, in both places.
 *
 * Items are addressed by a dense index (0..count-1) everywhere below; `ids[index]` is the shop's own id string.
 * Optional sections are absent when a bundle was built without them; signals that need them then abstain.
 */

/** Display attributes the widgets need (and content signals may read). */
export interface ItemAttributes {
  title?: string;
  brand?: string;
  /** Category path, most general first, e.g. ["Beauty", "Skin Care", "Face"]. */
  category?: string[];
  price?: number;
  /** Free-form extra attributes (strings only; never markup, never rendered as HTML). */
  extra?: Record<string, string>;
}

/**
 * A table of `count` vectors of `dim` numbers, row-major.
 * Stored as int8 codes with one float scale per row (value = code * scale), or as float32.
 */
export type VectorTable =
  | { dtype: 'int8'; count: number; dim: number; codes: Int8Array; scales: Float32Array }
  | { dtype: 'float32'; count: number; dim: number; values: Float32Array };

/** Top-k lists per item: row i holds item i's neighbours (item indices, -1 padded) and their weights. */
export interface NeighbourTable {
  k: number;
  items: Int32Array;
  weights: Float32Array;
}

export interface PopularitySection {
  /** Interaction count per item (event-type weighted). */
  counts: Float32Array;
  /** Count with exponential time decay, for "trending". */
  decayed: Float32Array;
  /** First time the item was seen (ms since epoch), NaN when unknown. For new-arrival priors. */
  firstSeen: Float64Array;
}

/**
 * A coupon the shop offers (issue 12). Plain JSON in the bundle's coupon section
 * (src/applications/couponSection.ts encodes, decodes and validates it); times are ms since the epoch.
 */
export interface Coupon {
  id: string;
  /** Short display text, e.g. "15% off Copperleaf" (text only, never markup). */
  title?: string;
  /** Shops (the items' `brand`) it applies to; empty means every shop. */
  shops: string[];
  /** Category-path prefixes it applies to, most general first; empty means every category. */
  categories: string[][];
  /** Minimum spend on in-scope items, in the catalog's currency (0 = none). */
  minSpend: number;
  /** Exactly one of `percentOff` (0 < p <= 100) and `amountOff` (> 0, currency) is set. */
  percentOff?: number;
  amountOff?: number;
  /** Valid from `validFrom` (inclusive) until `validUntil` (exclusive). */
  validFrom: number;
  validUntil: number;
}

export interface CatalogModel {
  /** Bundle version string (manifest hash); changes whenever any section changes. */
  version: string;
  ids: string[];
  attributes: ItemAttributes[];
  /** Content vectors (TF-IDF over text/attributes reduced to a fixed dimension). */
  content?: VectorTable;
  /**
   * Collaborative-filtering item factors (server-trained or imported, e.g. Spark ALS). `regularization` is the
   * lambda and `confidence` the alpha (observed confidence 1 + alpha) the on-device fold-in solves with;
   * absent `confidence` means plain (explicit) least squares.
   */
  cf?: VectorTable & { regularization: number; confidence?: number };
  /** Item-item tables: CF cosine, Pearson, learned (EASE) weights; `content`: exact TF-IDF cosine (optional section). */
  neighbours?: { cosine?: NeighbourTable; pearson?: NeighbourTable; learned?: NeighbourTable; content?: NeighbourTable };
  transitions?: NeighbourTable;
  popularity?: PopularitySection;
  /** k-anonymous shopper prototypes: centroids in CF space, each built from at least `minUsers` shoppers. */
  prototypes?: { centroids: VectorTable; minUsers: number };
  /** The shop's coupon catalog; ranked per shopper on the device (src/applications/rankCoupons.ts). */
  coupons?: Coupon[];
  /** A deep sequence model (issue 8: `reshelf train`, then `reshelf build --model` or `reshelf eval --model`). */
  sequenceModel?: SequenceModelSection;
  /**
   * The bundle's default ranking configuration (`reshelf build --config`): a JSON object in the shape of the
   * fusion configuration, possibly partial; the ranking code merges it over its own defaults.
   */
  defaultConfig?: Record<string, unknown>;
}

/**
 * A trained sequence model (GRU / Caser / SASRec) as the `model` signal uses it. Ranking is synchronous and the
 * model's encoder (tfjs) is not, so the shopper's user vector is computed ahead of ranking (by the worker, or in
 * batches by `reshelf eval`) and stored in `queries` under sequenceQueryKey(history) (src/models/sequenceQueries.ts);
 * the signal scores that vector against `itemTable` and abstains when there is none.
 */
export interface SequenceModelSection {
  /** Architecture, e.g. `sasrec`; also the signal's name in eval reports. */
  kind: string;
  /** The model reads only the last `maxLen` items. */
  maxLen: number;
  /** Item embeddings in catalog order (int8 + a scale per row); items the model never saw have scale 0. */
  itemTable: Extract<VectorTable, { dtype: 'int8' }>;
  /** model.json (format `reshelf-sequence-model`) and its weights, for the worker to load with tfjs; bundles only. */
  files?: { json: Record<string, unknown>; weights: Uint8Array };
  /**
   * An ensemble (`reshelf build --model a,b`): the members as decoded, each with its own `files` and int8
   * `itemTable` (its encoder's input embedding). This section's `itemTable` is then their rows concatenated
   * (src/models/ensembleSections.ts) and a query is the members' user vectors concatenated in this order, so the
   * signal scores the sum of their logits. Absent for a single model.
   */
  members?: SequenceModelSection[];
  /** User vectors computed ahead of ranking, by sequenceQueryKey; mutable (a cache, not catalog data). */
  queries: Map<string, Float32Array>;
  /**
   * What the signal hands to fusion: `logits` (default) the raw dot products; `probabilities` exp(logit - max),
   * i.e. the model's next-item softmax up to a constant, which normalisation removes (sequenceQueries.ts).
   */
  scores?: 'logits' | 'probabilities';
}

/** Index lookup from shop item id to dense index. A Map, so ids like `__proto__` are just strings. */
export function indexById(model: Pick<CatalogModel, 'ids'>): Map<string, number> {
  const index = new Map<string, number>();
  model.ids.forEach((id, i) => index.set(id, i));
  return index;
}
