/**
 * Every error code the UI can receive has its own sentence in both languages; the backend's English
 * message is shown only if a code were ever missing from the translations.
 */
import type { TFunction } from 'i18next';
import type { ClientError } from '../api/client';

export function errorText(t: TFunction, error: ClientError): string {
  const params = error.params ?? {};
  const general = t(`errors.${error.code}`, { ...params, defaultValue: error.message });
  // A code can name its case more precisely (CONFLICT + importRunning); the general sentence is the fallback.
  return typeof params.reason === 'string' ? t(`errors.${error.code}_${params.reason}`, { ...params, defaultValue: general }) : general;
}
