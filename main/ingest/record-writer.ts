/**
 * Writes prepared records into the vault, inside the caller's transaction. Records are keyed by
 * (source, external id): a record seen before with the same identity is left untouched, so re-importing
 * an export writes only what changed. Events and consent observations are keyed too, so a till export
 * imported twice adds nothing the second time.
 *
 * This is the one loop that runs a million times per large import, on the thread that owns the vault:
 * statements are prepared once, everything computable elsewhere arrives computed (write-items.ts), and
 * new records are inserted many rows per statement (batched-insert.ts) when the batch is flushed.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import { BatchedInsert, ROWS_PER_STATEMENT } from '../store/batched-insert';
import { sql, type SqlRunner, type SqlValue } from '../store/sql';
import { FirstLines } from './first-lines';
import type { MappedConsent, MappedEvent, MappedRecord } from './mapping/apply';
import { searchTerms, sortKey, displayName } from './search-terms';
import type { ReasonDetails } from './reasons';
import type { PreparedRecord } from './write-items';

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RejectInput {
  readonly line: number;
  readonly reasons: readonly string[];
  /** Codes for the interface, one per reason (see reasons.ts). */
  readonly details?: ReasonDetails;
  readonly raw: string;
}

const MAX_RAW = 10_000;

function eventKey(event: MappedEvent): string {
  return event.externalId ?? crypto.hash('sha1', JSON.stringify([event.type, event.at, event.amount ?? null, event.currency ?? null, event.place ?? null]), 'hex');
}

/** An event's columns after its record's id. */
function eventValues(event: MappedEvent, runId: number): SqlValue[] {
  return [eventKey(event), event.type, event.at, event.amount ?? null, event.currency ?? null, event.place ?? null, JSON.stringify(event.raw ?? null), runId];
}

function consentValues(consent: MappedConsent, runId: number): SqlValue[] {
  return [consent.purpose, consent.granted ? 1 : 0, consent.at, JSON.stringify(consent.raw ?? null), runId];
}

function duplicate(key: string, firstLine: number): Pick<RejectInput, 'reasons' | 'details'> {
  return {
    reasons: [`duplicate customer number ${key}: line ${firstLine} has the same number with different details; that line was kept`],
    details: [{ code: 'duplicateKey', params: { key, line: firstLine } }],
  };
}

interface Statements {
  readonly insertIdentifier: Database.Statement;
  readonly insertTerms: Database.Statement;
  readonly insertEvent: Database.Statement;
  readonly insertConsent: Database.Statement;
  readonly insertReject: Database.Statement;
  readonly findRecord: Database.Statement;
  readonly setRowHash: Database.Statement;
}

interface FoundRecord {
  readonly id: number;
  readonly hash: string;
  readonly rowHash: string | null;
}

