/**
 * Every failure Sift reports carries a stable `code` (for programs, tests and the CLI's --json)
 * and a message a person can act on ("row 312: the label is empty"). Literal union, not an enum,
 * so codes survive structured cloning across the worker boundary unchanged.
 */
export type SiftErrorCode =
  // reading a file
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'DECODE_FAILED'
  | 'NOT_TABULAR'
  | 'HEADER_ONLY'
  | 'UNKNOWN_COLUMN'
  | 'SAME_COLUMN'
  | 'NO_EXAMPLES'
  | 'SINGLE_CLASS'
  // options and settings
  | 'INVALID_OPTION'
  // training and prediction
  | 'BACKEND_UNAVAILABLE'
  | 'TRAINING_FAILED'
  | 'NOT_TRAINED'
  // bundles
  | 'BAD_BUNDLE'
  | 'BUNDLE_VERSION'
  | 'BUNDLE_MISMATCH'
  /** A size, count, shape or text in the bundle beyond what any real Sift model needs (a zip bomb, a lying size, a 50 MB name). */
  | 'BUNDLE_TOO_LARGE'
  /** A zip entry named to escape its folder (../, an absolute path) or two entries of one name. */
  | 'BUNDLE_ENTRY_NAME'
  /** Weights that make some prediction infinite or not a probability (NaN, 3e38). */
  | 'BUNDLE_BAD_WEIGHTS'
  // files on disk (CLI)
  | 'FILE_NOT_FOUND';

/** Where in the user's file a problem is; rows are 1-based data rows (header excluded). */
export interface ErrorLocation {
  row?: number;
  column?: string;
}

export class SiftError extends Error {
  override readonly name = 'SiftError';
  constructor(
    readonly code: SiftErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
  ) {
    super(message);
  }

  /** Plain data for postMessage / JSON output. */
  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...this.location };
  }
}

export interface SerializedError extends ErrorLocation {
  code: SiftErrorCode | 'INTERNAL';
  message: string;
}

export function isSiftError(e: unknown): e is SiftError {
  return e instanceof SiftError;
}

/** Turns anything thrown into plain data; unknown errors become INTERNAL with their message. */
export function serializeError(e: unknown): SerializedError {
  if (isSiftError(e)) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}
