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

/** Each retry frees this share of the stored events (and at least the batch's size). */
export const QUOTA_DROP_FRACTION = 0.25;
/** Retries per batch: at most ~44% of the history goes in one episode, never all of it. */
export const QUOTA_MAX_RETRIES = 2;
/** Pause before a retry: Chromium's IndexedDB frees deleted space only after its compaction runs. */
export const QUOTA_RETRY_DELAY_MS = 250;

/**
 * Appends; when the browser says the origin is over quota, deletes the oldest events (a quarter of the
 * history, at least as many as the batch) and retries after a pause, at most QUOTA_MAX_RETRIES times. Recent
 * behaviour matters most for ranking, so the oldest is what goes. Measured in Chromium (e2e quota scenario):
 * deleting does not free space at once, and the quota may be full of the shop's own data, so the number of
 * drops is bounded: the history is never drained to make room. Throws STORAGE_QUOTA when there is still no room.
 */
export async function appendWithQuotaRecovery(
  target: QuotaTarget,
  events: readonly StoredEvent[],
  { delayMs = QUOTA_RETRY_DELAY_MS, maxRetries = QUOTA_MAX_RETRIES }: { delayMs?: number; maxRetries?: number } = {},
): Promise<AppendReport> {
  let droppedForQuota = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return { ...(await target.add(events)), droppedForQuota };
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const stored = await target.count();
      if (attempt >= maxRetries || stored === 0) {
        const failure = new StorageError('STORAGE_QUOTA', `the browser refused to store ${events.length} events for lack of space, even after deleting ${droppedForQuota} old ones`);
        throw Object.assign(failure, { droppedForQuota });
      }
      droppedForQuota += await target.dropOldest(Math.max(events.length, Math.ceil(stored * QUOTA_DROP_FRACTION)));
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
