import type { ReshelfReason } from './errors.js';
import type { OnlineFusionStatus } from '../fusion/online/onlineStatus.js';

/** Storage trouble reshelf handled without stopping: the device ran out of quota, or a write failed. */
export interface StorageReport {
  /** Oldest events deleted so newer ones fit (the browser refused a write for lack of quota). */
  droppedForQuota: number;
  /** Events that could not be stored at all; they still shaped ranking in this page view. */
  notStored: number;
  /** The last storage problem, with a code. */
  reason: ReshelfReason;
}

/** What reshelf is doing right now, readable at any time through `status()`. */
export type ReshelfStatus =
  | { state: 'starting' }
  | {
      state: 'ready';
      /** Where history lives; 'memory' means it will not survive a reload (see `storageReason`). */
      storage: 'indexeddb' | 'memory';
      storageReason?: ReshelfReason;
      catalog: { version: string; items: number };
      /** Present once storage had to give something up in this page view: what and why. */
      storageReport?: StorageReport;
      /** On-device online learning of the fusion weights: on or off, evidence so far, multipliers in use (updated after each ranking). */
      online?: OnlineFusionStatus;
    }
  /** Personalisation is off; every widget keeps the page's original order. */
  | { state: 'unavailable'; reason: ReshelfReason };
