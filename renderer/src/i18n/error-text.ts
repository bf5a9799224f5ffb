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

/**
 * The backend's own English words, worth showing under the translated sentence when that sentence is
 * only the general one for its code: a connector's server message ("column x does not exist") is what a
 * steward needs to correct a query.
 */
export function untranslatedDetail(t: TFunction, error: ClientError): string | null {
  if (error.code !== 'CONNECTOR_FAILED') return null;
  const reason = error.params?.reason;
  const specific = typeof reason === 'string' && t(`errors.${error.code}_${reason}`, { defaultValue: '' }) !== '';
  return specific ? null : error.message;
}
