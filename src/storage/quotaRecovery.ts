import type { StoredEvent } from '../api/events.js';
import type { AddOutcome } from './addEvents.js';
import { isQuotaError, StorageError } from './storageError.js';

/** What one append did, reported back to the page (and readable through `status()`). */
export interface AppendReport extends AddOutcome {
  /** Oldest events deleted to make room after the browser refused a write for lack of quota. */
  droppedForQuota: number;
}

export interface QuotaTarget {
  add(events: readonly StoredEvent[]): Promise<AddOutcome>;
  count(): Promise<number>;
  dropOldest(count: number): Promise<number>;
}

/** Each retry frees at least this share of the stored events (and at least the batch's size). */
export const QUOTA_DROP_FRACTION = 0.25;
export const QUOTA_MAX_RETRIES = 4;

/**
 * Appends; when the browser says the origin is over quota, deletes the oldest events (a quarter of the
 * history, at least as many as the batch) and retries, up to QUOTA_MAX_RETRIES times. Recent behaviour matters
 * most for ranking, so the oldest is what goes. Throws STORAGE_QUOTA when even that does not make room.
 */
export async function appendWithQuotaRecovery(target: QuotaTarget, events: readonly StoredEvent[]): Promise<AppendReport> {
  let droppedForQuota = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return { ...(await target.add(events)), droppedForQuota };
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const stored = await target.count();
      if (attempt >= QUOTA_MAX_RETRIES || stored === 0) {
        throw new StorageError('STORAGE_QUOTA', `the browser refused to store ${events.length} events for lack of space, even after deleting ${droppedForQuota} old ones`);
      }
      droppedForQuota += await target.dropOldest(Math.max(events.length, Math.ceil(stored * QUOTA_DROP_FRACTION)));
    }
  }
}
