/**
 * A profile's display name, sort key and full-text row, rebuilt from what its records hold now: after a
 * re-import changed a record, and after a data quality correction added a phone or a date to one.
 */
import { sql, type SqlRunner } from '../store/sql';
import { writeSearchTerms } from '../store/search-index';
import type { MappedRecord } from './mapping/apply';
import { displayName, searchTerms, sortKey } from './search-terms';

/**
 * Names a profile from all of its records (identity's golden record). Ingest cannot read identity's rules,
 * so the composition that has both plugs it in (main/backend); without one a profile goes by its first record.
 */
export type ProfileNamer = (db: SqlRunner, profileId: number, stamp: string) => void;

let pluggedNamer: ProfileNamer | null = null;

export function setProfileNamer(namer: ProfileNamer | null): void {
  pluggedNamer = namer;
}

/** Search terms come from every record of the profile; the name from the namer, else its first record. */
export function refreshProfile(db: SqlRunner, profileId: number, stamp: string, namer: ProfileNamer | null = pluggedNamer): void {
  const records = memberRecords(db, profileId);
  if (records.length === 0) return;
  writeProfile(db, profileId, records, stamp, namer);
}

function writeProfile(db: SqlRunner, profileId: number, records: readonly MappedRecord[], stamp: string, namer: ProfileNamer | null): void {
  db.run(sql`UPDATE profile SET display_name = ${displayName(records[0]!)}, sort_key = ${sortKey(records[0]!)}, updated_at = ${stamp} WHERE id = ${profileId}`);
  namer?.(db, profileId, stamp);
  writeSearchTerms(db, profileId, searchTerms(records));
}

/** The profile of a record, or null for a record that belongs to none (never, until erasure lands). */
export function profileOf(db: SqlRunner, recordId: number): number | null {
  return db.get<{ id: number }>(sql`SELECT profile_id AS id FROM profile_member WHERE source_record_id = ${recordId}`)?.id ?? null;
}

interface MemberRow {
  profile_id: number;
  id: number;
  external_id: string;
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  city: string | null;
  postal_code: string | null;
}

type IdentifierRow = { source_record_id: number; kind: 'email' | 'phone'; value: string; raw: string };
type FlagRow = { source_record_id: number; field: string; raw: string };

/** Rebuilds the identity view of a profile's records from the stored columns, identifiers and flags. */
function memberRecords(db: SqlRunner, profileId: number): MappedRecord[] {
  const rows = db.all<MemberRow>(
    sql`SELECT m.profile_id, r.id, r.external_id, r.given_name, r.family_name, r.full_name, r.city, r.postal_code FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE m.profile_id = ${profileId} ORDER BY r.id`,
  );
  return rows.map((row) =>
    mappedRecord(
      row,
      db.all<IdentifierRow>(sql`SELECT source_record_id, kind, value, raw FROM identifier WHERE source_record_id = ${row.id} ORDER BY id`),
      db.all<FlagRow>(
        sql`SELECT source_record_id, field, raw FROM record_flag WHERE source_record_id = ${row.id} AND +field IN ('email', 'phone') ORDER BY id`,
      ),
    ),
  );
}

function mappedRecord(row: MemberRow, identifiers: readonly IdentifierRow[], flags: readonly FlagRow[]): MappedRecord {
  // What flagged emails and phones still offer search, as the import put it in the terms.
  const unusable = flags
    .map((flag) => (flag.field === 'phone' ? flag.raw.replace(/\D/g, '') : flag.raw.trim().toLowerCase()))
    .filter((value) => value.length >= 6 || /\D/.test(value));
  const field = (value: string | null) => (value === null ? undefined : { value, raw: value });
  return {
    sourceRecordId: row.external_id,
    identity: {
      givenName: field(row.given_name),
      familyName: field(row.family_name),
      fullName: field(row.full_name),
      city: field(row.city),
      postalCode: field(row.postal_code),
      emails: identifiers.filter((item) => item.kind === 'email').map(({ value, raw }) => ({ value, raw })),
      phones: identifiers.filter((item) => item.kind === 'phone').map(({ value, raw }) => ({ value, raw })),
      ...(unusable.length > 0 ? { unusable } : {}),
    },
    consents: [],
    events: [],
  } as MappedRecord;
}

/** Profiles read per round of the bulk refresh: three queries for a few thousand profiles instead of several each. */
const REFRESH_CHUNK = 2_000;

/**
 * refreshProfile for many profiles (an identity resolution touches hundreds of thousands): their records,
 * identifiers and flags read a chunk at a time in three ordered queries, the rows written with the same
 * statements. The same names and search rows as refreshProfile, profile by profile. Returns the profiles
 * that have no record left (left untouched, as refreshProfile leaves them).
 */
export function refreshProfiles(db: SqlRunner, profileIds: readonly number[], stamp: string, namer: ProfileNamer | null = pluggedNamer): Set<number> {
  const empty = new Set(profileIds);
  for (let start = 0; start < profileIds.length; start += REFRESH_CHUNK) {
    const chunk = JSON.stringify(profileIds.slice(start, start + REFRESH_CHUNK));
    const rows = db.all<MemberRow>(
      sql`SELECT m.profile_id, r.id, r.external_id, r.given_name, r.family_name, r.full_name, r.city, r.postal_code FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE m.profile_id IN (SELECT value FROM json_each(${chunk})) ORDER BY m.profile_id, r.id`,
    );
    const records = JSON.stringify(rows.map((row) => row.id));
    const identifiers = groupByRecord(
      db.all<IdentifierRow>(
        sql`SELECT source_record_id, kind, value, raw FROM identifier WHERE source_record_id IN (SELECT value FROM json_each(${records})) ORDER BY id`,
      ),
    );
    const flags = groupByRecord(
      // +field: the chunk's own flags through record_flag_key, not every flagged email and phone of the vault.
      db.all<FlagRow>(
        sql`SELECT source_record_id, field, raw FROM record_flag WHERE source_record_id IN (SELECT value FROM json_each(${records})) AND +field IN ('email', 'phone') ORDER BY id`,
      ),
    );
    for (let at = 0; at < rows.length;) {
      const profileId = (rows[at] as MemberRow).profile_id;
      const members: MappedRecord[] = [];
      for (; at < rows.length && (rows[at] as MemberRow).profile_id === profileId; at += 1) {
        const row = rows[at] as MemberRow;
        members.push(mappedRecord(row, identifiers.get(row.id) ?? [], flags.get(row.id) ?? []));
      }
      empty.delete(profileId);
      writeProfile(db, profileId, members, stamp, namer);
    }
  }
  return empty;
}

function groupByRecord<T extends { source_record_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.source_record_id);
    if (group === undefined) groups.set(row.source_record_id, [row]);
    else group.push(row);
  }
  return groups;
}
