/**
 * An error kept with a run (`import_run.error`) or a connector (`connector.last_error`): its English text,
 * which the command line prints and `--json` users read, and beside it the code and parameters the
 * interface translates as it does live errors (migration 007).
 */
import { ErrorDetail } from './contract';
import { ERROR_CODES, isAppError, type ErrorCode } from '../core/errors';

export interface StoredError {
  readonly text: string;
  readonly detail: ErrorDetail | null;
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Only an AppError with one of the API's codes gets a detail. Anything else (SQLite's, the file system's
 * or a bug's own words, a worker passing on an errno as its code, or INTERNAL wrapping such words) keeps
 * none: those English words are the only clue to what happened, and the INTERNAL sentence would replace
 * them with "the details are in custodia.log", which nothing writes for an error caught here. Without a
 * detail the interface shows the words as they are, marked as English.
 */
export function storedError(error: unknown): StoredError {
  const text = error instanceof Error ? error.message : String(error);
  if (!isAppError(error) || !isErrorCode(error.code) || error.code === 'INTERNAL') return { text, detail: null };
  return { text, detail: error.params ? { code: error.code, params: { ...error.params } } : { code: error.code } };
}

/** The column's value: JSON, or NULL. */
export function detailJson(detail: ErrorDetail | null): string | null {
  return detail === null ? null : JSON.stringify(detail);
}

/**
 * Null for errors stored before migration 007, and for a detail that does not read as one: the English
 * text is still there to show, which beats refusing the whole list of runs.
 */
export function parseDetail(json: string | null): ErrorDetail | null {
  if (json === null) return null;
  const parsed = ErrorDetail.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}
