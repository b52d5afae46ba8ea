import type { BundleErrorCode } from '../catalog/bundleError.js';
import type { StorageErrorCode } from '../storage/storageError.js';

/** Every reason reshelf can give for keeping the page's original order. Stable: match on these. */
export type ReshelfErrorCode =
  | BundleErrorCode
  /** History cannot be stored durably (see storage/storageError.ts); reshelf runs from memory and says why. */
  | StorageErrorCode
  | 'NOT_IN_BROWSER'
  | 'WORKER_UNAVAILABLE'
  | 'WORKER_TIMEOUT'
  | 'WORKER_CRASHED'
  | 'CLOSED'
  | 'INVALID_ARGUMENT'
  /** The shopper did not consent (Global Privacy Control, or the page said `consent: false`); nothing is stored. */
  | 'NO_CONSENT'
  | 'INTERNAL';

/** Why reshelf is not (or not fully) personalising, with a message that says what to fix. */
export interface ReshelfReason {
  code: ReshelfErrorCode;
  message: string;
}

/** Turns anything thrown (including errors that crossed the worker boundary) into a reason. */
export function toReason(error: unknown, fallback: ReshelfErrorCode = 'INTERNAL'): ReshelfReason {
  const message = error instanceof Error ? error.message : String(error);
  const code = /^(BUNDLE_[A-Z_]+):/.exec(message)?.[1] as ReshelfErrorCode | undefined;
  return { code: code ?? fallback, message };
}
