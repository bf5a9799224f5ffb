/**
 * Writes mapped records into the vault, one batch per transaction (the caller's). Records are keyed by
 * (source, external id): a record seen before with the same identity is left untouched, so re-importing
 * an export writes only what changed. Events and consent observations are keyed too, so a till export
 * imported twice adds nothing the second time.
 */
import crypto from 'node:crypto';
import { sql, type SqlRunner } from '../store/sql';
import type { MappedRecord } from './mapping/apply';
import type { RawRow } from './types';
import { searchTerms, sortKey, displayName } from './search-terms';

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RejectInput {
  readonly line: number;
  readonly reasons: readonly string[];
  readonly raw: string;
}

/**
 * Keys seen in this run, for duplicate detection inside one file: one entry per record of a file that
 * may hold millions, so the value is packed as "line:first 16 hex digits of the identity hash".
 */
type SeenInRun = string;

function seenEntry(line: number, hash: string): SeenInRun {
  return `${line}:${hash.slice(0, 16)}`;
}

const MAX_RAW = 10_000;

/** The identity part of a record; events and consents are keyed separately and do not count as changes. */
function identityHash(record: MappedRecord): string {
  const { identity } = record;
  return crypto.hash('sha256', JSON.stringify(identity), 'hex');
}

function eventKey(event: MappedRecord['events'][number]): string {
  return event.externalId ?? crypto.hash('sha1', JSON.stringify([event.type, event.at, event.amount ?? null, event.currency ?? null, event.place ?? null]), 'hex');
}

export class RecordWriter {
  private readonly seen = new Map<string, SeenInRun>();

  constructor(
    private readonly db: SqlRunner,
    private readonly sourceId: number,
    private readonly runId: number,
    private readonly now: () => Date,
    /** With event columns, the same customer on many rows is expected (one row per purchase). */
    private readonly repeatedKeysExpected: boolean,
  ) {}

  reject(counts: BatchCounts, input: RejectInput): void {
    this.db.run(sql`INSERT INTO import_reject (run_id, line, reasons, raw) VALUES (${this.runId}, ${input.line}, ${JSON.stringify(input.reasons)}, ${input.raw.slice(0, MAX_RAW)})`);
    counts.rejected += 1;
  }

  write(counts: BatchCounts, row: RawRow, record: MappedRecord): void {
    const { line } = row;
    const raw = JSON.stringify(row.values);
    const hash = identityHash(record);
    const seen = this.seen.get(record.sourceRecordId);
    const earlier = seen === undefined ? undefined : { line: Number(seen.slice(0, seen.indexOf(':'))), identityHash: seen.slice(seen.indexOf(':') + 1) };
    const shortHash = hash.slice(0, 16);
    if (earlier && earlier.identityHash !== shortHash && !this.repeatedKeysExpected) {
      this.reject(counts, {
        line,
        reasons: [`duplicate customer number ${record.sourceRecordId}: line ${earlier.line} has the same number with different details; that line was kept`],
        raw,
      });
      return;
    }
    if (!earlier) this.seen.set(record.sourceRecordId, seenEntry(line, hash));
    const stamp = this.now().toISOString();
    const existing = this.db.get<{ id: number; content_hash: string }>(
      sql`SELECT id, content_hash FROM source_record WHERE source_id = ${this.sourceId} AND external_id = ${record.sourceRecordId}`,
    );
    if (!existing) {
      const profileId = Number(
        this.db.run(sql`INSERT INTO profile (display_name, sort_key, created_at, updated_at) VALUES (${displayName(record)}, ${sortKey(record)}, ${stamp}, ${stamp})`).lastInsertRowid,
      );
      const recordId = Number(this.db.run(this.insertRecord(record, raw, hash, stamp)).lastInsertRowid);
      this.db.run(sql`INSERT INTO profile_member (source_record_id, profile_id, how, added_at) VALUES (${recordId}, ${profileId}, 'import', ${stamp})`);
      this.writeIdentifiers(recordId, record);
      this.addEventsAndConsents(recordId, record);
      this.db.run(sql`INSERT INTO profile_search (rowid, terms) VALUES (${profileId}, ${searchTerms([record])})`);
      counts.inserted += 1;
      return;
    }
    const added = this.addEventsAndConsents(existing.id, record);
    if (existing.content_hash === hash || (earlier && earlier.identityHash !== shortHash)) {
      if (added > 0) counts.updated += 1;
      else counts.unchanged += 1;
      return;
    }
    this.updateRecord(existing.id, record, raw, hash, stamp);
    counts.updated += 1;
  }

