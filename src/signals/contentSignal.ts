import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_EVENT_WEIGHTS, recencyWeights, type EventWeights, type ShopperHistory } from './history.js';
import { scoreItemVectors, vectorRow } from './scoreItemVectors.js';

export interface ContentSignalOptions {
  /** Weight of the event `steps` back from the latest: decay^steps. */
  decay: number;
  /** Only the last `window` events form the profile. */
  window: number;
  eventWeights: EventWeights;
}

export const DEFAULT_CONTENT_SIGNAL: ContentSignalOptions = { decay: 0.6, window: 20, eventWeights: DEFAULT_EVENT_WEIGHTS };

/**
 * Content similarity: the shopper's profile is the weighted sum of the content vectors of their recent
 * items (event type x recency); every item scores its dot product with the profile (the vectors are unit
 * length, so this is the weighted mean of cosines). Abstains without content vectors or history.
 * The exact TF-IDF neighbour table (bundle section neighbours.content), when shipped, is a signal of its own
 * (`contentKnn`, registry.ts) beside this one: the reduced vectors score every item (a dense opinion fusion
 * weighs heavily), the exact neighbours tell near-identical products apart by the rare words the SVD drops.
 */
export function scoreContent(model: CatalogModel, history: ShopperHistory, options: ContentSignalOptions, out: Float32Array): boolean {
  if (history.events.length === 0) return false;
  const table = model.content;
  if (!table) return false;
  const profile = new Float64Array(table.dim);
  for (const [item, weight] of recencyWeights(history, options.decay, options.window, options.eventWeights)) {
    const row = vectorRow(table, item);
    for (let d = 0; d < table.dim; d++) profile[d]! += weight * row[d]!;
  }
  scoreItemVectors(table, profile, out);
  return true;
}
