/**
 * Bulk corrections of flagged values: the stored raw text read again with what the steward knows ("these
 * phones are Polish", "this column's dates are day/month"), never the file. What now reads is stored as
 * the import would have stored it (an identifier, a postal code, a birth date, the event whose date was
 * missing) and its flag goes; what still does not read stays flagged. Applying the same correction twice
 * changes nothing the second time: the values it fixed are no longer flagged.
 */
import crypto from 'node:crypto';
import { AppError } from '../../core/errors';
import { sql, type SqlRunner } from '../../store/sql';
import { mappingTimeZone } from '../mapping/fields';
import type { MappedEvent } from '../mapping/apply';
import { parseDate } from '../normalize/date';
import { normalizePhone } from '../normalize/phone';
import { normalizePostalCode } from '../normalize/postal';
import { profileOf, refreshProfile } from '../profile-refresh';
import { contentKey, eventRawJson, nthKey } from '../record-writer';
import { getSource } from '../sources';
import type { Correction, CorrectionPlan } from './contract';
import { foldColumn } from './flags';

interface FlagRow {
  readonly id: number;
  readonly recordId: number;
  readonly field: string;
  readonly column: string;
  readonly raw: string;
  readonly detail: string | null;
  readonly runId: number;
}

type Fix =
  | { readonly flag: FlagRow; readonly kind: 'phone'; readonly value: string }
  | { readonly flag: FlagRow; readonly kind: 'postalCode'; readonly value: string }
  | { readonly flag: FlagRow; readonly kind: 'birthDate'; readonly value: string }
  | { readonly flag: FlagRow; readonly kind: 'event'; readonly event: MappedEvent };

interface Planned {
  readonly matched: readonly FlagRow[];
  readonly fixes: readonly Fix[];
}

/** The flags a correction looks at: the field and reason it is about, in the column it names. */
function matchedFlags(db: SqlRunner, sourceId: number, correction: Correction): FlagRow[] {
  const { field, code } =
    correction.kind === 'phoneCountry'
      ? { field: ['phone'], code: 'phone' }
      : correction.kind === 'postalCountry'
        ? { field: ['postalCode'], code: 'postalCode' }
        : { field: ['birthDate', 'event.at'], code: 'date' };
  const rows = db.all<FlagRow>(sql`
    SELECT f.id, f.source_record_id AS recordId, f.field, f.column_name AS "column", f.raw, f.detail, f.run_id AS runId
    FROM record_flag f JOIN source_record r ON r.id = f.source_record_id
    WHERE r.source_id = ${sourceId} AND f.code = ${code} AND f.field IN (SELECT value FROM json_each(${JSON.stringify(field)}))
    ORDER BY f.id`);
  return correction.column === undefined ? rows : rows.filter((row) => foldColumn(row.column) === correction.column);
}

function fixFor(flag: FlagRow, correction: Correction, timeZone: string, now: Date): Fix | null {
  switch (correction.kind) {
    case 'phoneCountry': {
      const phone = normalizePhone(flag.raw, correction.country);
      return phone.ok && phone.value !== null ? { flag, kind: 'phone', value: phone.value.e164 } : null;
    }
    case 'postalCountry': {
      const postal = normalizePostalCode(flag.raw, correction.country);
      return postal.ok && postal.value !== null ? { flag, kind: 'postalCode', value: postal.value } : null;
    }
    case 'dateFormat': {
      const kind = flag.field === 'birthDate' ? 'birth' : 'event';
      const date = parseDate(flag.raw, correction.format, { kind, now, timeZone });
      if (!date.ok || date.value === null) return null;
      if (flag.field === 'birthDate') return { flag, kind: 'birthDate', value: date.value };
      const pending = flag.detail === null ? undefined : (JSON.parse(flag.detail) as { pendingEvent?: Omit<MappedEvent, 'at'> }).pendingEvent;
      return pending === undefined ? null : { flag, kind: 'event', event: { ...pending, at: date.value } };
    }
  }
}

