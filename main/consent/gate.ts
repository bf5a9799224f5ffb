/**
 * The consent intake gate (docs/consent.md, "The intake gate"): whether a record an import or a sync writes
 * may join a profile, or is **held** until a steward attaches a basis or deletes it.
 *
 * A record is held when none of its source's declared purposes gives it a basis:
 * - a purpose declared on a basis other than consent gives one (a consent for marketing is then enforced
 *   when data is used, by mayUse, not at intake): such a source is never gated, at no cost per row;
 * - a consent-based purpose gives one when the record's own ledger says granted, withdrawn or objected (a
 *   person's "no" must reach their profile to be honoured, and the proof of an opt-out kept), or when a
 *   person already in the vault with one of the record's emails or phones has a grant in force for it.
 *
 * Ingest calls it inside its batch's transaction (main/ingest/record-writer.ts); the tables are consent's.
 * Statements are prepared once per run; a row with its own consent costs no query.
 */
import { BatchedInsert } from '../store/batched-insert';
import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type SqlRunner } from '../store/sql';
import { deriveState, deriveStates, type LedgerEvent } from './derive';

/** What a row's consents became (ImportedConsents.resolve's events). */
export interface RowConsentEvent {
  readonly purposeId: number;
  readonly kind: 'grant' | 'withdrawal';
  readonly at: string | null;
}

/** Why a record is held, and for which purposes (catalog codes). */
export interface HoldReason {
  readonly reason: 'noConsent';
  readonly purposes: readonly string[];
}

interface Statements {
  readonly person: Database.Statement;
  readonly own: Database.Statement;
  readonly events: Database.Statement;
  readonly identifiers: Database.Statement;
  readonly held: Database.Statement;
  readonly unhold: Database.Statement;
}

type StoredEvent = LedgerEvent & { readonly purposeId: number };

const EVENT_COLUMNS = 'e.id, e.purpose_id AS purposeId, e.kind, e.at, e.recorded_at AS recordedAt, e.expires_at AS expiresAt';

/** A state the record's own ledger may be in for the record to pass: a decision the person made. */
const OWN_DECISION = new Set(['granted', 'withdrawn', 'objected']);

export class IntakeGate {
  /** The consent-based purposes the source declares, when all of them are: null when the gate is open. */
  private readonly purposes: ReadonlyMap<number, string> | null;
  private readonly holds: BatchedInsert | null;
  private statements: Statements | null = null;

  constructor(
    private readonly db: SqlRunner,
    sourceId: number,
    private readonly runId: number,
  ) {
    const declared = db.all<{ purposeId: number; code: string; basis: string }>(sql`
      SELECT sp.purpose_id AS purposeId, p.code, sp.basis FROM source_purpose sp JOIN purpose p ON p.id = sp.purpose_id WHERE sp.source_id = ${sourceId} ORDER BY p.id`);
    const gated = declared.length > 0 && declared.every((row) => row.basis === 'consent');
    this.purposes = gated ? new Map(declared.map((row) => [row.purposeId, row.code])) : null;
    this.holds = !gated ? null : new BatchedInsert(db, 'INSERT INTO record_hold (source_record_id, reason, purposes, held_at, run_id)', 5);
  }

  /** False for a source that declares a purpose on a basis other than consent: nothing is ever held. */
  get gated(): boolean {
    return this.purposes !== null;
  }

  /** Holds of new records wait with the other new rows; written after the records they hang from. */
  get pending(): BatchedInsert | null {
    return this.holds;
  }

  /**
   * A new record: held or not from the row's consents and, failing them, the ledger of the people already
   * in the vault with one of its emails or phones (`identifiers`: kind, value, raw, … as the writer has them).
   */
  decideNew(events: readonly RowConsentEvent[], identifiers: readonly string[], stamp: string): HoldReason | null {
    const purposes = this.purposes;
    if (purposes === null) return null;
    const own = events.map((event, index): StoredEvent => ({
      id: index,
      purposeId: event.purposeId,
      kind: event.kind,
      at: event.at,
      recordedAt: stamp,
      expiresAt: null,
    }));
    return this.decide(own, () => pairs(identifiers), stamp);
  }

  /** A stored record met again (a re-import) or released by hand: from what the vault holds now. */
  decideStored(recordId: number, stamp: string): HoldReason | null {
    if (this.purposes === null) return null;
    const statements = this.prepared();
    const own = statements.own.all(recordId) as StoredEvent[];
    return this.decide(own, () => statements.identifiers.all(recordId) as { kind: string; value: string }[], stamp);
  }

  /** Queues the hold of a new record (the writer flushes it with the batch). */
  holdNew(recordId: number, hold: HoldReason, stamp: string): void {
    this.holds?.add(recordId, hold.reason, JSON.stringify(hold.purposes), stamp, this.runId);
  }

  isHeld(recordId: number): boolean {
    return this.prepared().held.get(recordId) !== undefined;
  }

  /** A held record that now has a basis: no longer held (the writer gives it its profile). */
  unhold(recordId: number): void {
    this.prepared().unhold.run(recordId);
  }

  private decide(own: readonly StoredEvent[], identifiers: () => readonly { kind: string; value: string }[], stamp: string): HoldReason | null {
    const purposes = this.purposes!;
    const now = new Date(stamp);
    const lacking = new Set(purposes.keys());
    if (own.length > 0) {
      for (const [purposeId, derived] of deriveStates(own, now)) if (OWN_DECISION.has(derived.state)) lacking.delete(purposeId);
      if (lacking.size < purposes.size) return null;
    }
    const { person, events } = this.prepared();
    const profiles = new Set<number>();
    for (const { kind, value } of identifiers()) for (const id of person.all(kind, value) as number[]) profiles.add(id);
    for (const profileId of profiles) {
      const ledger = events.all(profileId) as StoredEvent[];
      for (const purposeId of lacking) {
        const forPurpose = ledger.filter((event) => event.purposeId === purposeId);
        if (forPurpose.length > 0 && deriveState(forPurpose, now).state === 'granted') return null;
      }
    }
    return { reason: 'noConsent', purposes: [...lacking].map((id) => purposes.get(id)!) };
  }

  private prepared(): Statements {
    return (this.statements ??= {
      // The profiles of admitted records with this exact email or phone (a held record has no profile).
      person: this.db
        .statement(
          'SELECT DISTINCT m.profile_id FROM identifier i JOIN profile_member m ON m.source_record_id = i.source_record_id WHERE i.kind = ? AND i.value = ?',
        )
        .pluck(),
      own: this.db.statement(`SELECT ${EVENT_COLUMNS} FROM consent_event e WHERE e.source_record_id = ?`),
      events: this.db.statement(
        `SELECT ${EVENT_COLUMNS} FROM profile_member m JOIN consent_event e ON e.source_record_id = m.source_record_id WHERE m.profile_id = ?`,
      ),
      identifiers: this.db.statement('SELECT kind, value FROM identifier WHERE source_record_id = ?'),
      held: this.db.statement('SELECT 1 AS held FROM record_hold WHERE source_record_id = ?'),
      unhold: this.db.statement('DELETE FROM record_hold WHERE source_record_id = ?'),
    });
  }
}

/** The writer's flat identifiers (kind, value, raw, kind, value, raw, …) as pairs. */
function pairs(identifiers: readonly string[]): { kind: string; value: string }[] {
  const result: { kind: string; value: string }[] = [];
  for (let index = 0; index + 1 < identifiers.length; index += 3) result.push({ kind: identifiers[index]!, value: identifiers[index + 1]! });
  return result;
}