  private insertRecord(record: MappedRecord, raw: string, hash: string, stamp: string) {
    const id = record.identity;
    return sql`
      INSERT INTO source_record (source_id, external_id, content_hash, given_name, family_name, full_name, street, city, postal_code, region, country, birth_date, raw, first_run, last_run, created_at, updated_at)
      VALUES (${this.sourceId}, ${record.sourceRecordId}, ${hash}, ${id.givenName?.value ?? null}, ${id.familyName?.value ?? null}, ${id.fullName?.value ?? null},
              ${id.street?.value ?? null}, ${id.city?.value ?? null}, ${id.postalCode?.value ?? null}, ${id.region?.value ?? null}, ${id.country?.value ?? null},
              ${id.birthDate?.value ?? null}, ${raw}, ${this.runId}, ${this.runId}, ${stamp}, ${stamp})`;
  }

  private updateRecord(recordId: number, record: MappedRecord, raw: string, hash: string, stamp: string): void {
    const id = record.identity;
    this.db.run(sql`
      UPDATE source_record SET content_hash = ${hash}, given_name = ${id.givenName?.value ?? null}, family_name = ${id.familyName?.value ?? null},
        full_name = ${id.fullName?.value ?? null}, street = ${id.street?.value ?? null}, city = ${id.city?.value ?? null}, postal_code = ${id.postalCode?.value ?? null},
        region = ${id.region?.value ?? null}, country = ${id.country?.value ?? null}, birth_date = ${id.birthDate?.value ?? null},
        raw = ${raw}, last_run = ${this.runId}, updated_at = ${stamp}
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
    this.db.run(sql`INSERT INTO profile_search (rowid, terms) VALUES (${profileId}, ${searchTerms(records)})`);
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

  private writeIdentifiers(recordId: number, record: MappedRecord): void {
    for (const email of record.identity.emails) this.db.run(sql`INSERT INTO identifier (source_record_id, kind, value, raw) VALUES (${recordId}, 'email', ${email.value}, ${email.raw})`);
    for (const phone of record.identity.phones) this.db.run(sql`INSERT INTO identifier (source_record_id, kind, value, raw) VALUES (${recordId}, 'phone', ${phone.value}, ${phone.raw})`);
  }

  /** Returns how many new events or consent observations were stored. */
  private addEventsAndConsents(recordId: number, record: MappedRecord): number {
    let added = 0;
    for (const event of record.events) {
      added += this.db.run(sql`
        INSERT OR IGNORE INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id)
        VALUES (${recordId}, ${eventKey(event)}, ${event.type}, ${event.at}, ${event.amount ?? null}, ${event.currency ?? null}, ${event.place ?? null}, ${JSON.stringify(event.raw ?? null)}, ${this.runId})`).changes;
    }
    for (const consent of record.consents) {
      added += this.db.run(sql`
        INSERT OR IGNORE INTO consent_observation (source_record_id, purpose, granted, at, raw, run_id)
        VALUES (${recordId}, ${consent.purpose}, ${consent.granted ? 1 : 0}, ${consent.at}, ${JSON.stringify(consent.raw ?? null)}, ${this.runId})`).changes;
    }
    return added;
  }
}
