/** Stable codes for the applications (shops, coupons, new arrivals, portable profiles); match on `code`. */
export type ApplicationErrorCode =
  /** A coupon (in a bundle's coupon section or passed by the page) is malformed; the message names the field. */
  | 'COUPON_INVALID'
  /** A portable profile is not JSON of the expected shape, or too large. */
  | 'PROFILE_INVALID'
  /** A portable profile from a newer reshelf; upgrade reshelf on this shop to import it. */
  | 'PROFILE_UNSUPPORTED_VERSION'
  /** `importProfile` was called without a `confirm` callback, or the preview it confirms has expired. */
  | 'CONFIRMATION_REQUIRED';

export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ApplicationError';
  }
}
