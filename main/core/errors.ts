/**
 * The closed set of error codes that cross the API boundary. The UI translates each code;
 * stack traces and anything personal stay in the local log.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NO_VAULT',
  'VAULT_EXISTS',
  'LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'WRONG_PASSPHRASE',
  'RATE_LIMITED',
  'NOT_A_VAULT',
  'VAULT_DAMAGED',
  'VAULT_TOO_NEW',
  'DOWNGRADE_REFUSED',
  'BACKUP_INVALID',
  'BACKUP_OTHER_VAULT',
  'CHECKPOINT_INVALID',
  'FILE_EMPTY',
  'FILE_UNSUPPORTED',
  /** Reading the file would take more than Custodia allows one file: params.reason says which limit. */
  'FILE_TOO_LARGE',
  'ENCODING_UNKNOWN',
  'CONNECTOR_FAILED',
  'CANCELLED',
  'IO_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Readonly<Record<string, string | number>>;

export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly params?: ErrorParams;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** Thrown by domain code; dispatch() turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
