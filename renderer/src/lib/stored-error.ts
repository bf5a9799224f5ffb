/**
 * An error stored with a run or a connector, as the steward reads it: from its code, in the same words as
 * the live error it once was (errorText), with the server's English words under a general sentence
 * (untranslatedDetail); stored without a code, or before codes were kept, its English text as written,
 * marked as English.
 */
import type { TFunction } from 'i18next';
import type { ErrorDetail } from '../../../main/api/contract';
import { ERROR_CODES, type ErrorCode } from '../../../main/api/errors';
import type { ClientError } from '../api/client';
import { errorText, untranslatedDetail } from '../i18n/error-text';

export interface ShownError {
  readonly text: string;
  /** The language the text is in: the interface's, or English for an error without a code. */
  readonly lang: string | undefined;
  /** The backend's English words, shown under a general sentence; null when the sentence says it all. */
  readonly detail: string | null;
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The detail as the live error it was; null for a code this version does not know (its text is then all there is). */
function asClientError(text: string, detail: ErrorDetail | null): ClientError | null {
  if (detail === null || !isErrorCode(detail.code)) return null;
  return detail.params ? { code: detail.code, message: text, params: detail.params } : { code: detail.code, message: text };
}

export function shownError(t: TFunction, text: string, detail: ErrorDetail | null): ShownError {
  const error = asClientError(text, detail);
  if (error === null) return { text, lang: 'en', detail: null };
  return { text: errorText(t, error), lang: undefined, detail: untranslatedDetail(t, error) };
}

/** For a `title` attribute, which has one language only: the sentence, then the English words on their own line. */
export function shownErrorTitle(shown: ShownError): string {
  return shown.detail ? `${shown.text}\n${shown.detail}` : shown.text;
}
