/**
 * The golden values of many profiles (a partner extract of hundreds of thousands): for each field, the same
 * value goldenRecord gives. The candidates are read as candidates.ts reads them (record columns in record
 * order, then identifiers; a blank value is none; verified = no quality flag and, for an email or phone, the
 * canonical form), but only for the fields asked for, as plain rows, a chunk of profiles at a time; a field
 * with a single candidate needs no rule, it is the value; several go to the survivorship rule.
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { GoldenFieldName, Survivorship } from './contract';
import { CANONICAL, COLUMNS } from './candidates';
import { readRules } from './rule-store';
import { choose, type Candidate } from './survivorship';

/** Profiles per round: three queries for thousands of people. */
const CHUNK = 5_000;

type ColumnField = keyof typeof COLUMNS;
const isColumn = (field: GoldenFieldName): field is ColumnField => field in COLUMNS;

/** [profileId, recordId, sourceId, updatedAt, ...the requested columns] */
type RecordRow = [number, number, number, string, ...(string | null)[]];

/** [recordId, identifierId, kind, value] */
type IdentifierRow = [number, number, string, string];

function candidateOf(value: string, row: RecordRow, field: GoldenFieldName, flagged: ReadonlySet<string>): Candidate {
  const verified = !flagged.has(`${row[1]}\u0000${field}`) && (CANONICAL[field]?.test(value) ?? true);
  // The source's name is shown with a golden record, never used to choose: not read here.
  return { value, recordId: row[1], sourceId: row[2], source: '', at: row[3], verified };
}

/**
 * Yields, in the order given, each profile and its values for `fields` (null where its records hold none,
 * every value null for a profile without records).
 */
export function* goldenValuesOfMany(
  db: SqlRunner,
  profileIds: readonly number[],
  fields: readonly GoldenFieldName[],
  rules: Survivorship = readRules(db),
): Generator<[number, (string | null)[]]> {
  const columns = fields.filter(isColumn);
  const kinds = fields.filter((field): field is 'email' | 'phone' => field === 'email' || field === 'phone');
  const select = columns.length === 0 ? '' : `, ${columns.map((field) => `r.${COLUMNS[field]}`).join(', ')}`;
  // No ORDER BY: a sort of every chunk's rows costs more than ordering the few people with several records.
  const records = db.statement(`
    SELECT m.profile_id, r.id, r.source_id, r.updated_at${select}
    FROM profile_member m JOIN source_record r ON r.id = m.source_record_id
    WHERE m.profile_id IN (SELECT value FROM json_each(?))`);
  records.raw(true);
  const identifierRows = db.statement(`
    SELECT i.source_record_id, i.id, i.kind, i.value FROM profile_member m JOIN identifier i ON i.source_record_id = m.source_record_id
    WHERE m.profile_id IN (SELECT value FROM json_each(?))`);
  identifierRows.raw(true);
  /** Where each field's value sits in a record row; -1 for an identifier. */
  const slots = fields.map((field) => (isColumn(field) ? 4 + columns.indexOf(field) : -1));
  const byRecordId = (a: RecordRow, b: RecordRow): number => a[1] - b[1];
  const byIdentifierId = (a: IdentifierRow, b: IdentifierRow): number => a[1] - b[1];
  let rows: RecordRow[] = [];
  let flaggedChunk: Set<string> | null = null;
  let identifiers = new Map<number, IdentifierRow[]>();
  /** The chunk's quality flags, read only when a choice among several candidates needs them. */
  const flagged = (): Set<string> => {
    flaggedChunk ??= new Set(
      db
        .all<{ id: number; field: string }>(
          sql`SELECT DISTINCT source_record_id AS id, field FROM record_flag WHERE source_record_id IN (SELECT value FROM json_each(${JSON.stringify(rows.map((row) => row[1]))}))`,
        )
        .map((row) => `${row.id}\u0000${row.field}`),
    );
    return flaggedChunk;
  };
  for (let start = 0; start < profileIds.length; start += CHUNK) {
    const chunk = profileIds.slice(start, start + CHUNK);
    const ids = JSON.stringify(chunk);
    rows = records.all(ids) as RecordRow[];
    flaggedChunk = null;
    const byProfile = new Map<number, RecordRow[]>();
    for (const row of rows) {
      const list = byProfile.get(row[0]);
      if (list === undefined) byProfile.set(row[0], [row]);
      else list.push(row);
    }
    // Record order, then identifier order within a record: candidates.ts's order where a rule leaves a tie.
    for (const list of byProfile.values()) if (list.length > 1) list.sort(byRecordId);
    identifiers = new Map();
    if (kinds.length > 0) {
      // The kind is not in the query: there the planner would walk the (kind, value) index over every identifier.
      for (const row of identifierRows.all(ids) as IdentifierRow[]) {
        if (row[2] !== 'email' && row[2] !== 'phone') continue;
        const list = identifiers.get(row[0]);
        if (list === undefined) identifiers.set(row[0], [row]);
        else list.push(row);
      }
      for (const list of identifiers.values()) if (list.length > 1) list.sort(byIdentifierId);
    }
    for (const profileId of chunk) {
      const own = byProfile.get(profileId);
      if (own === undefined) yield [profileId, fields.map(() => null)];
      else yield [profileId, slots.map((slot, index) => valueOf(own, slot, fields[index]!))];
    }
  }

  /** The one field's value for a person: the only candidate, or the rule's choice among several. */
  function valueOf(own: readonly RecordRow[], slot: number, field: GoldenFieldName): string | null {
    if (own.length === 1 && slot >= 0) {
      // One record, one column: the common case, and no choice to make.
      const value = own[0]![slot] as string | null;
      return value === null || value.trim() === '' ? null : value;
    }
    // The first candidate is kept aside: a list is only made when there is a second.
    let first: string | null = null;
    let firstRow: RecordRow | null = null;
    let found: { value: string; row: RecordRow }[] | null = null;
    for (const row of own) {
      if (slot >= 0) {
        const value = row[slot] as string | null;
        if (value === null || value.trim() === '') continue;
        if (first === null) [first, firstRow] = [value, row];
        else (found ??= [{ value: first, row: firstRow! }]).push({ value, row });
        continue;
      }
      const list = identifiers.get(row[1]);
      if (list === undefined) continue;
      for (const identifier of list) {
        if (identifier[2] !== field || identifier[3].trim() === '') continue;
        if (first === null) [first, firstRow] = [identifier[3], row];
        else (found ??= [{ value: first, row: firstRow! }]).push({ value: identifier[3], row });
      }
    }
    if (found === null) return first;
    return choose(
      (found as { value: string; row: RecordRow }[]).map(({ value, row }) => candidateOf(value, row, field, flagged())),
      rules[field],
    ).chosen!.value;
  }
}
