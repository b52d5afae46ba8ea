import type { CatalogModel } from '../catalog/catalogModel.js';
import type { ShopperHistory } from './history.js';
import { addNeighbourRow } from './itemKnnSignal.js';
import { DEFAULT_POPULARITY_SIGNAL, scorePopularity } from './popularitySignal.js';
import { scoreItemVectors, vectorRow } from './scoreItemVectors.js';

export interface ColdStartOptions {
  /** Weight of context similarity (current page item/category) against log popularity. */
  contextWeight: number;
}

export const DEFAULT_COLD_START: ColdStartOptions = { contextWeight: 3 };

/**
 * Cold start for a shopper with no history: log popularity plus, when the page gives context, similarity to
 * the item on the page (its neighbours and content cosine) or membership of the page's category.
 * Always answers when the bundle has popularity; for shoppers with history the other signals take over.
 */
export function scoreColdStart(model: CatalogModel, history: ShopperHistory, options: ColdStartOptions, out: Float32Array): boolean {
  if (!scorePopularity(model, DEFAULT_POPULARITY_SIGNAL, out)) out.fill(0);
  let max = 0;
  for (const x of out) max = Math.max(max, x);
  const scale = options.contextWeight * (max || 1);
  const context = history.context;
  if (context?.item !== undefined) {
    const similar = new Float32Array(out.length);
    if (model.content) scoreItemVectors(model.content, vectorRow(model.content, context.item), similar);
    const neighbours = model.neighbours?.cosine ?? model.neighbours?.learned;
    if (neighbours) addNeighbourRow(neighbours, context.item, 1, similar);
    let top = 0;
    for (const x of similar) top = Math.max(top, x);
    if (top > 0) for (let i = 0; i < out.length; i++) out[i]! += (scale * similar[i]!) / top;
  } else if (context?.category !== undefined) {
    model.attributes.forEach((attributes, i) => {
      if (attributes.category?.includes(context.category!)) out[i]! += scale;
    });
  }
  return true;
}
