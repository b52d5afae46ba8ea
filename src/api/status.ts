import type { ReshelfReason } from './errors.js';

/** What reshelf is doing right now, readable at any time through `status()`. */
export type ReshelfStatus =
  | { state: 'starting' }
  | {
      state: 'ready';
      /** Where history lives; 'memory' means it will not survive a reload (see `storageReason`). */
      storage: 'indexeddb' | 'memory';
      storageReason?: ReshelfReason;
      catalog: { version: string; items: number };
    }
  /** Personalisation is off; every widget keeps the page's original order. */
  | { state: 'unavailable'; reason: ReshelfReason };
