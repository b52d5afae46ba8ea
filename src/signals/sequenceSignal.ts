import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_EVENT_WEIGHTS, recencyWeights, type EventWeights, type ShopperHistory } from './history.js';
import { addNeighbourRow } from './itemKnnSignal.js';

export interface SequenceOptions {
  /** Number of most recent events that vote (L). */
  window: number;
  /** Weight decay^(steps from the latest event). */
  decay: number;
  eventWeights: EventWeights;
}

export const DEFAULT_SEQUENCE: SequenceOptions = { window: 5, decay: 0.3, eventWeights: DEFAULT_EVENT_WEIGHTS };

/**
 * Sequence signal: next-item transition counts from the last `window` items, the latest weighing most.
 * Abstains without a transition table or history.
 */
export function scoreSequence(model: CatalogModel, history: ShopperHistory, options: SequenceOptions, out: Float32Array): boolean {
  const table = model.transitions;
  if (!table || history.events.length === 0) return false;
  out.fill(0);
  for (const [item, weight] of recencyWeights(history, options.decay, options.window, options.eventWeights)) {
    addNeighbourRow(table, item, weight, out);
  }
  return true;
}
