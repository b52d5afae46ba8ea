import type { StoredEvent } from '../api/events.js';

export interface AddOutcome {
  /** Events newly stored. */
  added: number;
  /** Events already stored (same dedupe key): the other write path got there first. */
  duplicates: number;
}

/**
 * Issues one `add` per event on a raw `events` store, synchronously. A duplicate (ConstraintError on the
 * unique `by-dedupe` index) is counted and its error prevented, so it does not abort the rest of the batch.
 */
export function issueAdds(store: IDBObjectStore, events: readonly StoredEvent[], outcome: AddOutcome): void {
  for (const event of events) {
    const { seq: _seq, ...record } = event;
    const request = store.add(record);
    request.onsuccess = () => void outcome.added++;
    request.onerror = (error) => {
      if (request.error?.name === 'ConstraintError') {
        error.preventDefault();
        error.stopPropagation();
        outcome.duplicates++;
      }
    };
  }
}

/** Resolves when a raw transaction commits; rejects with its error (e.g. QuotaExceededError) when it aborts. */
export function transactionDone<T>(tx: IDBTransaction, value: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    tx.addEventListener('complete', () => resolve(value()));
    tx.addEventListener('abort', () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError')));
  });
}

/** Adds events in one raw readwrite transaction on `events`; duplicates are skipped and counted. */
export function addEventsIgnoringDuplicates(tx: IDBTransaction, events: readonly StoredEvent[]): Promise<AddOutcome> {
  const outcome: AddOutcome = { added: 0, duplicates: 0 };
  issueAdds(tx.objectStore('events'), events, outcome);
  return transactionDone(tx, () => outcome);
}
