/**
 * What undoing an import asks of the ledger (main/ingest/undo-run.ts), as SQL over ingest's records `r`:
 * the undo removes a record only when nothing but its run wrote to it, and a ledger event from another run
 * or recorded by a steward (`run_id` NULL) is proof kept, so its record stays.
 */
import { sql, type SqlFragment, type SqlRunner } from '../store/sql';

/** True for a record `r` with ledger events other than the run's. */
export function ledgerBeyondRun(runId: number): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM consent_event c WHERE c.source_record_id = r.id AND c.run_id IS NOT ${runId})`;
}

/** True for a record `r` the run added ledger events to. */
export function ledgerFromRun(runId: number): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM consent_event c WHERE c.source_record_id = r.id AND c.run_id = ${runId})`;
}

/** Removes the events of records leaving the vault with an undone import; `ids` selects the record ids. */
export function removeRecordsLedger(db: SqlRunner, ids: SqlFragment): void {
  db.run(sql`DELETE FROM consent_event WHERE source_record_id IN ${ids}`);
}
