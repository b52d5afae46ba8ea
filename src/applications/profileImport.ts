import type { StoredEvent } from '../api/events.js';
import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import { normaliseGtin, productCodes } from './productCodes.js';
import type { PortableProfile } from './portableProfile.js';
import { shopIndex } from './shopIndex.js';

/** What an import would add, shown to the shopper before anything is stored. */
export interface ProfileImportPreview {
  /** Where the profile was exported, and when. */
  from: string;
  exportedAt: string;
  /** Items in the file, and how many were recognised here (by GTIN, SKU, or the same shop's id). */
  items: number;
  matched: { gtin: number; sku: number; id: number };
  /** Brand and category interests of the file that this catalog has, which seed the profile here. */
  brands: string[];
  categories: string[][];
  /** How many interactions the import would store on this device. */
  events: number;
}

/** How many interests at most seed a view each (the strongest first). */
const SEED_INTERESTS = 5;

/**
 * Maps a portable profile onto this catalog. Items match by GTIN, then SKU, then, only when the profile
 * comes from this same origin (another device of the same shop), by item id: another shop's ids are
 * meaningless here even when they look alike. Each matched item becomes one event of its strongest type at
 * its own time (never later than `now`). Each of the strongest brand and category interests that no
 * matched item already covers becomes one `view` of that brand's or category's most popular item here, so
 * the shopper's tastes carry over even between shops that share no product. Pure: it only returns what
 * would be stored; storing is the caller's job, after the shopper confirmed the preview.
 */
export function planProfileImport(model: CatalogModel, profile: PortableProfile, origin: string, now: number): { preview: ProfileImportPreview; events: StoredEvent[] } {
  const index = indexById(model);
  const byGtin = new Map<string, number>();
  const bySku = new Map<string, number>();
  model.attributes.forEach((attributes, i) => {
    const codes = productCodes(attributes);
    if (codes.gtin && !byGtin.has(codes.gtin)) byGtin.set(codes.gtin, i);
    if (codes.sku && !bySku.has(codes.sku)) bySku.set(codes.sku, i);
  });
  const sameShop = profile.origin === origin;
  const matched = { gtin: 0, sku: 0, id: 0 };
  const events: StoredEvent[] = [];
  const covered = new Set<number>();
  for (const item of profile.items) {
    const gtin = item.gtin === undefined ? undefined : normaliseGtin(item.gtin);
    let target = gtin === undefined ? undefined : byGtin.get(gtin);
    let via: keyof typeof matched = 'gtin';
    if (target === undefined && item.sku !== undefined) [target, via] = [bySku.get(item.sku.trim()), 'sku'];
    if (target === undefined && sameShop) [target, via] = [index.get(item.id), 'id'];
    if (target === undefined || covered.has(target)) continue;
    matched[via]++;
    covered.add(target);
    events.push({ type: item.event, itemId: model.ids[target]!, time: Math.min(item.time, now) });
  }

  const shops = shopIndex(model);
  const counts = model.popularity?.counts;
  const popularity = (i: number) => counts?.[i] ?? 0;
  const coveredBrands = new Set([...covered].map((i) => shops.itemShop[i]!));
  const coveredPaths = [...covered].map((i) => model.attributes[i]!.category ?? []);
  const seedTime = Math.min(Date.parse(profile.exportedAt) || now, now);
  const seeds: number[] = [];
  // A seeded item covers its brand and its category too: one item per interest, not two.
  const seed = (item: number) => {
    seeds.push(item);
    covered.add(item);
    coveredBrands.add(shops.itemShop[item]!);
    coveredPaths.push(model.attributes[item]!.category ?? []);
  };
  const brands: string[] = [];
  for (const { name } of profile.interests.brands) {
    const s = shops.shops.indexOf(name);
    if (s < 0) continue;
    brands.push(name);
    if (coveredBrands.has(s) || seeds.length >= SEED_INTERESTS) continue;
    const best = bestItem(model.ids.length, (i) => shops.itemShop[i] === s && !covered.has(i), popularity);
    if (best !== undefined) seed(best);
  }
  const categories: string[][] = [];
  let categorySeeds = 0;
  for (const { path } of profile.interests.categories) {
    // The deepest prefix of the path this catalog knows: shops name their top levels alike more often than their leaves.
    let prefix: string[] | undefined;
    for (let depth = path.length; depth > 0 && !prefix; depth--) {
      const candidate = path.slice(0, depth);
      if (model.attributes.some((a) => startsWith(a.category, candidate))) prefix = candidate;
    }
    if (!prefix) continue;
    categories.push(prefix);
    if (categorySeeds >= SEED_INTERESTS || coveredPaths.some((p) => startsWith(p, prefix))) continue;
    const best = bestItem(model.ids.length, (i) => startsWith(model.attributes[i]!.category, prefix) && !covered.has(i), popularity);
    if (best !== undefined) {
      seed(best);
      categorySeeds++;
    }
  }
  // Seeds are older than every imported item, strongest interest latest, so real items lead the recency order.
  const oldest = Math.min(seedTime, ...events.map((e) => e.time));
  seeds.forEach((item, n) => events.push({ type: 'view', itemId: model.ids[item]!, time: oldest - (seeds.length - n) }));
  events.sort((a, b) => a.time - b.time);
  return {
    preview: { from: profile.origin, exportedAt: profile.exportedAt, items: profile.items.length, matched, brands, categories, events: events.length },
    events,
  };
}

function startsWith(path: readonly string[] | undefined, prefix: readonly string[]): boolean {
  return !!path && prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** The most popular item passing `accept` (lowest index on ties), or undefined. */
function bestItem(count: number, accept: (i: number) => boolean, popularity: (i: number) => number): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < count; i++) if (accept(i) && (best === undefined || popularity(i) > popularity(best))) best = i;
  return best;
}
