import type { CatalogModel, NeighbourTable } from '../catalog/catalogModel.js';
import { DEFAULT_EVENT_WEIGHTS, recencyWeights, type EventWeights, type ShopperHistory } from './history.js';

/** `content`: exact TF-IDF cosine neighbours (the optional bundle section neighbours.content), for `contentKnn`. */
export type NeighbourKind = 'cosine' | 'pearson' | 'learned' | 'content';

export interface ItemKnnOptions {
  /** Which neighbour table of the bundle: cosine, Pearson or learned (EASE) weights, or content (exact TF-IDF). */
  neighbours: NeighbourKind;
  decay: number;
  window: number;
  eventWeights: EventWeights;
}

export const DEFAULT_ITEM_KNN: ItemKnnOptions = { neighbours: 'cosine', decay: 0.5, window: 50, eventWeights: DEFAULT_EVENT_WEIGHTS };
export const DEFAULT_EASE_SIGNAL: ItemKnnOptions = { neighbours: 'learned', decay: 0.9, window: 50, eventWeights: DEFAULT_EVENT_WEIGHTS };
/** `contentKnn`: the content signal's recency profile (decay 0.6, last 20 events) over the exact content neighbours. */
export const DEFAULT_CONTENT_KNN_SIGNAL: ItemKnnOptions = { neighbours: 'content', decay: 0.6, window: 20, eventWeights: DEFAULT_EVENT_WEIGHTS };

/** Adds weight x (row `item` of a neighbour table) into `out`. Shared by the item-kNN and sequence signals. */
export function addNeighbourRow(table: NeighbourTable, item: number, weight: number, out: Float32Array): void {
  const k = table.k;
  for (let p = item * k, end = p + k; p < end; p++) {
    const j = table.items[p]!;
    if (j < 0) break;
    out[j]! += weight * table.weights[p]!;
  }
}

/**
 * Item-based CF: each recent item votes for its neighbours with (similarity x event weight x decay^steps).
 * Abstains when the bundle lacks the chosen neighbour table or the history is empty.
 */
export function scoreItemKnn(model: CatalogModel, history: ShopperHistory, options: ItemKnnOptions, out: Float32Array): boolean {
  const table = model.neighbours?.[options.neighbours];
  if (!table || history.events.length === 0) return false;
  out.fill(0);
  for (const [item, weight] of recencyWeights(history, options.decay, options.window, options.eventWeights)) {
    addNeighbourRow(table, item, weight, out);
  }
  return true;
}