function prepareStatements(db: SqlRunner): Statements {
  return {
    insertIdentifier: db.statement('INSERT INTO identifier (source_record_id, kind, value, raw) VALUES (?, ?, ?, ?)'),
    insertTerms: db.statement('INSERT INTO profile_search (rowid, terms) VALUES (?, ?)'),
    insertEvent: db.statement(`
      INSERT OR IGNORE INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertConsent: db.statement('INSERT OR IGNORE INTO consent_observation (source_record_id, purpose, granted, at, raw, run_id) VALUES (?, ?, ?, ?, ?, ?)'),
    insertReject: db.statement('INSERT INTO import_reject (run_id, line, reasons, details, raw) VALUES (?, ?, ?, ?, ?)'),
    findRecord: db.statement('SELECT id, content_hash AS hash, row_hash AS rowHash FROM source_record WHERE source_id = ? AND external_id = ?'),
    setRowHash: db.statement('UPDATE source_record SET row_hash = ? WHERE id = ?'),
  };
}

/** New records wait here until the batch is flushed; in the order their rows reference each other. */
interface NewRows {
  readonly profile: BatchedInsert;
  readonly record: BatchedInsert;
  readonly member: BatchedInsert;
  readonly identifier: BatchedInsert;
  readonly event: BatchedInsert;
  readonly consent: BatchedInsert;
  readonly terms: BatchedInsert;
}

function newRows(db: SqlRunner): NewRows {
  return {
    profile: new BatchedInsert(db, 'INSERT INTO profile (id, display_name, sort_key, created_at, updated_at)', 5),
    record: new BatchedInsert(
      db,
      'INSERT INTO source_record (id, source_id, external_id, content_hash, given_name, family_name, full_name, street, city, postal_code, region, country, birth_date, raw, row_hash, first_run, last_run, created_at, updated_at)',
      19,
    ),
    member: new BatchedInsert(db, 'INSERT INTO profile_member (source_record_id, profile_id, how, added_at)', 4),
    identifier: new BatchedInsert(db, 'INSERT INTO identifier (source_record_id, kind, value, raw)', 4),
    event: new BatchedInsert(db, 'INSERT OR IGNORE INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id)', 9),
    consent: new BatchedInsert(db, 'INSERT OR IGNORE INTO consent_observation (source_record_id, purpose, granted, at, raw, run_id)', 6),
    terms: new BatchedInsert(db, 'INSERT INTO profile_search (rowid, terms)', 2),
  };
}

export class RecordWriter {
  /** The line where each key of this run was first accepted: the first line of a duplicated key wins. */
  private readonly firstLines = new FirstLines();
  /** A source with no records yet needs no lookup for a key this run has not seen. */
  private readonly sourceWasEmpty: boolean;
  private readonly statements: Statements;
  private readonly newRows: NewRows;
  /**
   * The ids the next new profile and record get, while new rows are pending. SQLite would pick the same
   * (one more than the largest); choosing them here lets the pending rows reference each other.
   */
  private nextIds: { profile: number; record: number } | null = null;

  constructor(
    private readonly db: SqlRunner,
    private readonly sourceId: number,
    private readonly runId: number,
    /** With event columns, the same customer on many rows is expected (one row per purchase). */
    private readonly repeatedKeysExpected: boolean,
  ) {
    this.statements = prepareStatements(db);
    this.newRows = newRows(db);
    this.sourceWasEmpty = db.get(sql`SELECT 1 AS found FROM source_record WHERE source_id = ${sourceId} LIMIT 1`) === undefined;
  }

  reject(counts: BatchCounts, input: RejectInput): void {
    const details = input.details?.some((detail) => detail !== null) ? JSON.stringify(input.details) : null;
    this.statements.insertReject.run(this.runId, input.line, JSON.stringify(input.reasons), details, input.raw.slice(0, MAX_RAW));
    counts.rejected += 1;
  }

  /** Writes the pending new records; before the batch's transaction commits, and before any lookup. */
  flush(): void {
    if (this.nextIds === null) return;
    for (const rows of Object.values(this.newRows)) rows.flush();
    this.nextIds = null;
  }

  write(counts: BatchCounts, line: number, record: PreparedRecord, stamp: string): void {
    const firstLine = this.firstLines.firstOr(record.key, line);
    if (firstLine === undefined && this.sourceWasEmpty) {
      this.insert(record, stamp);
      counts.inserted += 1;
      return;
    }
    // Only keys this run has already seen can be among the pending records.
    if (firstLine !== undefined) this.flush();
    const existing = this.statements.findRecord.get(this.sourceId, record.key) as FoundRecord | undefined;
    if (existing === undefined) {
      this.insert(record, stamp);
      counts.inserted += 1;
      return;
    }
    if (firstLine !== undefined && existing.hash !== record.hash && !this.repeatedKeysExpected) {
      // The stored identity is the first line's (written or found unchanged by it).
      this.reject(counts, { line, ...duplicate(record.key, firstLine), raw: record.raw });
      return;
    }
    const added = this.addEventsAndConsents(existing.id, record);
    if (existing.hash === record.hash || firstLine !== undefined) {
      if (added > 0) {
        // Written to anyway: from now on this row is the one the record is known by.
        if (firstLine === undefined) this.statements.setRowHash.run(record.rowHash, existing.id);
        counts.updated += 1;
      } else counts.unchanged += 1;
      return;
    }
    this.update(existing.id, record, stamp);
    counts.updated += 1;
  }

  /** A row the record was written from, unchanged since (see known-rows.ts). */
  same(counts: BatchCounts, line: number, key: string, rowHash: string, raw: string): void {
    const firstLine = this.firstLines.firstOr(key, line);
    if (firstLine === undefined) {
      counts.unchanged += 1;
      return;
    }
    // The key came earlier in this file, which may have changed the record since the run started.
    this.flush();
    const current = this.statements.findRecord.get(this.sourceId, key) as FoundRecord | undefined;
    if (current?.rowHash === rowHash || this.repeatedKeysExpected) {
      counts.unchanged += 1;
      return;
    }
    this.reject(counts, { line, ...duplicate(key, firstLine), raw });
  }

  private insert(record: PreparedRecord, stamp: string): void {
    const { newRows: rows, runId } = this;
    const ids = (this.nextIds ??= this.firstFreeIds());
    const profileId = ids.profile++;
    const recordId = ids.record++;
    rows.profile.add(profileId, record.displayName, record.sortKey, stamp, stamp);
    rows.record.add(recordId, this.sourceId, record.key, record.hash, ...record.columns, record.raw, record.rowHash, runId, runId, stamp, stamp);
    rows.member.add(recordId, profileId, 'import', stamp);
    const { identifiers } = record;
    for (let index = 0; index < identifiers.length; index += 3) rows.identifier.add(recordId, identifiers[index]!, identifiers[index + 1]!, identifiers[index + 2]!);
    for (const event of record.events) rows.event.add(recordId, ...eventValues(event, runId));
    for (const consent of record.consents) rows.consent.add(recordId, ...consentValues(consent, runId));
    rows.terms.add(profileId, record.terms);
    // Every full statement's worth of records goes in at once: the rows of other tables left pending
    // then only reference records already written.
    if (rows.record.pending === ROWS_PER_STATEMENT) for (const table of Object.values(rows)) table.flush(true);
  }

  private firstFreeIds(): { profile: number; record: number } {
    const last = this.db.get<{ profile: number | null; record: number | null }>(
      sql`SELECT (SELECT max(id) FROM profile) AS profile, (SELECT max(id) FROM source_record) AS record`,
    )!;
    return { profile: (last.profile ?? 0) + 1, record: (last.record ?? 0) + 1 };
  }

  private update(recordId: number, record: PreparedRecord, stamp: string): void {
    const [givenName, familyName, fullName, street, city, postalCode, region, country, birthDate] = record.columns;
    this.db.run(sql`
      UPDATE source_record SET content_hash = ${record.hash}, given_name = ${givenName ?? null}, family_name = ${familyName ?? null},
        full_name = ${fullName ?? null}, street = ${street ?? null}, city = ${city ?? null}, postal_code = ${postalCode ?? null},
        region = ${region ?? null}, country = ${country ?? null}, birth_date = ${birthDate ?? null},
        raw = ${record.raw}, row_hash = ${record.rowHash}, last_run = ${this.runId}, updated_at = ${stamp}
      WHERE id = ${recordId}`);
    this.db.run(sql`DELETE FROM identifier WHERE source_record_id = ${recordId}`);
    this.writeIdentifiers(recordId, record);
    const profileId = this.db.get<{ profile_id: number }>(sql`SELECT profile_id FROM profile_member WHERE source_record_id = ${recordId}`)!.profile_id;
    this.refreshProfile(profileId, stamp);
  }

  /** Display name and search terms come from every record of the profile (one, until merging lands). */
  private refreshProfile(profileId: number, stamp: string): void {
    const records = this.memberRecords(profileId);
    if (records.length === 0) return;
    this.db.run(sql`UPDATE profile SET display_name = ${displayName(records[0]!)}, sort_key = ${sortKey(records[0]!)}, updated_at = ${stamp} WHERE id = ${profileId}`);
    this.db.run(sql`DELETE FROM profile_search WHERE rowid = ${profileId}`);
    this.statements.insertTerms.run(profileId, searchTerms(records));
  }

  /** Rebuilds the identity view of a profile's records from the stored columns and identifiers. */
  private memberRecords(profileId: number): MappedRecord[] {
    const rows = this.db.all<{
      id: number;
      external_id: string;
      given_name: string | null;
      family_name: string | null;
      full_name: string | null;
      city: string | null;
      postal_code: string | null;
    }>(sql`SELECT r.id, r.external_id, r.given_name, r.family_name, r.full_name, r.city, r.postal_code FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE m.profile_id = ${profileId} ORDER BY r.id`);
    return rows.map((row) => {
      const identifiers = this.db.all<{ kind: 'email' | 'phone'; value: string; raw: string }>(sql`SELECT kind, value, raw FROM identifier WHERE source_record_id = ${row.id} ORDER BY id`);
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
        },
        consents: [],
        events: [],
      } as MappedRecord;
    });
  }

  private writeIdentifiers(recordId: number | bigint, record: PreparedRecord): void {
    const { identifiers } = record;
    for (let index = 0; index < identifiers.length; index += 3) {
      this.statements.insertIdentifier.run(recordId, identifiers[index], identifiers[index + 1], identifiers[index + 2]);
    }
  }

  /** Returns how many new events or consent observations were stored. */
  private addEventsAndConsents(recordId: number | bigint, record: PreparedRecord): number {
    let added = 0;
    const { insertEvent, insertConsent } = this.statements;
    for (const event of record.events) added += insertEvent.run(recordId, ...eventValues(event, this.runId)).changes;
    for (const consent of record.consents) added += insertConsent.run(recordId, ...consentValues(consent, this.runId)).changes;
    return added;
  }
}
