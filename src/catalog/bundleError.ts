/** Stable codes for every way a bundle can be rejected; integrators match on `code`, not on the message. */
export type BundleErrorCode =
  /** A file could not be downloaded (network error, HTTP status other than 2xx). */
  | 'BUNDLE_FETCH_FAILED'
  /** manifest.json is not JSON, lacks a field, names a file with a path, or is unreasonably large. */
  | 'BUNDLE_MANIFEST_INVALID'
  /** The manifest's `format`/`version` is not one this reshelf reads. */
  | 'BUNDLE_UNSUPPORTED_VERSION'
  /** A section refers to a file the manifest does not list. */
  | 'BUNDLE_FILE_MISSING'
  /** A file's length differs from the manifest (a truncated or appended download). */
  | 'BUNDLE_SIZE_MISMATCH'
  /** A file's SHA-256 differs from the manifest (corruption, or a file from another build). */
  | 'BUNDLE_HASH_MISMATCH'
  /** A file's content does not have the shape its section declares (rows, dimensions, entries, lengths). */
  | 'BUNDLE_SHAPE_MISMATCH'
  /** A NaN or an infinity where a number must be finite. */
  | 'BUNDLE_NON_FINITE'
  /** A finite number outside its domain: a negative scale or count, an item index outside the catalog. */
  | 'BUNDLE_VALUE_OUT_OF_RANGE'
  /** The same item id twice. */
  | 'BUNDLE_DUPLICATE_ID'
  /** An empty, overlong or hostile item id (`__proto__`, `constructor`, `prototype`). */
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
