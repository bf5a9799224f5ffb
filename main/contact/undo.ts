/**
 * What undoing an import asks of the contact ledger (main/ingest/undo-run.ts), as SQL over ingest's records
 * `r`: imports write no entries, so every entry is a steward's and proof kept; its record stays.
 */
import { sql, type SqlFragment } from '../store/sql';

/** True for a record `r` a communication choice hangs from. */
export function contactOnRecord(): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM contact_preference c WHERE c.source_record_id = r.id)`;
}
