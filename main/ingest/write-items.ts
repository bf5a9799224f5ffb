/**
 * Read items turned into exactly what the database thread writes. Everything that costs CPU and needs
 * no database (normalization, the identity hash, the raw JSON, search terms, the display name) is done
 * here, in the parse workers for files, so the thread that owns the vault only runs statements. The
 * shapes are flat strings and arrays because they cross a thread boundary by structured clone, whose
 * cost grows with the number of objects.
 */
import crypto from 'node:crypto';
import type { KnownRows } from './known-rows';
import { mappingSeed, rowFingerprint } from './known-rows';
import { applyMapping, keyOf, type MappedConsent, type MappedEvent, type MappedRecord } from './mapping/apply';
import type { FieldFlag } from './mapping/row-context';
import type { Mapping } from './mapping/fields';
import { displayName, searchTerms, sortKey } from './search-terms';
import type { ReasonDetails } from './reasons';
import type { ReadItem } from './types';

/** The identity columns of `source_record`, in the order of `PreparedRecord.columns`. */
export const RECORD_COLUMNS = [
  'givenName',
  'familyName',
  'fullName',
  'street',
  'city',
  'postalCode',
  'region',
  'country',
  'birthDate',
  'nationalId',
  'language',
] as const;
/**
 * Hashed in this order; a national id and a language, added later, are hashed after them only when present,
 * so older records keep their digest and re-importing an old file changes nothing.
 */
const HASHED_COLUMNS = RECORD_COLUMNS.filter((column) => column !== 'nationalId' && column !== 'language');

const MAX_RAW = 10_000;

export interface PreparedRecord {
  /** The source's own key for the record (customer number, or normalized email). */
  readonly key: string;
  /** SHA-256 of the identity part; events and consents are keyed separately and are not changes. */
  readonly hash: string;
  /** Normalized identity values, in RECORD_COLUMNS order; null where the source has none. */
  readonly columns: readonly (string | null)[];
  /** The row as the source sent it (JSON). */
  readonly raw: string;
  /** See known-rows.ts. */
  readonly rowHash: string;
  readonly displayName: string;
  readonly sortKey: string;
  /** What the full-text index holds for a profile made of this record alone. */
  readonly terms: string;
  /** `kind, value, raw` triples: emails then phones. */
  readonly identifiers: readonly string[];
  readonly consents: readonly MappedConsent[];
  readonly events: readonly MappedEvent[];
  /** Values kept raw because they could not be read (see mapping/row-context.ts); usually none. */
  readonly flags: readonly FieldFlag[];
}

export type WriteItem =
  | { readonly kind: 'record'; readonly line: number; readonly record: PreparedRecord }
  /** A row some record was written from, unchanged since: only what duplicate detection needs. */
  | { readonly kind: 'same'; readonly line: number; readonly key: string; readonly rowHash: string; readonly raw: string }
  | { readonly kind: 'reject'; readonly line: number; readonly reasons: readonly string[]; readonly details?: ReasonDetails; readonly raw: string }
  /** Events with no key and no personal data: counted, nothing stored. */
  | { readonly kind: 'anonymous'; readonly line: number };

const UNIT = '\u001f';
const RECORD = '\u001e';

/**
 * A digest of the identity part of a record, normalized values and the cells they came from: a
 * re-import compares it to decide "unchanged". Built by concatenation rather than JSON.stringify of the
 * nested identity (half the cost of a row's preparation went there); the separators are control
 * characters that normalization removes from every value.
 */
export function identityHash(record: MappedRecord): string {
  const { identity } = record;
  let text = '';
  for (const column of HASHED_COLUMNS) {
    const field = identity[column];
    text += field === undefined ? RECORD : field.value + UNIT + field.raw + RECORD;
  }
  for (const email of identity.emails) text += email.value + UNIT + email.raw + UNIT;
  text += RECORD;
  for (const phone of identity.phones) text += phone.value + UNIT + phone.raw + UNIT + (phone.type ?? '') + UNIT;
  if (identity.nationalId !== undefined) text += RECORD + 'nationalId' + UNIT + identity.nationalId.value + UNIT + identity.nationalId.raw;
  if (identity.language !== undefined) text += RECORD + 'language' + UNIT + identity.language.value + UNIT + identity.language.raw;
  // A bad phone replaced by another bad phone is a change too.
  if (identity.unusable !== undefined) text += RECORD + identity.unusable.join(UNIT);
  return crypto.hash('sha256', text, 'base64');
}

export function prepareRecord(record: MappedRecord, raw: string, rowHash: string, flags: readonly FieldFlag[] = []): PreparedRecord {
  const { identity } = record;
  const identifiers: string[] = [];
  for (const email of identity.emails) identifiers.push('email', email.value, email.raw);
  for (const phone of identity.phones) identifiers.push('phone', phone.value, phone.raw);
  return {
    key: record.sourceRecordId,
    hash: identityHash(record),
    columns: RECORD_COLUMNS.map((column) => identity[column]?.value ?? null),
    raw,
    rowHash,
    displayName: displayName(record),
    sortKey: sortKey(record),
    terms: searchTerms([record]),
    identifiers,
    consents: record.consents,
    events: record.events,
    flags,
  };
}

const seeds = new WeakMap<Mapping, string>();

function seedFor(mapping: Mapping): string {
  let seed = seeds.get(mapping);
  if (seed === undefined) seeds.set(mapping, (seed = mappingSeed(mapping)));
  return seed;
}

/** `known`: the fingerprints of the rows the source's records came from (none on a first import). */
export function prepareItems(items: readonly ReadItem[], mapping: Mapping, known: KnownRows | null = null): WriteItem[] {
  const seed = seedFor(mapping);
  return items.map((item): WriteItem => {
    if (item.kind === 'problem') {
      const { line, reason, raw, detail } = item.problem;
      return { kind: 'reject', line, reasons: [reason], details: [detail ?? null], raw };
    }
    const { row } = item;
    const raw = JSON.stringify(row.values);
    const fingerprint = rowFingerprint(seed, raw);
    if (known?.has(fingerprint.bytes)) {
      const key = keyOf(row, mapping);
      if (key !== null) return { kind: 'same', line: row.line, key, rowHash: fingerprint.text, raw: raw.slice(0, MAX_RAW) };
    }
    const result = applyMapping(row, mapping);
    if (!result.ok) return { kind: 'reject', line: row.line, reasons: result.reasons, details: result.details, raw: raw.slice(0, MAX_RAW) };
    if (result.kind === 'anonymous') return { kind: 'anonymous', line: row.line };
    return { kind: 'record', line: row.line, record: prepareRecord(result.record, raw, fingerprint.text, result.flags) };
  });
}

/**
 * A row mapped again from the raw JSON a `same` item carries (see RecordWriter.same). Null when the raw
 * text was cut to MAX_RAW, or the row no longer maps to a record.
 */
export function remapRaw(line: number, raw: string, mapping: Mapping): PreparedRecord | null {
  if (raw.length >= MAX_RAW) return null;
  const values = JSON.parse(raw) as Record<string, unknown>;
  const result = applyMapping({ line, values }, mapping);
  if (!result.ok || result.kind !== 'record') return null;
  return prepareRecord(result.record, raw, rowFingerprint(seedFor(mapping), raw).text, result.flags);
}
