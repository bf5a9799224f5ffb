/**
 * Writes prepared records into the vault, inside the caller's transaction. Records are keyed by
 * (source, external id): a record seen before with the same identity is left untouched, so re-importing
 * an export writes only what changed. Events are keyed too, so a till export imported twice adds nothing
 * the second time; consents become events of the consent ledger, which is consent's (ImportedConsents).
 *
 * This is the one loop that runs a million times per large import, on the thread that owns the vault:
 * statements are prepared once, everything computable elsewhere arrives computed (write-items.ts), and
 * new records are inserted many rows per statement (batched-insert.ts) when the batch is flushed.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import { ImportedConsents, IntakeGate, type ConsentProblem } from '../consent/index';
import { BatchedInsert, ROWS_PER_STATEMENT } from '../store/batched-insert';
import { SearchTermsInsert } from '../store/search-index';
import { sql, type SqlRunner, type SqlValue } from '../store/sql';
import { Suppressor, type RecordIdentity } from '../suppression/index';
import { FirstLines } from './first-lines';
import { admitRecord } from './held-records';
import { IdSet } from './id-set';
import type { MappedEvent } from './mapping/apply';
import { refreshProfile } from './profile-refresh';
import type { ReasonDetails } from './reasons';
import type { FieldFlag } from './mapping/row-context';
import type { PreparedRecord } from './write-items';

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows kept as records with at least one flagged value (also counted above as inserted, updated or unchanged). */
  flagged: number;
  /** Events with no key and no personal data: counted, nothing stored. */
  anonymous: number;
  /** Records held by the consent intake gate (also counted above): no profile until a steward releases them. */
  held: number;
  /** Rows of erased people (the suppression list): dropped before anything of them was written, and counted nowhere else. */
  suppressed: number;
}

export const emptyCounts = (): BatchCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0, flagged: 0, anonymous: 0, held: 0, suppressed: 0 });

/** What the suppression list recognises a person by, from a prepared row (names in RECORD_COLUMNS order). */
function identityOf(record: PreparedRecord): RecordIdentity {
  const [givenName, familyName, fullName] = record.columns;
  const emails: string[] = [];
  const phones: string[] = [];
  const { identifiers } = record;
  for (let index = 0; index < identifiers.length; index += 3) {
    if (identifiers[index] === 'email') emails.push(identifiers[index + 1]!);
    else if (identifiers[index] === 'phone') phones.push(identifiers[index + 1]!);
  }
  return { externalId: record.key, givenName: givenName ?? null, familyName: familyName ?? null, fullName: fullName ?? null, emails, phones };
}

export interface RejectInput {
  readonly line: number;
  readonly reasons: readonly string[];
  /** Codes for the interface, one per reason (see reasons.ts). */
  readonly details?: ReasonDetails;
  readonly raw: string;
}

const MAX_RAW = 10_000;

/**
 * An event without the source's transaction number is known by what it is: type, time, amount, currency
 * and place. Two identical purchases are still two purchases, so the second one met in a run gets the
 * key `…#2`, the third `…#3`: importing the same file again meets them in the same order and finds them.
 */
export function contentKey(event: Omit<MappedEvent, 'raw' | 'externalId'>): string {
  return crypto.hash('sha1', JSON.stringify([event.type, event.at, event.amount ?? null, event.currency ?? null, event.place ?? null]), 'hex');
}

export function nthKey(base: string, occurrence: number): string {
  return occurrence === 1 ? base : `${base}#${occurrence}`;
}

/**
 * Where an event's raw JSON keeps someone else's details (see MappedEvent.thirdParty): beside the cells,
 * under a key no column can have, for the access package to withhold.
 */
export const THIRD_PARTY_KEY = '~thirdParty';

/** What an event's `raw` column holds: its cells as sent, and someone else's details apart. */
export function eventRawJson(event: MappedEvent): string {
  const raw = event.thirdParty === undefined ? event.raw : { ...event.raw, [THIRD_PARTY_KEY]: event.thirdParty };
  return JSON.stringify(raw ?? null);
}

/** An event's columns after its record's id and its key. */
function eventColumns(event: MappedEvent, runId: number): SqlValue[] {
  return [event.type, event.at, event.amount ?? null, event.currency ?? null, event.place ?? null, eventRawJson(event), runId];
}

