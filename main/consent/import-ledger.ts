/**
 * The consent ledger's side of an import or a sync: the yes/no cells a mapping reads become grant and
 * withdrawal events of the record, from its source, by `import`. Ingest calls this inside its batch's
 * transaction (main/ingest/record-writer.ts); the table stays consent's.
 *
 * A cell whose purpose the catalog lacks, whose purpose cannot rest on consent, or whose date is in the
 * future becomes a problem ingest flags on the record (`consent.*`): the consent is not recorded, the row is.
 *
 * Re-importing a file adds nothing: a dated event is one event (a unique index), and an undated one is
 * recorded only when it changes what the source last said for that record and purpose.
 */
import { BatchedInsert } from '../store/batched-insert';
import type { SqlRunner } from '../store/sql';
import { findRule, purposeByText } from './catalog';
import { freeTextCode } from './codes';

/** What a mapping read from a row: ingest's MappedConsent has this shape. */
export interface ObservedConsent {
  readonly purpose: string;
  readonly granted: boolean;
  /** YYYY-MM-DD or ISO date-time; null when the source does not say when. */
  readonly at: string | null;
  /** The yes/no cell as sent. */
  readonly raw: string;
}

export type ConsentProblemCode = 'consentUnknownPurpose' | 'consentNotABasis' | 'consentInFuture';

export interface ConsentProblem {
  readonly code: ConsentProblemCode;
  readonly purpose: string;
  /** The cell the problem is about: the yes/no value, or the date in the future. */
  readonly raw: string;
}

type Resolution = { readonly purposeId: number } | { readonly problem: 'consentUnknownPurpose' | 'consentNotABasis' };

interface Resolved {
  readonly purposeId: number;
  readonly kind: 'grant' | 'withdrawal';
  readonly at: string | null;
  readonly raw: string;
}

type RowConsents = { readonly events: readonly Resolved[]; readonly problems: readonly ConsentProblem[] };

const NOTHING: RowConsents = { events: [], problems: [] };

const COLUMNS = 'source_record_id, purpose_id, kind, at, recorded_at, source_id, method, raw, run_id';

export class ImportedConsents {
  private readonly purposes = new Map<string, Resolution>();
  private readonly batch: BatchedInsert;
  /** The source's purpose texts the steward mapped to a catalog code (the mapping's `purposeAliases`), folded. */
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(
    private readonly db: SqlRunner,
    private readonly sourceId: number,
    private readonly runId: number,
    aliases: Readonly<Record<string, string>> = {},
  ) {
    this.batch = new BatchedInsert(db, `INSERT OR IGNORE INTO consent_event (${COLUMNS})`, 9);
    this.aliases = new Map(Object.entries(aliases).map(([text, code]) => [freeTextCode(text), code]));
  }

  /** New records' events wait with the other new rows; written after the records they hang from. */
  get pending(): BatchedInsert {
    return this.batch;
  }

  /** The events a row's consents make, and the problems to flag instead of the others; `stamp` is now. */
  resolve(consents: readonly ObservedConsent[], stamp: string): RowConsents {
    // Most rows of most files carry no consent: they cost the import nothing here.
    if (consents.length === 0) return NOTHING;
    const now = Date.parse(stamp);
    const events: Resolved[] = [];
    const problems: ConsentProblem[] = [];
    for (const consent of consents) {
      const resolution = this.purpose(consent.purpose);
      if ('problem' in resolution) problems.push({ code: resolution.problem, purpose: consent.purpose, raw: consent.raw });
      else if (consent.at !== null && Date.parse(consent.at) > now) problems.push({ code: 'consentInFuture', purpose: consent.purpose, raw: consent.at });
      else events.push({ purposeId: resolution.purposeId, kind: consent.granted ? 'grant' : 'withdrawal', at: consent.at, raw: consent.raw });
    }
    return { events, problems };
  }

  /** A new record: nothing to compare with but the row itself. */
  addNew(recordId: number, events: readonly Resolved[], stamp: string): void {
    const seen = new Set<string>();
    for (const event of events) {
      const key = `${event.purposeId}\u0000${event.kind}\u0000${event.at ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.batch.add(recordId, event.purposeId, event.kind, event.at, stamp, this.sourceId, 'import', event.raw, this.runId);
    }
  }

  /** A record already stored; returns how many events were new. */
  addExisting(recordId: number, events: readonly Resolved[], stamp: string): number {
    const insert = this.db.statement(`INSERT OR IGNORE INTO consent_event (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const latest = this.db.statement(`
      SELECT kind FROM consent_event WHERE source_record_id = ? AND purpose_id = ? AND source_id = ?
      ORDER BY coalesce(at, recorded_at) DESC, id DESC LIMIT 1`);
    let added = 0;
    for (const event of events) {
      if (event.at === null) {
        const last = latest.get(recordId, event.purposeId, this.sourceId) as { kind: string } | undefined;
        if (last?.kind === event.kind) continue;
      }
      added += insert.run(recordId, event.purposeId, event.kind, event.at, stamp, this.sourceId, 'import', event.raw, this.runId).changes;
    }
    return added;
  }

  private purpose(text: string): Resolution {
    let resolution = this.purposes.get(text);
    if (resolution === undefined) {
      // The steward's match for this source first; a code no longer in the catalog leaves the text unmatched.
      const alias = this.aliases.get(freeTextCode(text));
      const purpose = alias === undefined ? purposeByText(this.db, text) : findRule(this.db, alias);
      resolution =
        purpose === null
          ? { problem: 'consentUnknownPurpose' }
          : purpose.bases.includes('consent')
            ? { purposeId: purpose.id }
            : { problem: 'consentNotABasis' };
      this.purposes.set(text, resolution);
    }
    return resolution;
  }
}
