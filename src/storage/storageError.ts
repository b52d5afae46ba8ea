/** Why the durable store could not be used; the worker then keeps history in memory and says so. */
export type StorageErrorCode = 'STORAGE_UNAVAILABLE' | 'STORAGE_BLOCKED' | 'STORAGE_QUOTA';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'StorageError';
  }
}

/** True for the browser's "disk full / over quota" failure, whatever wrapper carried it. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (error instanceof StorageError && error.code === 'STORAGE_QUOTA');
}
