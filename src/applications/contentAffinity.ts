import type { CatalogModel, ItemAttributes, VectorTable } from '../catalog/catalogModel.js';

/**
 * Cosine similarity of each candidate to the shopper's content profile (the weighted sum of the content of
 * the items they engaged with). Uses the bundle's content vectors when it has them; otherwise the items'
 * own attributes (brand and category-path prefixes) as a sparse vector, so a bundle without vectors still
 * gets a content-derived order. Returns 0 for every candidate without history.
 */
export function contentAffinity(model: CatalogModel, weights: Map<number, number>, candidates: readonly number[]): Float64Array {
  return model.content ? vectorAffinity(model.content, weights, candidates) : attributeAffinity(model.attributes, weights, candidates);
}

function row(table: VectorTable, i: number, out: Float64Array): Float64Array {
  const base = i * table.dim;
  if (table.dtype === 'float32') for (let d = 0; d < table.dim; d++) out[d] = table.values[base + d]!;
  else for (let d = 0; d < table.dim; d++) out[d] = table.codes[base + d]! * table.scales[i]!;
  return out;
}

function vectorAffinity(table: VectorTable, weights: Map<number, number>, candidates: readonly number[]): Float64Array {
  const profile = new Float64Array(table.dim);
  const buffer = new Float64Array(table.dim);
  for (const [item, weight] of weights) {
    row(table, item, buffer);
    const norm = Math.hypot(...buffer) || 1;
    for (let d = 0; d < table.dim; d++) profile[d]! += (weight * buffer[d]!) / norm;
  }
  const profileNorm = Math.hypot(...profile);
  const out = new Float64Array(candidates.length);
  if (profileNorm === 0) return out;
  candidates.forEach((item, c) => {
    row(table, item, buffer);
    const norm = Math.hypot(...buffer);
    let dot = 0;
    for (let d = 0; d < table.dim; d++) dot += buffer[d]! * profile[d]!;
    out[c] = norm > 0 ? dot / (norm * profileNorm) : 0;
  });
  return out;
}

/** Brand and every category-path prefix; a deeper (more specific) category weighs more. */
export function attributeFeatures(attributes: ItemAttributes): Map<string, number> {
  const features = new Map<string, number>();
  if (attributes.brand) features.set(`brand\u001f${attributes.brand}`, 1.5);
  const path = attributes.category ?? [];
  for (let depth = 1; depth <= path.length; depth++) features.set(`cat\u001f${path.slice(0, depth).join('\u001f')}`, Math.min(depth, 3));
  return features;
}

function attributeAffinity(attributes: ItemAttributes[], weights: Map<number, number>, candidates: readonly number[]): Float64Array {
  const profile = new Map<string, number>();
  for (const [item, weight] of weights) {
    const features = attributeFeatures(attributes[item] ?? {});
    const norm = Math.hypot(...features.values()) || 1;
    for (const [f, v] of features) profile.set(f, (profile.get(f) ?? 0) + (weight * v) / norm);
  }
  const profileNorm = Math.hypot(...profile.values());
  const out = new Float64Array(candidates.length);
  if (profileNorm === 0) return out;
  candidates.forEach((item, c) => {
    const features = attributeFeatures(attributes[item] ?? {});
    const norm = Math.hypot(...features.values());
    let dot = 0;
    for (const [f, v] of features) dot += v * (profile.get(f) ?? 0);
    out[c] = norm > 0 ? dot / (norm * profileNorm) : 0;
  });
  return out;
}
