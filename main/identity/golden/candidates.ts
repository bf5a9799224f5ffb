/**
 * What a person's records hold for each golden field, as candidates for the survivorship rules: the value,
 * its record and source, when the record last changed, and whether the value is verified.
 *
 * Verified means the import read the value cleanly: the record has no quality flag (record_flag) on that
 * field, i.e. nothing sent for it had to be kept as unreadable; and, for an email or phone, the stored form
 * is canonical (an address with one @ and a dot after it, an E.164 number). Sources carry no trust level
 * of their own: an administrator who trusts one source more says so with the source priority rule.
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { GoldenFieldName } from './contract';
import type { Candidate } from './survivorship';

export const COLUMNS = {
  givenName: 'given_name',
  familyName: 'family_name',
  fullName: 'full_name',
  birthDate: 'birth_date',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  region: 'region',
  country: 'country',
  language: 'language',
} as const satisfies Partial<Record<GoldenFieldName, string>>;
type ColumnField = keyof typeof COLUMNS;

export const CANONICAL: Partial<Record<GoldenFieldName, RegExp>> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  phone: /^\+[1-9]\d{4,14}$/,
};

type RecordRow = { profile_id: number; id: number; source_id: number; source: string; updated_at: string } & Record<
  (typeof COLUMNS)[ColumnField],
  string | null
>;

export type FieldCandidates = Map<GoldenFieldName, Candidate[]>;

export function profileCandidates(db: SqlRunner, profileId: number): FieldCandidates {
  for (const [, candidates] of profilesCandidates(db, [profileId])) return candidates;
  return new Map();
}

/** Profiles read per round: three queries for a few thousand people instead of three each (a resolution renames hundreds of thousands). */
const CHUNK = 2_000;

/**
 * The candidates of many profiles, the same as profileCandidates gives for each, a chunk of profiles at a time
 * (only one chunk's values are held). Profiles with no record are left out.
 */
export function* profilesCandidates(db: SqlRunner, profileIds: readonly number[]): Generator<[number, FieldCandidates]> {
  for (let start = 0; start < profileIds.length; start += CHUNK) {
    const result = new Map<number, FieldCandidates>();
    const chunk = JSON.stringify(profileIds.slice(start, start + CHUNK));
    const records = db.all<RecordRow>(sql`
      SELECT m.profile_id, r.id, r.source_id, s.name AS source, r.updated_at, r.given_name, r.family_name, r.full_name, r.birth_date, r.street, r.postal_code, r.city, r.region, r.country, r.language
      FROM profile_member m JOIN source_record r ON r.id = m.source_record_id JOIN source s ON s.id = r.source_id
      WHERE m.profile_id IN (SELECT value FROM json_each(${chunk})) ORDER BY r.id`);
    const recordIds = JSON.stringify(records.map((record) => record.id));
    const flagged = new Set(
      db
        .all<{ id: number; field: string }>(
          sql`SELECT DISTINCT source_record_id AS id, field FROM record_flag WHERE source_record_id IN (SELECT value FROM json_each(${recordIds}))`,
        )
        .map((row) => `${row.id}\u0000${row.field}`),
    );
    const identifiers = db.all<{ id: number; kind: 'email' | 'phone'; value: string }>(sql`
      SELECT i.source_record_id AS id, i.kind, i.value FROM identifier i WHERE i.source_record_id IN (SELECT value FROM json_each(${recordIds})) ORDER BY i.id`);
    const byId = new Map(records.map((record) => [record.id, record]));
    const add = (record: RecordRow, field: GoldenFieldName, value: string | null): void => {
      if (value === null || value.trim() === '') return;
      let candidates = result.get(record.profile_id);
      if (candidates === undefined) result.set(record.profile_id, (candidates = new Map()));
      const verified = !flagged.has(`${record.id}\u0000${field}`) && (CANONICAL[field]?.test(value) ?? true);
      const list = candidates.get(field) ?? [];
      list.push({ value, recordId: record.id, sourceId: record.source_id, source: record.source, at: record.updated_at, verified });
      candidates.set(field, list);
    };
    for (const record of records) {
      if (!result.has(record.profile_id)) result.set(record.profile_id, new Map());
      for (const [field, column] of Object.entries(COLUMNS) as Array<[ColumnField, (typeof COLUMNS)[ColumnField]]>) add(record, field, record[column]);
    }
    for (const identifier of identifiers) {
      const record = byId.get(identifier.id);
      if (record !== undefined) add(record, identifier.kind, identifier.value);
    }
    yield* result;
  }
}
