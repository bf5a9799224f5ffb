/**
 * Appending to and reading the audit trail. append() must run inside the caller's transaction so that
 * the entry commits with the change it records (a mutation without its entry cannot exist).
 */
import type { AuditEntry, AuditFilter } from './contract';
import { emptySql, joinSql, sql, type SqlFragment, type SqlRunner } from '../store/sql';
import type { AuditRecord } from './actions';
import { canonicalEntry, canonicalJson, entryHash, genesisHash } from './chain';

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export class AuditLog {
  readonly genesis: string;

  constructor(
    private readonly db: SqlRunner,
    readonly vaultId: string,
    private readonly now: () => Date,
  ) {
    this.genesis = genesisHash(vaultId);
  }

  head(): ChainHead {
    const row = this.db.get<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    return row ?? { seq: 0, hash: this.genesis };
  }

  append(record: AuditRecord): AuditRow {
    if (!this.db.raw.inTransaction) throw new Error('audit entries are written inside the mutation\u2019s transaction');
    const head = this.head();
    const fields = {
      seq: head.seq + 1,
      at: this.now().toISOString(),
      actorId: record.actorId,
      action: record.action,
      objectType: record.objectType ?? null,
      objectId: record.objectId === undefined || record.objectId === null ? null : String(record.objectId),
      details: canonicalJson(record.details ?? {}),
    };
    const entry = canonicalEntry(fields);
    const hash = entryHash(head.hash, entry);
    this.db.run(sql`INSERT INTO audit_log (seq, entry, prev_hash, hash) VALUES (${fields.seq}, ${entry}, ${head.hash}, ${hash})`);
    return {
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      action: fields.action,
      object_type: fields.objectType,
      object_id: fields.objectId,
      details: fields.details,
      prev_hash: head.hash,
      hash,
    };
  }

  /** Appends in a transaction of its own, for events that change nothing else (unlock, verify…). */
  record(record: AuditRecord): AuditRow {
    return this.db.transaction(() => this.append(record));
  }

  count(filter: AuditFilter = {}): number {
    return this.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log ${whereClause(filter)}`)?.n ?? 0;
  }

  list(filter: AuditFilter, limit: number, beforeSeq?: number): AuditEntry[] {
    const conditions = filterConditions(filter);
    if (beforeSeq !== undefined) conditions.push(sql`a.seq < ${beforeSeq}`);
    const where = conditions.length ? sql` WHERE ${joinSql(conditions, ' AND ')}` : emptySql;
    const rows = this.db.all<AuditRow & { actor_name: string | null }>(sql`
      SELECT a.seq, a.at, a.actor_id, a.action, a.object_type, a.object_id, a.details, a.prev_hash, a.hash, u.name AS actor_name FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
      ${where} ORDER BY a.seq DESC LIMIT ${limit}`);
    return rows.map(toEntry);
  }

  /** Pages through matching rows in ascending order without holding a statement open across pages. */
  *pages(filter: AuditFilter, pageSize: number): Generator<Array<AuditRow & { actor_name: string | null }>> {
    let after = 0;
    for (;;) {
      const conditions = [...filterConditions(filter), sql`a.seq > ${after}`];
      const rows = this.db.all<AuditRow & { actor_name: string | null }>(sql`
        SELECT a.seq, a.at, a.actor_id, a.action, a.object_type, a.object_id, a.details, a.prev_hash, a.hash, u.name AS actor_name FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
        WHERE ${joinSql(conditions, ' AND ')} ORDER BY a.seq LIMIT ${pageSize}`);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.seq;
    }
  }

  actions(): string[] {
    return this.db.all<{ action: string }>(sql`SELECT DISTINCT action FROM audit_log ORDER BY action`).map((row) => row.action);
  }
}

function filterConditions(filter: AuditFilter): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (filter.actorId !== undefined) conditions.push(sql`a.actor_id = ${filter.actorId}`);
  if (filter.action) conditions.push(sql`a.action = ${filter.action}`);
  if (filter.objectType) conditions.push(sql`a.object_type = ${filter.objectType}`);
  if (filter.objectId) conditions.push(sql`a.object_id = ${filter.objectId}`);
  if (filter.from) conditions.push(sql`a.at >= ${filter.from}`);
  if (filter.to) conditions.push(sql`a.at <= ${filter.to}`);
  return conditions;
}

function whereClause(filter: AuditFilter): SqlFragment {
  const conditions = filterConditions(filter);
  return conditions.length ? sql`AS a WHERE ${joinSql(conditions, ' AND ')}` : sql`AS a`;
}

export function toEntry(row: AuditRow & { actor_name: string | null }): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
