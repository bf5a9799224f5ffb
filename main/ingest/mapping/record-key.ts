/**
 * The record key of a row: the source's customer number, loyalty card or email. A key that cannot be
 * used is flagged, never repaired: a card Excel turned into `6,03314E+15` is the same string for many
 * different cards, and keying by it would fuse strangers into one record. A row without a usable key
 * that still names someone gets a key of its own (see fallbackKey).
 */
import crypto from 'node:crypto';
import { normalizeEmail } from '../normalize/email';
import { isExcelDamaged } from '../normalize/excel-damage';
import { isBlank, rawText } from '../normalize/result';
import { cleanText } from '../normalize/text';
import type { MappedIdentity } from './mapped';
import { isPlainObject, readPath } from './paths';
import type { RowContext } from './row-context';

const MAX_RECORD_KEY = 200;

/**
 * The key, or null (flagged when there was a value that could not serve). A blank key is flagged too:
 * the steward sees which records have no customer number.
 */
export function readRecordKey(context: RowContext, keyColumn: string, keyIsEmail: boolean, values: Readonly<Record<string, unknown>>): string | null {
  const raw = readPath(values, keyColumn);
  const column = keyColumn;
  const flag = (reason: string, code: 'keyMissing' | 'keyNotSingle' | 'keyTooLong' | 'keyDamaged', params: Record<string, string | number> = {}) =>
    context.flag({ field: 'sourceRecordId', column, reason, detail: { code, params: { column, ...params } }, raw: rawText(raw) });
  if (isBlank(raw)) {
    flag(`no customer number in column ${column}`, 'keyMissing');
    return null;
  }
  if (Array.isArray(raw) || isPlainObject(raw)) {
    flag(`${column}: a customer number must be a single value`, 'keyNotSingle');
    return null;
  }
  if (isExcelDamaged(raw)) {
    flag(`${column}: digits lost to spreadsheet scientific notation; not used as a customer number`, 'keyDamaged');
    return null;
  }
  if (keyIsEmail) return context.take('sourceRecordId', column, normalizeEmail(raw), 'email');
  const key = cleanText(rawText(raw));
  if (key === '') {
    flag(`no customer number in column ${column}`, 'keyMissing');
    return null;
  }
  if (key.length > MAX_RECORD_KEY) {
    flag(`${column}: a customer number cannot be longer than ${MAX_RECORD_KEY} characters`, 'keyTooLong', { max: MAX_RECORD_KEY });
    return null;
  }
  return key;
}

/** Keys Custodia made up start with `~`, which no cleaned customer number of a real export is likely to. */
export const FALLBACK_PREFIX = '~';

/**
 * A key for a row that names someone but has no usable customer number. The transaction number first: a
 * till sale without a card is that sale's customer (identity resolution may later find them elsewhere).
 * Then the email, then a digest of what identifies the person, so the same row imported again finds the
 * same record instead of adding a copy.
 */
export function fallbackKey(identity: MappedIdentity, transactionId: string | undefined): string {
  if (transactionId !== undefined) return `${FALLBACK_PREFIX}txn:${transactionId}`;
  const email = identity.emails[0]?.value;
  if (email !== undefined) return `${FALLBACK_PREFIX}email:${email}`;
  const parts = [
    identity.givenName?.raw,
    identity.familyName?.raw,
    identity.fullName?.raw,
    identity.birthDate?.raw,
    identity.street?.raw,
    ...identity.phones.map((phone) => phone.value),
    ...(identity.unusable ?? []),
  ];
  return `${FALLBACK_PREFIX}row:${crypto.hash('sha256', JSON.stringify(parts), 'base64url').slice(0, 22)}`;
}

/** Whether a record built from this identity would name a person (a city alone does not). */
export function identifiesSomeone(identity: MappedIdentity): boolean {
  return (
    identity.givenName !== undefined ||
    identity.familyName !== undefined ||
    identity.fullName !== undefined ||
    identity.birthDate !== undefined ||
    identity.street !== undefined ||
    identity.emails.length > 0 ||
    identity.phones.length > 0 ||
    (identity.unusable?.length ?? 0) > 0
  );
}
