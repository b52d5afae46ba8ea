/**
 * Which attribute ids of an S3-Rec `<name>_item2attributes.json` are brands.
 *
 * The file has no names, only ids. The preprocessing that wrote it (S3-Rec's data/data_process.py,
 * `get_attribute_Amazon`) lists for each item its brand FIRST, when the product metadata has one, then every
 * category of every category path except the top-level one ("Beauty"); ids are handed out in order of first
 * appearance, so brand and category ids interleave. What follows from that, and what the data confirm:
 * 1. a brand id only ever appears at position 0 of a list (a category can appear anywhere);
 * 2. whatever follows a brand is a path's first category ("Skin Care", "Makeup", ...): the level-1 categories;
 * 3. so an item has a brand exactly when its first attribute is not a level-1 category, and at most one.
 * The inference: candidates = ids never seen after position 0; level-1 categories = ids seen right after a
 * candidate; an item's brand = its first id when that id is not a level-1 category. Rule 3, not rule 1, decides,
 * which also catches a brand whose name equals a category name (the two share one id).
 */
export interface S3RecBrands {
  /** Item id -> its brand's attribute id, for items that have a brand. */
  brandOf: Map<string, number>;
  /** Every attribute id used as a brand. */
  brands: Set<number>;
  /** The level-1 category ids (the first category of a path). */
  topLevel: Set<number>;
  /** Ids that are brands for some items and categories for others (a brand named like a category). */
  ambiguous: Set<number>;
}

export function inferS3RecBrands(itemAttributes: Record<string, readonly number[]>): S3RecBrands {
  const later = new Set<number>();
  for (const attrs of Object.values(itemAttributes)) for (let p = 1; p < attrs.length; p++) later.add(attrs[p]!);
  const topLevel = new Set<number>();
  for (const attrs of Object.values(itemAttributes)) {
    if (attrs.length > 1 && !later.has(attrs[0]!)) topLevel.add(attrs[1]!);
  }
  const brandOf = new Map<string, number>();
  const brands = new Set<number>();
  for (const [item, attrs] of Object.entries(itemAttributes)) {
    const first = attrs[0];
    if (first === undefined || topLevel.has(first)) continue;
    brandOf.set(item, first);
    brands.add(first);
  }
  const ambiguous = new Set([...brands].filter((b) => later.has(b)));
  return { brandOf, brands, topLevel, ambiguous };
}
