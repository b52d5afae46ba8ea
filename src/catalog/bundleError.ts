/** Stable codes for every way a bundle can be rejected; integrators match on `code`, not on the message. */
export type BundleErrorCode =
  | 'BUNDLE_FETCH_FAILED'
  | 'BUNDLE_MANIFEST_INVALID'
  | 'BUNDLE_UNSUPPORTED_VERSION'
  | 'BUNDLE_FILE_MISSING'
  | 'BUNDLE_SIZE_MISMATCH'
  | 'BUNDLE_HASH_MISMATCH'
  | 'BUNDLE_SHAPE_MISMATCH'
  | 'BUNDLE_NON_FINITE'
  | 'BUNDLE_DUPLICATE_ID'
  | 'BUNDLE_INVALID_ID';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BundleError';
  }
}
