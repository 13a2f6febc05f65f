/**
 * Every failure Sift reports carries a stable `code` (for programs, tests and the CLI's --json)
 * and a message a person can act on ("row 312: the label is empty"). Literal union, not an enum,
 * so codes survive structured cloning across the worker boundary unchanged.
 *
 * One shape travels: the engine throws SiftError; anything thrown becomes an AppError (plain
 * data) through toAppError, which is what crosses the worker boundary, what the store keeps and
 * the page shows, and what the CLI prints with --json.
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
  /** The backend stopped giving real results mid-run (a lost WebGL context): see model/faults.ts. */
  | 'BACKEND_FAULT'
  | 'NOT_TRAINED'
  // a long run (finding label problems) stopped on request
  | 'CANCELLED'
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

/**
 * Codes only the page produces: a parse the person cancelled, a worker that died, a sample that
 * could not be fetched. INTERNAL is anything that was not a SiftError (a bug).
 */
export type PageErrorCode = 'CANCELLED' | 'WORKER_FAILED' | 'FETCH_FAILED' | 'FILE_UNREADABLE';

export type ErrorCode = SiftErrorCode | PageErrorCode | 'INTERNAL';

/** Where in the user's file a problem is; rows are 1-based data rows (header excluded). */
export interface ErrorLocation {
  row?: number;
  column?: string;
}

/** The one serialised form of an error: plain data for postMessage, the store and JSON output. */
export interface AppError extends ErrorLocation {
  code: ErrorCode;
  message: string;
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

  toJSON(): AppError {
    return { code: this.code, message: this.message, ...this.location };
  }
}

/** The message of anything thrown (an Error's message, else its string form). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && typeof (e as AppError).code === 'string' && typeof (e as AppError).message === 'string';
}

/** Anything thrown or rejected → an AppError; what is neither a SiftError nor one already is INTERNAL. */
export function toAppError(e: unknown): AppError {
  if (e instanceof SiftError) return e.toJSON();
  if (isAppError(e)) {
    const { code, message, row, column } = e;
    return { code, message, ...(row !== undefined && { row }), ...(column !== undefined && { column }) };
  }
  return { code: 'INTERNAL', message: `Unexpected error: ${errorMessage(e)}` };
}
