/**
 * Which profile each source record belongs to, as CSV: `source,source_record_id,profile_id`, one line
 * per record. This is how identity resolution is scored on data the team never saw (the evaluation
 * reads it back), and how an organisation takes its own clustering elsewhere. The source's name and the
 * record's key are the organisation's own identifiers; no name, email or phone is written.
 */
import Papa from 'papaparse';
import { guardedCell as guarded } from '../platform/csv-cell';
import { OutputFile, type OutputOptions } from '../platform/output-file';
import { sql, type SqlRunner } from '../store/sql';

const PAGE = 10_000;

export function exportMembership(db: SqlRunner, outFile: string, options: OutputOptions = {}): { file: string; rows: number } {
  const out = OutputFile.open(outFile, options);
  let rows = 0;
  try {
    out.write(`${Papa.unparse([['source', 'source_record_id', 'profile_id']])}\r\n`);
    for (let after = 0; ;) {
      const page = db.all<{ id: number; source: string; key: string; profileId: number }>(sql`
        SELECT r.id, s.name AS source, r.external_id AS key, m.profile_id AS profileId
        FROM source_record r JOIN source s ON s.id = r.source_id JOIN profile_member m ON m.source_record_id = r.id
        WHERE r.id > ${after} ORDER BY r.id LIMIT ${PAGE}`);
      if (page.length === 0) break;
      out.write(`${Papa.unparse(page.map((row) => [guarded(row.source), guarded(row.key), row.profileId]))}\r\n`);
      rows += page.length;
      after = page.at(-1)!.id;
    }
  } catch (error) {
    out.abort();
    throw error;
  }
  return { file: out.commit(), rows };
}