function plan(db: SqlRunner, sourceId: number, correction: Correction, now: Date): Planned {
  const source = getSource(db, sourceId);
  const timeZone = source.mapping ? mappingTimeZone(source.mapping) : 'UTC';
  const matched = matchedFlags(db, sourceId, correction);
  const fixes = matched.flatMap((flag) => fixFor(flag, correction, timeZone, now) ?? []);
  return { matched, fixes };
}

/** What the preview counted, as a short digest: the same flags and the same outcome give the same token. */
function tokenOf(sourceId: number, correction: Correction, planned: Planned): string {
  const text = JSON.stringify([sourceId, correction, planned.matched.map((flag) => flag.id), planned.fixes.map((fix) => fix.flag.id)]);
  return crypto.hash('sha256', text, 'base64url').slice(0, 32);
}

function counts(planned: Planned): Omit<CorrectionPlan, 'token'> {
  return {
    matched: planned.matched.length,
    fixed: planned.fixes.length,
    stillFlagged: planned.matched.length - planned.fixes.length,
    records: new Set(planned.fixes.map((fix) => fix.flag.recordId)).size,
  };
}

export function previewCorrection(db: SqlRunner, sourceId: number, correction: Correction, now: Date): CorrectionPlan {
  const planned = plan(db, sourceId, correction, now);
  return { ...counts(planned), token: tokenOf(sourceId, correction, planned) };
}

/** Inserts an event the way the import keys it: its transaction number, or its details' first free occurrence. */
function insertEvent(db: SqlRunner, recordId: number, event: MappedEvent, runId: number): void {
  let key = event.externalId;
  if (key === undefined) {
    const base = contentKey(event);
    let occurrence = 1;
    while (db.get(sql`SELECT 1 AS taken FROM event WHERE source_record_id = ${recordId} AND external_id = ${nthKey(base, occurrence)}`)) occurrence += 1;
    key = nthKey(base, occurrence);
  }
  db.run(sql`
    INSERT OR IGNORE INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id)
    VALUES (${recordId}, ${key}, ${event.type}, ${event.at}, ${event.amount ?? null}, ${event.currency ?? null}, ${event.place ?? null}, ${eventRawJson(event)}, ${runId})`);
}

function store(db: SqlRunner, fix: Fix, stamp: string): void {
  const { flag } = fix;
  switch (fix.kind) {
    case 'phone':
      if (!db.get(sql`SELECT 1 AS known FROM identifier WHERE source_record_id = ${flag.recordId} AND kind = 'phone' AND value = ${fix.value}`))
        db.run(sql`INSERT INTO identifier (source_record_id, kind, value, raw) VALUES (${flag.recordId}, 'phone', ${fix.value}, ${flag.raw})`);
      break;
    case 'postalCode':
      // A postal code another column already gave is kept: the first readable one wins, as at import.
      db.run(sql`UPDATE source_record SET postal_code = coalesce(postal_code, ${fix.value}), updated_at = ${stamp} WHERE id = ${flag.recordId}`);
      break;
    case 'birthDate':
      db.run(sql`UPDATE source_record SET birth_date = coalesce(birth_date, ${fix.value}), updated_at = ${stamp} WHERE id = ${flag.recordId}`);
      break;
    case 'event':
      insertEvent(db, flag.recordId, fix.event, flag.runId);
      break;
  }
  db.run(sql`DELETE FROM record_flag WHERE id = ${flag.id}`);
}

/**
 * Applies a previewed correction inside the caller's transaction. CONFLICT `flagsChanged` when the flags
 * are no longer what the preview counted (an import or another correction came between).
 */
export function applyCorrection(db: SqlRunner, sourceId: number, correction: Correction, token: string, now: Date): Omit<CorrectionPlan, 'token'> {
  const planned = plan(db, sourceId, correction, now);
  if (tokenOf(sourceId, correction, planned) !== token) {
    throw new AppError('CONFLICT', 'The flagged values changed since the preview: preview the correction again.', { reason: 'flagsChanged' });
  }
  const stamp = now.toISOString();
  for (const fix of planned.fixes) store(db, fix, stamp);
  const profiles = new Set(planned.fixes.flatMap((fix) => profileOf(db, fix.flag.recordId) ?? []));
  for (const profileId of profiles) refreshProfile(db, profileId, stamp);
  return counts(planned);
}