interface StoredEvent {
  readonly id: number;
  readonly runId: number;
  readonly type: string;
  readonly at: string;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly place: string | null;
}

/**
 * Same details: what the event is, not the cells it came from (an order's cells are labelled by its
 * place in a JSON list, which moves when the list grows).
 */
function sameEvent(stored: StoredEvent, event: MappedEvent): boolean {
  return (
    stored.type === event.type &&
    stored.at === event.at &&
    stored.amount === (event.amount ?? null) &&
    stored.currency === (event.currency ?? null) &&
    stored.place === (event.place ?? null)
  );
}

/** What writing a row's events will do, decided before anything of the row is written. */
type EventStep =
  | { readonly kind: 'insert'; readonly key: string; readonly event: MappedEvent }
  | { readonly kind: 'update'; readonly id: number; readonly event: MappedEvent }
  | { readonly kind: 'same'; readonly id: number };

/** A transaction number met twice in one import with other details: the first is kept, the conflict flagged. */
function duplicateTransaction(event: MappedEvent & { readonly externalId: string }): FieldFlag {
  const id = event.externalId;
  return {
    field: 'event.id',
    column: 'event.id',
    reason: `transaction ${id} appears more than once in this import with different details; the first was kept`,
    detail: { code: 'duplicateTransaction', params: { id } },
    // The other details, as sent: the steward decides which one was right.
    raw: JSON.stringify(event.raw),
  };
}

const CONSENT_PROBLEM_TEXT: Readonly<Record<ConsentProblem['code'], string>> = {
  consentUnknownPurpose: 'the purpose is not in the catalog; the consent was not recorded',
  consentNotABasis: 'the purpose cannot rest on consent; the consent was not recorded',
  consentInFuture: 'the consent is dated in the future; it was not recorded',
};

/** A consent the ledger could not take: flagged on the record, which is kept (the column is the purpose as mapped). */
function consentFlag(problem: ConsentProblem): FieldFlag {
  return {
    field: problem.code === 'consentInFuture' ? 'consent.at' : 'consent.purpose',
    column: problem.purpose,
    reason: `${problem.purpose}: ${CONSENT_PROBLEM_TEXT[problem.code]}`,
    detail: { code: problem.code, params: { column: problem.purpose } },
    raw: problem.raw,
  };
}

/**
 * The same customer number twice in one file with other details: the same record seen twice, the later
 * row's values kept (an export lists changes in order), and the conflict flagged for the steward.
 */
function duplicate(key: string, firstLine: number, line: number, supersededRow: string | null): FieldFlag {
  return {
    ...(supersededRow === null ? {} : { supersededRow }),
    field: 'sourceRecordId',
    column: 'sourceRecordId',
    reason: `customer number ${key} appears on line ${firstLine} and line ${line} with different details; line ${line}'s were kept`,
    detail: { code: 'duplicateKey', params: { key, line: firstLine, later: line } },
    raw: key,
  };
}

/** A flag's row after the record's id: the run, then what the flag says. */
function flagColumns(flag: FieldFlag, runId: number): SqlValue[] {
  const params = Object.keys(flag.detail.params).length > 0 ? flag.detail.params : undefined;
  const detail =
    params === undefined && flag.pendingEvent === undefined && flag.supersededRow === undefined
      ? null
      : JSON.stringify({ params, pendingEvent: flag.pendingEvent, supersededRow: flag.supersededRow });
  return [runId, flag.field, flag.column, flag.detail.code, flag.reason, flag.raw.slice(0, MAX_RAW), detail];
}

interface Statements {
  readonly insertIdentifier: Database.Statement;
  readonly insertEvent: Database.Statement;
  readonly findEvent: Database.Statement;
  readonly updateEvent: Database.Statement;
  readonly insertReject: Database.Statement;
  readonly findRecord: Database.Statement;
  readonly setRowHash: Database.Statement;
  readonly insertFlag: Database.Statement;
  readonly clearIdentityFlags: Database.Statement;
}

interface FoundRecord {
  readonly id: number;
  readonly hash: string;
  readonly rowHash: string | null;
}

