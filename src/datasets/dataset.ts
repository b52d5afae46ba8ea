import type { ItemAttributes } from '../catalog/catalogModel.js';

/**
 * The common in-memory shape of every interaction dataset reshelf reads (research sets for `reshelf eval`,
 * a shop's own export for `reshelf build`). Pure data: no file access here, so the same type serves the CLI
 * and the browser worker.
 *
 * Items are addressed by a dense index 0..items.length-1; `items[i].id` keeps the original id string.
 * Ties in every ranking are broken by this index, so readers must assign it in the dataset's own id order.
 */

/** What the shopper did. Research sets without this information leave `types` absent. */
export type EventType = 'view' | 'click' | 'cart' | 'purchase';

export const EVENT_TYPES: readonly EventType[] = ['view', 'click', 'cart', 'purchase'];

export interface DatasetItem {
  /** The dataset's own item id (string, never parsed as a number). */
  id: string;
  /** Display attributes (title, brand, category...), whatever the source has. */
  attributes: ItemAttributes;
  /** Free text for content vectors (title, description, category words); tokenised with Intl.Segmenter. */
  text: string;
  /** Categorical features kept whole as single tokens (attribute ids, brand, category path entries). */
  tags: string[];
}

/** One user's interactions in chronological order; parallel arrays, optional parts absent when unknown. */
export interface UserSequence {
  userId: string;
  items: Int32Array;
  /** Event type per interaction; absent when the source only says "interacted" (reviews, purchases). */
  types?: EventType[];
  /** Milliseconds since the epoch per interaction; absent when the source has no time. */
  timestamps?: Float64Array;
}

export interface Dataset {
  name: string;
  items: DatasetItem[];
  users: UserSequence[];
}

/** Copy of a sequence restricted to its first `length` interactions (keeps the optional parts aligned). */
export function truncateSequence(sequence: UserSequence, length: number): UserSequence {
  const out: UserSequence = { userId: sequence.userId, items: sequence.items.subarray(0, length) };
  if (sequence.types) out.types = sequence.types.slice(0, length);
  if (sequence.timestamps) out.timestamps = sequence.timestamps.subarray(0, length);
  return out;
}

/** Total number of interactions over all users. */
export function interactionCount(users: readonly UserSequence[]): number {
  let total = 0;
  for (const user of users) total += user.items.length;
  return total;
}

/** A dataset reader error with a stable code and a message that says what to fix. */
export class DatasetError extends Error {
  constructor(
    readonly code: 'DATASET_MISSING_FILE' | 'DATASET_BAD_LINE' | 'DATASET_UNKNOWN_ITEM' | 'DATASET_UNKNOWN_FORMAT' | 'DATASET_EMPTY',
    message: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}
