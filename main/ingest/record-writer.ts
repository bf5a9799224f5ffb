/**
 * Writes prepared records into the vault, inside the caller's transaction. Records are keyed by
 * (source, external id): a record seen before with the same identity is left untouched, so re-importing
 * an export writes only what changed. Events and consent observations are keyed too, so a till export
 * imported twice adds nothing the second time.
 *
 * This is the one loop that runs a million times per large import, on the thread that owns the vault:
 * statements are prepared once, and everything computable elsewhere arrives computed (write-items.ts).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import { sql, type SqlRunner } from '../store/sql';
import { FirstLines } from './first-lines';
import type { MappedEvent, MappedRecord } from './mapping/apply';
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

function duplicate(key: string, firstLine: number): Pick<RejectInput, 'reasons' | 'details'> {
  return {
    reasons: [`duplicate customer number ${key}: line ${firstLine} has the same number with different details; that line was kept`],
    details: [{ code: 'duplicateKey', params: { key, line: firstLine } }],
  };
}

interface Statements {
  readonly insertProfile: Database.Statement;
  readonly insertRecord: Database.Statement;
  readonly insertMember: Database.Statement;
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
    insertProfile: db.statement('INSERT INTO profile (display_name, sort_key, created_at, updated_at) VALUES (?, ?, ?, ?)'),
    insertRecord: db.statement(`
      INSERT INTO source_record (source_id, external_id, content_hash, given_name, family_name, full_name, street, city, postal_code, region, country, birth_date, raw, row_hash, first_run, last_run, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMember: db.statement(`INSERT INTO profile_member (source_record_id, profile_id, how, added_at) VALUES (?, ?, 'import', ?)`),
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

export class RecordWriter {
  /** The line where each key of this run was first accepted: the first line of a duplicated key wins. */
  private readonly firstLines = new FirstLines();
  /** A source with no records yet needs no lookup for a key this run has not seen. */
  private readonly sourceWasEmpty: boolean;
  private readonly statements: Statements;

  constructor(
    private readonly db: SqlRunner,
    private readonly sourceId: number,
    private readonly runId: number,
    /** With event columns, the same customer on many rows is expected (one row per purchase). */
    private readonly repeatedKeysExpected: boolean,
  ) {
    this.statements = prepareStatements(db);
    this.sourceWasEmpty = db.get(sql`SELECT 1 AS found FROM source_record WHERE source_id = ${sourceId} LIMIT 1`) === undefined;
  }

  reject(counts: BatchCounts, input: RejectInput): void {
    const details = input.details?.some((detail) => detail !== null) ? JSON.stringify(input.details) : null;
    this.statements.insertReject.run(this.runId, input.line, JSON.stringify(input.reasons), details, input.raw.slice(0, MAX_RAW));
    counts.rejected += 1;
  }

  write(counts: BatchCounts, line: number, record: PreparedRecord, stamp: string): void {
    const firstLine = this.firstLines.firstOr(record.key, line);
    if (firstLine === undefined && this.sourceWasEmpty) {
      this.insert(record, stamp);
      counts.inserted += 1;
      return;
    }
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
    const current = this.statements.findRecord.get(this.sourceId, key) as FoundRecord | undefined;
    if (current?.rowHash === rowHash || this.repeatedKeysExpected) {
      counts.unchanged += 1;
      return;
    }
    this.reject(counts, { line, ...duplicate(key, firstLine), raw });
  }

  private insert(record: PreparedRecord, stamp: string): void {
    const { statements, runId } = this;
    const profileId = statements.insertProfile.run(record.displayName, record.sortKey, stamp, stamp).lastInsertRowid;
    const recordId = statements.insertRecord.run(this.sourceId, record.key, record.hash, ...record.columns, record.raw, record.rowHash, runId, runId, stamp, stamp).lastInsertRowid;
    statements.insertMember.run(recordId, profileId, stamp);
    this.writeIdentifiers(recordId, record);
    this.addEventsAndConsents(recordId, record);
    statements.insertTerms.run(profileId, record.terms);
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
    for (const event of record.events) {
      added += insertEvent.run(recordId, eventKey(event), event.type, event.at, event.amount ?? null, event.currency ?? null, event.place ?? null, JSON.stringify(event.raw ?? null), this.runId).changes;
    }
    for (const consent of record.consents) {
      added += insertConsent.run(recordId, consent.purpose, consent.granted ? 1 : 0, consent.at, JSON.stringify(consent.raw ?? null), this.runId).changes;
    }
    return added;
  }
}
