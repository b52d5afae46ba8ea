import type { CatalogModel, ItemAttributes } from '../catalog/catalogModel.js';

/** The shop (brand or seller) an item belongs to: its `brand` attribute, trimmed; undefined when it has none. */
export function shopOf(attributes: ItemAttributes): string | undefined {
  const shop = attributes.brand?.trim();
  return shop ? shop : undefined;
}

/** Per-catalog facts about shops, computed once per CatalogModel and cached. */
export interface ShopIndex {
  /** Shop names, in first-seen catalog order. */
  shops: string[];
  /** Shop index of every item (-1 when the item has no shop). */
  itemShop: Int32Array;
  /** Items per shop. */
  itemCount: Int32Array;
  /** Sum of the items' popularity counts per shop (0 without a popularity section). */
  popularity: Float64Array;
  /** Per shop: its category profile (category-path prefix -> count of its items), unit length, for diversity. */
  profiles: Map<string, number>[];
}

const cache = new WeakMap<CatalogModel, ShopIndex>();

export function shopIndex(model: CatalogModel): ShopIndex {
  const cached = cache.get(model);
  if (cached) return cached;
  const byName = new Map<string, number>();
  const shops: string[] = [];
  const itemShop = new Int32Array(model.ids.length).fill(-1);
  model.attributes.forEach((attributes, i) => {
    const shop = shopOf(attributes);
    if (shop === undefined) return;
    let s = byName.get(shop);
    if (s === undefined) {
      s = shops.length;
      byName.set(shop, s);
      shops.push(shop);
    }
    itemShop[i] = s;
  });
  const itemCount = new Int32Array(shops.length);
  const popularity = new Float64Array(shops.length);
  const profiles = shops.map(() => new Map<string, number>());
  const counts = model.popularity?.counts;
  itemShop.forEach((s, i) => {
    if (s < 0) return;
    itemCount[s]!++;
    if (counts) popularity[s]! += counts[i]!;
    const profile = profiles[s]!;
    // Every category on the path counts: shops that share a department are similar, sharing a leaf more so.
    const path = model.attributes[i]!.category ?? [];
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth).join('\u001f');
      profile.set(prefix, (profile.get(prefix) ?? 0) + 1);
    }
  });
  for (const profile of profiles) {
    let norm = 0;
    for (const v of profile.values()) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [k, v] of profile) profile.set(k, v / norm);
  }
  const index: ShopIndex = { shops, itemShop, itemCount, popularity, profiles };
  cache.set(model, index);
  return index;
}

const similarityCache = new WeakMap<ShopIndex, Float32Array>();
/** Up to this many shops, all pairwise similarities are computed once and kept (4 bytes x shops^2). */
const SIMILARITY_MATRIX_LIMIT = 3000;

/** Cosine similarity of two shops' category profiles (0 when either has no categories). */
export function shopSimilarity(index: ShopIndex, a: number, b: number): number {
  const n = index.shops.length;
  if (n > SIMILARITY_MATRIX_LIMIT) return profileCosine(index, a, b);
  let matrix = similarityCache.get(index);
  if (!matrix) {
    matrix = new Float32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) matrix[i * n + j] = matrix[j * n + i] = profileCosine(index, i, j);
    similarityCache.set(index, matrix);
  }
  return matrix[a * n + b]!;
}

function profileCosine(index: ShopIndex, a: number, b: number): number {
  const pa = index.profiles[a]!;
  const pb = index.profiles[b]!;
  const [small, large] = pa.size <= pb.size ? [pa, pb] : [pb, pa];
  let dot = 0;
  for (const [k, v] of small) dot += v * (large.get(k) ?? 0);
  return dot;
}
