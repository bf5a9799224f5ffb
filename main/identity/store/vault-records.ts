/**
 * The vault's source records as the identity model reads them (model/record.ts), with the profile each
 * belongs to now. A value the import kept as sent because it could not read it (record_flag) is still
 * evidence: a mistyped date or postal code is compared as written. Read in two ordered passes (records, then identifiers) merged by record id, so a million
 * records cost two scans rather than a million lookups.
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { IdentityRecord } from '../model/record';

export interface VaultRecords {
  /** The model's records; `id` is the source record id as text. */
  records: IdentityRecord[];
  /** Source record id of each record, same order. */
  recordIds: Float64Array;
  /** Current profile of each record, same order. A record without one (held by the consent gate) is left out. */
  profileIds: Float64Array;
}

interface Row {
  id: number;
  profile_id: number | null;
  given_name: string | null;
  family_name: string | null;
  street: string | null;
  city: string | null;
  postal_code: string | null;
  region: string | null;
  birth_date: string | null;
  national_id: string | null;
  flagged_birth_date: string | null;
  flagged_postal_code: string | null;
}

/** Every record of the vault, or those with the given ids (an incremental batch). */
export function loadVaultRecords(db: SqlRunner, onlyIds?: readonly number[]): VaultRecords {
  const filter = onlyIds === undefined ? sql`` : sql`WHERE r.id IN (SELECT value FROM json_each(${JSON.stringify(onlyIds)}))`;
  const linked = db.all<Row>(sql`
    SELECT r.id, m.profile_id, r.given_name, r.family_name, r.street, r.city, r.postal_code, r.region, r.birth_date, r.national_id,
      -- A birth date that could not be read is still compared digit by digit (a typo in a date is evidence too).
      -- +f.field keeps SQLite off the index on field, which made it scan every flag of that field for each record
      -- (3 minutes at 100 k records); record_flag_key finds a record's flags directly.
      CASE WHEN r.birth_date IS NULL THEN (SELECT f.raw FROM record_flag f WHERE f.source_record_id = r.id AND +f.field = 'birthDate' ORDER BY f.id LIMIT 1) END AS flagged_birth_date,
      CASE WHEN r.postal_code IS NULL THEN (SELECT f.raw FROM record_flag f WHERE f.source_record_id = r.id AND +f.field = 'postalCode' ORDER BY f.id LIMIT 1) END AS flagged_postal_code
    FROM source_record r CROSS JOIN profile_member m ON m.source_record_id = r.id ${filter} ORDER BY r.id`);
  // Records an erasure kept under a legal obligation belong to the erased person's tombstone: never linked again.
  const tombstones = new Set(db.all<{ id: number }>(sql`SELECT profile_id AS id FROM erasure`).map((row) => row.id));
  const rows = tombstones.size === 0 ? linked : linked.filter((row) => !tombstones.has(row.profile_id ?? 0));
  const only = onlyIds === undefined ? sql`` : sql`AND source_record_id IN (SELECT value FROM json_each(${JSON.stringify(onlyIds)}))`;
  // For a batch, +field keeps SQLite on record_flag_key (the batch's own flags) instead of every flagged email and phone.
  const flaggedContacts = onlyIds === undefined ? sql`field IN ('email', 'phone')` : sql`+field IN ('email', 'phone')`;
  // Flagged emails and phones as sent too: the model reads them its own way. Not Excel's damage: `6,03E+15` is no number.
  const identifiers = db.iterate<{ source_record_id: number; kind: 'email' | 'phone'; value: string }>(sql`
    SELECT source_record_id, kind, value FROM (
      SELECT source_record_id, kind, value, id FROM identifier WHERE 1 ${only}
      UNION ALL
      SELECT source_record_id, field AS kind, raw AS value, id FROM record_flag WHERE ${flaggedContacts} AND code <> 'excelDamaged' ${only}
    ) ORDER BY source_record_id, kind, id`);
  const records: IdentityRecord[] = new Array<IdentityRecord>(rows.length);
  const recordIds = new Float64Array(rows.length);
  const profileIds = new Float64Array(rows.length);
  let next = identifiers.next();
  rows.forEach((row, index) => {
    const emails: string[] = [];
    const phones: string[] = [];
    while (!next.done && next.value.source_record_id <= row.id) {
      if (next.value.source_record_id === row.id) (next.value.kind === 'email' ? emails : phones).push(next.value.value);
      next = identifiers.next();
    }
    records[index] = toIdentityRecord(row, emails, phones);
    recordIds[index] = row.id;
    profileIds[index] = row.profile_id ?? 0;
  });
  if (!next.done) identifiers.return?.();
  return { records, recordIds, profileIds };
}

function toIdentityRecord(row: Row, emails: string[], phones: string[]): IdentityRecord {
  // A full name alone was split into given and family names by the import (mapping/apply.ts).
  const address = splitStreet(row.street);
  return {
    id: String(row.id),
    given: row.given_name,
    family: row.family_name,
    birthDate: row.birth_date ?? row.flagged_birth_date,
    street: address.street,
    street2: address.street2,
    city: row.city,
    postalCode: row.postal_code ?? row.flagged_postal_code,
    region: row.region,
    emails,
    phones,
    nationalId: row.national_id,
  };
}

/**
 * An import joins address lines with ", " (ingest/mapping/apply.ts). The first line is the street; a line
 * that is only a number (a separate street-number column) belongs with the line after it.
 */
export function splitStreet(street: string | null): { street: string | null; street2: string | null } {
  if (street === null) return { street: null, street2: null };
  const lines = street
    .split(', ')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > 1 && /^\d+[a-z]?$/i.test(lines[0] as string)) lines.splice(0, 2, `${lines[0]} ${lines[1]}`);
  return { street: lines[0] ?? null, street2: lines.length > 1 ? lines.slice(1).join(', ') : null };
}