function prepareStatements(db: SqlRunner): Statements {
  return {
    insertIdentifier: db.statement('INSERT INTO identifier (source_record_id, kind, value, raw) VALUES (?, ?, ?, ?)'),
    insertEvent: db.statement(
      'INSERT INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    findEvent: db.statement('SELECT id, run_id AS runId, type, at, amount, currency, place FROM event WHERE source_record_id = ? AND external_id = ?'),
    // run_id: the run that last wrote the event.
    updateEvent: db.statement('UPDATE event SET type = ?, at = ?, amount = ?, currency = ?, place = ?, raw = ?, run_id = ? WHERE id = ?'),
    insertReject: db.statement('INSERT INTO import_reject (run_id, line, reasons, details, raw) VALUES (?, ?, ?, ?, ?)'),
    findRecord: db.statement('SELECT id, content_hash AS hash, row_hash AS rowHash FROM source_record WHERE source_id = ? AND external_id = ?'),
    setRowHash: db.statement('UPDATE source_record SET row_hash = ? WHERE id = ?'),
    insertFlag: db.statement(
      'INSERT OR IGNORE INTO record_flag (source_record_id, run_id, field, column_name, code, reason, raw, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    // The identity flags describe the identity now stored; flags on events and consents pile up like them.
    clearIdentityFlags: db.statement("DELETE FROM record_flag WHERE source_record_id = ? AND field NOT LIKE 'event.%' AND field NOT LIKE 'consent.%'"),
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
  readonly terms: SearchTermsInsert;
  readonly flag: BatchedInsert;
  readonly hold?: BatchedInsert;
}

function newRows(db: SqlRunner, consents: ImportedConsents, gate: IntakeGate): NewRows {
  return {
    profile: new BatchedInsert(db, 'INSERT INTO profile (id, display_name, sort_key, created_at, updated_at)', 5),
    record: new BatchedInsert(
      db,
      'INSERT INTO source_record (id, source_id, external_id, content_hash, given_name, family_name, full_name, street, city, postal_code, region, country, birth_date, national_id, language, raw, row_hash, first_run, last_run, created_at, updated_at)',
      21,
    ),
    member: new BatchedInsert(db, 'INSERT INTO profile_member (source_record_id, profile_id, how, added_at)', 4),
    identifier: new BatchedInsert(db, 'INSERT INTO identifier (source_record_id, kind, value, raw)', 4),
    event: new BatchedInsert(db, 'INSERT INTO event (source_record_id, external_id, type, at, amount, currency, place, raw, run_id)', 9),
    consent: consents.pending,
    terms: new SearchTermsInsert(db),
    flag: new BatchedInsert(db, 'INSERT OR IGNORE INTO record_flag (source_record_id, run_id, field, column_name, code, reason, raw, detail)', 8),
    ...(gate.pending === null ? {} : { hold: gate.pending }),
  };
}

export class RecordWriter {
  /** The line where each key of this run was first accepted: the first line of a duplicated key wins. */
  private readonly firstLines = new FirstLines();
  /** A source with no records yet needs no lookup for a key this run has not seen. */
  private readonly sourceWasEmpty: boolean;
  private readonly statements: Statements;
  private readonly consents: ImportedConsents;
  private readonly gate: IntakeGate;
  /** Keys of the source's held records when the run starts (few): a row met unchanged is weighed again. */
  private readonly heldKeys: ReadonlySet<string>;
  private readonly heldThisRun = new Set<string>();
  private readonly newRows: NewRows;
  /**
   * The ids the next new profile and record get, while new rows are pending. SQLite would pick the same
   * (one more than the largest); choosing them here lets the pending rows reference each other.
   */
  private nextIds: { profile: number; record: number } | null = null;
  /**
   * Stored events a row of this run turned out to be (unchanged), by id. With the events this run wrote
   * (their run_id), they are the ones already accounted for: an identical event met again in the run is
   * another occurrence, and a transaction number met again with other details is a conflict.
   */
  private readonly eventsMet = new IdSet();
  /**
   * The keys of the source's records that carry flags when the run starts: a row recognized unchanged
   * (`same`) is still a record with flagged values, and the run says so. Flags are few; this stays small.
   */
  private readonly flaggedKeys: ReadonlySet<string>;
  private readonly flaggedThisRun = new Set<string>();
  /** The erased people this run must not bring back; inactive (and free) while the list is empty. */
  private readonly suppressor: Suppressor;

  constructor(
    private readonly db: SqlRunner,
    private readonly sourceId: number,
    private readonly runId: number,
    /** With event columns, the same customer on many rows is expected (one row per purchase). */
    private readonly repeatedKeysExpected: boolean,
    /**
     * Maps a row again from its raw JSON. A row recognized unchanged (`same`) arrives without its record;
     * when an earlier row of the same file changed that record, the later row must win, so it is mapped
     * after all. Null when the row cannot be mapped again (its raw text was cut).
     */
    private readonly remap: (line: number, raw: string) => PreparedRecord | null = () => null,
    /** The mapping's `purposeAliases`: the source's purpose texts the steward mapped to catalog purposes. */
    purposeAliases: Readonly<Record<string, string>> = {},
  ) {
    this.statements = prepareStatements(db);
    this.suppressor = new Suppressor(db);
    this.consents = new ImportedConsents(db, sourceId, runId, purposeAliases);
    this.gate = new IntakeGate(db, sourceId, runId);
    this.newRows = newRows(db, this.consents, this.gate);
    this.sourceWasEmpty = db.get(sql`SELECT 1 AS found FROM source_record WHERE source_id = ${sourceId} LIMIT 1`) === undefined;
    this.heldKeys = this.sourceWasEmpty
      ? new Set()
      : new Set(
          db
            .all<{ key: string }>(
              sql`SELECT r.external_id AS key FROM record_hold h JOIN source_record r ON r.id = h.source_record_id WHERE r.source_id = ${sourceId}`,
            )
            .map((row) => row.key),
        );
    this.flaggedKeys = this.sourceWasEmpty
      ? new Set()
      : new Set(
          db
            .all<{ key: string }>(
              sql`SELECT DISTINCT r.external_id AS key FROM record_flag f JOIN source_record r ON r.id = f.source_record_id WHERE r.source_id = ${sourceId}`,
            )
            .map((row) => row.key),
        );
  }

  reject(counts: BatchCounts, input: RejectInput): void {
    const details = input.details?.some((detail) => detail !== null) ? JSON.stringify(input.details) : null;
    this.statements.insertReject.run(this.runId, input.line, JSON.stringify(input.reasons), details, input.raw.slice(0, MAX_RAW));
    counts.rejected += 1;
  }

  anonymous(counts: BatchCounts): void {
    counts.anonymous += 1;
  }

  /** Writes the pending new records; before the batch's transaction commits, and before any lookup. */
  flush(): void {
    if (this.nextIds === null) return;
    for (const rows of Object.values(this.newRows)) rows.flush();
    this.nextIds = null;
  }

  write(counts: BatchCounts, line: number, record: PreparedRecord, stamp: string): void {
    // Before anything else, the stored record of the same key included (erasure leaves none; were one
    // there, the erased person's row would still not be written back into it).
    if (this.suppressor.active && this.suppressor.matches(this.sourceId, identityOf(record))) {
      counts.suppressed += 1;
      return;
    }
    const firstLine = this.firstLines.firstOr(record.key, line);
    if (firstLine === undefined && this.sourceWasEmpty) {
      this.insertNew(counts, record, stamp);
      return;
    }
    // Only keys this run has already seen can be among the pending records.
    if (firstLine !== undefined) this.flush();
    const existing = this.statements.findRecord.get(this.sourceId, record.key) as FoundRecord | undefined;
    if (existing === undefined) {
      this.insertNew(counts, record, stamp);
      return;
    }
    const extra: FieldFlag[] = [];
    const steps = this.planEvents(existing.id, record.events, extra);
    const consents = this.consents.resolve(record.consents, stamp);
    for (const problem of consents.problems) extra.push(consentFlag(problem));
    const added = this.writeEvents(existing.id, steps) + this.consents.addExisting(existing.id, consents.events, stamp);
    // The stored identity is an earlier line's of this file when firstLine is set: a different one here is
    // the same record seen twice with other details (a till's rows of one card repeat the same person).
    const conflict = firstLine !== undefined && existing.hash !== record.hash;
    if (conflict) extra.push(duplicate(record.key, firstLine, line, existing.rowHash));
    const held = (this.heldKeys.has(record.key) || this.heldThisRun.has(record.key)) && this.gate.isHeld(existing.id);
    if (existing.hash === record.hash) {
      const flagsAdded = this.addFlags(existing.id, record.flags, extra);
      if (added + flagsAdded > 0) {
        // Written to anyway: from now on this row is the one the record is known by.
        if (firstLine === undefined) this.statements.setRowHash.run(record.rowHash, existing.id);
        counts.updated += 1;
      } else counts.unchanged += 1;
    } else {
      this.update(existing.id, record, extra, stamp, held);
      counts.updated += 1;
    }
    if (held) this.weighHeld(counts, existing.id, record.key, stamp);
    if (record.flags.length + extra.length > 0) this.countFlagged(counts, record.key);
  }

  /**
   * A held record met again: still held (counted once per run), or admitted when consent has arrived since,
   * in this row or in the ledger of a person with the same email or phone.
   */
  private weighHeld(counts: BatchCounts, recordId: number, key: string, stamp: string): void {
    if (this.gate.decideStored(recordId, stamp) === null) {
      this.flush();
      this.gate.unhold(recordId);
      admitRecord(this.db, recordId, stamp);
      return;
    }
    if (this.heldThisRun.has(key)) return;
    this.heldThisRun.add(key);
    counts.held += 1;
  }

  /** Once per record in a run, however many of its rows the file holds (a till's rows of one card). */
  private countFlagged(counts: BatchCounts, key: string): void {
    if (this.flaggedThisRun.has(key)) return;
    this.flaggedThisRun.add(key);
    counts.flagged += 1;
  }

  /** A row the record was written from, unchanged since (see known-rows.ts). */
  same(counts: BatchCounts, line: number, key: string, rowHash: string, raw: string, stamp: string): void {
    if (this.suppressor.matchesKey(this.sourceId, key)) {
      counts.suppressed += 1;
      return;
    }
    const firstLine = this.firstLines.firstOr(key, line);
    if (firstLine === undefined) {
      counts.unchanged += 1;
      if (this.flaggedKeys.has(key)) this.countFlagged(counts, key);
      if (this.heldKeys.has(key)) this.weighHeldKey(counts, key, stamp);
      return;
    }
    // The key came earlier in this file, which may have changed the record since the run started.
    this.flush();
    const current = this.statements.findRecord.get(this.sourceId, key) as FoundRecord | undefined;
    if (current === undefined || current.rowHash === rowHash || this.repeatedKeysExpected) {
      counts.unchanged += 1;
      if (this.flaggedKeys.has(key)) this.countFlagged(counts, key);
      return;
    }
    // An earlier line of this file changed the record: this later row wins, so it is mapped after all.
    const record = this.remap(line, raw);
    if (record !== null && record.key === key) {
      this.write(counts, line, record, stamp);
      return;
    }
    this.addFlags(current.id, [duplicate(key, firstLine, line, null)], []);
    counts.unchanged += 1;
    this.countFlagged(counts, key);
  }

  private weighHeldKey(counts: BatchCounts, key: string, stamp: string): void {
    const found = this.statements.findRecord.get(this.sourceId, key) as FoundRecord | undefined;
    if (found !== undefined && this.gate.isHeld(found.id)) this.weighHeld(counts, found.id, key, stamp);
  }

  private insertNew(counts: BatchCounts, record: PreparedRecord, stamp: string): void {
    const extra: FieldFlag[] = [];
    const events = newEvents(record.events, extra);
    const consents = this.consents.resolve(record.consents, stamp);
    for (const problem of consents.problems) extra.push(consentFlag(problem));
    const held = this.insert(record, events, consents.events, [...record.flags, ...extra], stamp);
    counts.inserted += 1;
    if (held && !this.heldThisRun.has(record.key)) {
      this.heldThisRun.add(record.key);
      counts.held += 1;
    }
    if (record.flags.length + extra.length > 0) this.countFlagged(counts, record.key);
  }

  private insert(
    record: PreparedRecord,
    events: readonly { readonly key: string; readonly event: MappedEvent }[],
    consents: ReturnType<ImportedConsents['resolve']>['events'],
    flags: readonly FieldFlag[],
    stamp: string,
  ): boolean {
    const { newRows: rows, runId } = this;
    // Only a source relying on consent for every purpose it declares weighs its rows; most never do.
    const hold = this.gate.gated ? this.gate.decideNew(consents, record.identifiers, stamp) : null;
    const ids = (this.nextIds ??= this.firstFreeIds());
    const recordId = ids.record++;
    rows.record.add(recordId, this.sourceId, record.key, record.hash, ...record.columns, record.raw, record.rowHash, runId, runId, stamp, stamp);
    if (hold === null) {
      const profileId = ids.profile++;
      rows.profile.add(profileId, record.displayName, record.sortKey, stamp, stamp);
      rows.member.add(recordId, profileId, 'import', stamp);
      rows.terms.add(profileId, record.terms);
    } else this.gate.holdNew(recordId, hold, stamp);
    const { identifiers } = record;
    for (let index = 0; index < identifiers.length; index += 3)
      rows.identifier.add(recordId, identifiers[index]!, identifiers[index + 1]!, identifiers[index + 2]!);
    for (const { key, event } of events) rows.event.add(recordId, key, ...eventColumns(event, runId));
    this.consents.addNew(recordId, consents, stamp);
    for (const flag of flags) rows.flag.add(recordId, ...flagColumns(flag, runId));
    // Every full statement's worth of records goes in at once: the rows of other tables left pending
    // then only reference records already written.
    if (rows.record.pending === ROWS_PER_STATEMENT) for (const table of Object.values(rows)) table.flush(true);
    return hold !== null;
  }

  /** Returns how many flags were new. */
  private addFlags(recordId: number, flags: readonly FieldFlag[], extra: readonly FieldFlag[]): number {
    let added = 0;
    for (const flag of flags) added += this.statements.insertFlag.run(recordId, ...flagColumns(flag, this.runId)).changes;
    for (const flag of extra) added += this.statements.insertFlag.run(recordId, ...flagColumns(flag, this.runId)).changes;
    return added;
  }

  private firstFreeIds(): { profile: number; record: number } {
    const last = this.db.get<{ profile: number | null; record: number | null }>(
      sql`SELECT (SELECT max(id) FROM profile) AS profile, (SELECT max(id) FROM source_record) AS record`,
    )!;
    return { profile: (last.profile ?? 0) + 1, record: (last.record ?? 0) + 1 };
  }

  private update(recordId: number, record: PreparedRecord, extraFlags: readonly FieldFlag[], stamp: string, held: boolean): void {
    const [givenName, familyName, fullName, street, city, postalCode, region, country, birthDate, nationalId, language] = record.columns;
    this.db.run(sql`
      UPDATE source_record SET content_hash = ${record.hash}, given_name = ${givenName ?? null}, family_name = ${familyName ?? null},
        full_name = ${fullName ?? null}, street = ${street ?? null}, city = ${city ?? null}, postal_code = ${postalCode ?? null},
        region = ${region ?? null}, country = ${country ?? null}, birth_date = ${birthDate ?? null}, national_id = ${nationalId ?? null},
        language = ${language ?? null}, raw = ${record.raw}, row_hash = ${record.rowHash}, last_run = ${this.runId}, updated_at = ${stamp}
      WHERE id = ${recordId}`);
    this.db.run(sql`DELETE FROM identifier WHERE source_record_id = ${recordId}`);
    this.statements.clearIdentityFlags.run(recordId);
    this.addFlags(recordId, record.flags, extraFlags);
    this.writeIdentifiers(recordId, record);
    // A held record has no profile to refresh.
    if (held) return;
    const profileId = this.db.get<{ profile_id: number }>(sql`SELECT profile_id FROM profile_member WHERE source_record_id = ${recordId}`)!.profile_id;
    refreshProfile(this.db, profileId, stamp);
  }

  private writeIdentifiers(recordId: number | bigint, record: PreparedRecord): void {
    const { identifiers } = record;
    for (let index = 0; index < identifiers.length; index += 3) {
      this.statements.insertIdentifier.run(recordId, identifiers[index], identifiers[index + 1], identifiers[index + 2]);
    }
  }

  /** An event this run already accounts for: written by it, or found unchanged by one of its rows. */
  private metInThisRun(stored: StoredEvent): boolean {
    return stored.runId === this.runId || this.eventsMet.has(stored.id);
  }

  /**
   * What a row's events do to a stored record: a new transaction number is inserted, a known one with
   * other details updated (the export corrected it), an identical one left as it is. An event without a
   * number takes the first of its keys (see contentKey) that this run has not accounted for yet. A
   * transaction number this run already wrote with other details keeps the first: the conflict is flagged.
   */
  private planEvents(recordId: number, events: readonly MappedEvent[], conflicts: FieldFlag[]): EventStep[] {
    const steps: EventStep[] = [];
    const withNumber = new Map<string, MappedEvent>();
    const planned = new Set<string>();
    const taken = new Set<number>();
    for (const event of events) {
      if (event.externalId !== undefined) {
        // Given twice in the row: written once, or a conflict.
        const inRow = withNumber.get(event.externalId);
        if (inRow !== undefined) {
          if (!equalEvents(inRow, event)) conflicts.push(duplicateTransaction({ ...event, externalId: event.externalId }));
          continue;
        }
        withNumber.set(event.externalId, event);
        const stored = this.statements.findEvent.get(recordId, event.externalId) as StoredEvent | undefined;
        if (stored === undefined) steps.push({ kind: 'insert', key: event.externalId, event });
        else if (sameEvent(stored, event)) steps.push({ kind: 'same', id: stored.id });
        else if (this.metInThisRun(stored)) conflicts.push(duplicateTransaction({ ...event, externalId: event.externalId }));
        else steps.push({ kind: 'update', id: stored.id, event });
        continue;
      }
      const base = contentKey(event);
      for (let occurrence = 1; ; occurrence += 1) {
        const key = nthKey(base, occurrence);
        if (planned.has(key)) continue;
        const stored = this.statements.findEvent.get(recordId, key) as StoredEvent | undefined;
        if (stored !== undefined && (this.metInThisRun(stored) || taken.has(stored.id))) continue;
        planned.add(key);
        if (stored === undefined) steps.push({ kind: 'insert', key, event });
        else {
          taken.add(stored.id);
          steps.push({ kind: 'same', id: stored.id });
        }
        break;
      }
    }
    return steps;
  }

  /** Returns how many events were inserted or updated. */
  private writeEvents(recordId: number, steps: readonly EventStep[]): number {
    let written = 0;
    const { insertEvent, updateEvent } = this.statements;
    for (const step of steps) {
      if (step.kind === 'same') this.eventsMet.add(step.id);
      else if (step.kind === 'insert') written += insertEvent.run(recordId, step.key, ...eventColumns(step.event, this.runId)).changes;
      else written += updateEvent.run(...eventColumns(step.event, this.runId), step.id).changes;
    }
    return written;
  }
}

/**
 * A new record's events with their keys: transaction numbers, or content keys numbered by occurrence. The
 * same transaction twice in the row is written once; with other details the first is kept, the conflict
 * flagged.
 */
function newEvents(events: readonly MappedEvent[], conflicts: FieldFlag[]): { readonly key: string; readonly event: MappedEvent }[] {
  if (events.length === 0) return [];
  const keyed = new Map<string, MappedEvent>();
  for (const event of events) {
    if (event.externalId !== undefined) {
      const earlier = keyed.get(event.externalId);
      if (earlier === undefined) keyed.set(event.externalId, event);
      else if (!equalEvents(earlier, event)) conflicts.push(duplicateTransaction({ ...event, externalId: event.externalId }));
      continue;
    }
    const base = contentKey(event);
    let occurrence = 1;
    while (keyed.has(nthKey(base, occurrence))) occurrence += 1;
    keyed.set(nthKey(base, occurrence), event);
  }
  return [...keyed].map(([key, event]) => ({ key, event }));
}

function equalEvents(a: MappedEvent, b: MappedEvent): boolean {
  return a.type === b.type && a.at === b.at && a.amount === b.amount && a.currency === b.currency && a.place === b.place;
}
