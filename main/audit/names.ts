/**
 * Display names for the objects a page of entries is about, resolved when the trail is read: the entries
 * themselves keep ids only, so a renamed source shows its current name and nothing personal is ever
 * chained into the log. The tables are read directly because ingest depends on audit, not the reverse.
 * People are never resolved: their names are personal data, and the trail is read by auditors.
 */
import type { AuditNames } from './contract';
import { sql, type SqlRunner } from '../store/sql';

interface Request {
  readonly users: readonly number[];
  readonly sources: readonly number[];
  readonly runs: readonly number[];
  readonly connectors: readonly number[];
}

const unique = (ids: readonly number[]): number[] => [...new Set(ids)];

export function resolveNames(db: SqlRunner, request: Request): AuditNames {
  const names: AuditNames = { users: {}, sources: {}, runs: {}, connectors: {} };
  for (const id of unique(request.users)) {
    const row = db.get<{ name: string }>(sql`SELECT name FROM app_user WHERE id = ${id}`);
    if (row) names.users[id] = row.name;
  }
  for (const id of unique(request.sources)) {
    const row = db.get<{ name: string }>(sql`SELECT name FROM source WHERE id = ${id}`);
    if (row) names.sources[id] = row.name;
  }
  for (const id of unique(request.runs)) {
    const row = db.get<{ source_id: number; name: string }>(
      sql`SELECT r.source_id, s.name FROM import_run r JOIN source s ON s.id = r.source_id WHERE r.id = ${id}`,
    );
    if (row) names.runs[id] = { sourceId: row.source_id, sourceName: row.name };
  }
  for (const id of unique(request.connectors)) {
    const row = db.get<{ source_id: number; name: string }>(
      sql`SELECT c.source_id, s.name FROM connector c JOIN source s ON s.id = c.source_id WHERE c.id = ${id}`,
    );
    if (row) names.connectors[id] = { sourceId: row.source_id, sourceName: row.name };
  }
  return names;
}
