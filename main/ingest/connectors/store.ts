/**
 * The connector table: one connector per source, its configuration (credentials included, inside the
 * encrypted vault only), its schedule and the state of its retries. Every function here runs inside the
 * caller's transaction, which also writes the audit entry.
 */
import { AppError } from '../../core/errors';
import { sql, type SqlRunner } from '../../store/sql';
import { getRun } from '../runs';
import { getSource } from '../sources';
import { CONFIG_SCHEMAS, ConnectorSpec, type ConnectorKind } from './config';
import type { ErrorDetail, RunSummary, Source } from '../contract';
import { detailJson, parseDetail, type StoredError } from '../stored-error';

interface ConnectorRow {
  id: number;
  source_id: number;
  kind: ConnectorKind;
  config: string;
  schedule_minutes: number | null;
  enabled: number;
  consecutive_failures: number;
  next_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_detail: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/** A stored connector with its source; `spec` holds the secrets in clear: never send it out as is. */
export interface StoredConnector {
  readonly id: number;
  readonly source: Source;
  readonly spec: ConnectorSpec;
  readonly scheduleMinutes: number | null;
  readonly enabled: boolean;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorDetail: ErrorDetail | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toConnector(db: SqlRunner, row: ConnectorRow): StoredConnector {
  // Parsed again on the way out: defaults added by a later version apply to connectors saved before it.
  const spec = ConnectorSpec.parse({ kind: row.kind, config: JSON.parse(row.config) });
  return {
    id: row.id,
    source: getSource(db, row.source_id),
    spec,
    scheduleMinutes: row.schedule_minutes,
    enabled: row.enabled === 1,
    consecutiveFailures: row.consecutive_failures,
    nextAttemptAt: row.next_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorDetail: parseDetail(row.last_error_detail),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const SELECT = sql`SELECT c.* FROM connector c JOIN source s ON s.id = c.source_id`;

export function listConnectors(db: SqlRunner): StoredConnector[] {
  return db.all<ConnectorRow>(sql`${SELECT} ORDER BY s.name_folded`).map((row) => toConnector(db, row));
}

export function findConnector(db: SqlRunner, sourceId: number): StoredConnector | null {
  const row = db.get<ConnectorRow>(sql`${SELECT} WHERE c.source_id = ${sourceId}`);
  return row ? toConnector(db, row) : null;
}

export function getConnector(db: SqlRunner, id: number): StoredConnector {
  const row = db.get<ConnectorRow>(sql`${SELECT} WHERE c.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no connector ${id}.`);
  return toConnector(db, row);
}

export function insertConnector(db: SqlRunner, sourceId: number, spec: ConnectorSpec, scheduleMinutes: number | null, stamp: string): StoredConnector {
  const config = CONFIG_SCHEMAS[spec.kind].parse(spec.config);
  const id = Number(
    db.run(sql`
      INSERT INTO connector (source_id, kind, config, schedule_minutes, created_at, updated_at)
      VALUES (${sourceId}, ${spec.kind}, ${JSON.stringify(config)}, ${scheduleMinutes}, ${stamp}, ${stamp})`).lastInsertRowid,
  );
  return getConnector(db, id);
}

export interface ConnectorChange {
  readonly spec?: ConnectorSpec;
  readonly scheduleMinutes?: number | null;
  readonly enabled?: boolean;
}

export function updateConnector(db: SqlRunner, id: number, change: ConnectorChange, stamp: string): StoredConnector {
  const current = getConnector(db, id);
  const spec = change.spec ?? current.spec;
  if (spec.kind !== current.spec.kind) throw new AppError('CONFLICT', `This connector reads ${current.spec.kind}; add a new connector for ${spec.kind}.`);
  const schedule = change.scheduleMinutes === undefined ? current.scheduleMinutes : change.scheduleMinutes;
  const enabled = change.enabled ?? current.enabled;
  // A changed configuration deserves a fresh attempt: the retry delay of the old one no longer applies.
  const reset = change.spec !== undefined || (change.enabled === true && !current.enabled);
  db.run(sql`
    UPDATE connector SET config = ${JSON.stringify(CONFIG_SCHEMAS[spec.kind].parse(spec.config))}, schedule_minutes = ${schedule}, enabled = ${enabled ? 1 : 0},
      consecutive_failures = ${reset ? 0 : current.consecutiveFailures}, next_attempt_at = ${reset ? null : current.nextAttemptAt}, updated_at = ${stamp}
    WHERE id = ${id}`);
  return getConnector(db, id);
}

export function deleteConnector(db: SqlRunner, id: number): void {
  db.run(sql`DELETE FROM connector WHERE id = ${id}`);
}

/** 1, 2, 4, 8, 16, 32, then 60 minutes between attempts after consecutive failures. */
export function retryDelayMinutes(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, Math.min(failures, 7) - 1));
}

/** How long a sync may go without renewing its lease before another one may start. */
export const LEASE_MS = 10 * 60_000;

/** Takes the connector's sync lease; null when another sync holds it (then: until when). */
export function takeLease(db: SqlRunner, id: number, now: Date): { heldUntil: string } | null {
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const taken =
    db.run(sql`UPDATE connector SET lease_until = ${until} WHERE id = ${id} AND (lease_until IS NULL OR lease_until < ${now.toISOString()})`).changes === 1;
  if (taken) return null;
  return { heldUntil: db.get<{ lease_until: string }>(sql`SELECT lease_until FROM connector WHERE id = ${id}`)?.lease_until ?? until };
}

export function renewLease(db: SqlRunner, id: number, now: Date): void {
  db.run(sql`UPDATE connector SET lease_until = ${new Date(now.getTime() + LEASE_MS).toISOString()} WHERE id = ${id}`);
}

export function releaseLease(db: SqlRunner, id: number): void {
  db.run(sql`UPDATE connector SET lease_until = NULL WHERE id = ${id}`);
}

export function recordSuccess(db: SqlRunner, id: number, stamp: string): void {
  db.run(sql`
    UPDATE connector SET consecutive_failures = 0, next_attempt_at = NULL, last_success_at = ${stamp}, last_error = NULL, last_error_detail = NULL
    WHERE id = ${id}`);
}

/** Counts the failure and sets when to try again; returns the new count and the delay. */
export function recordFailure(db: SqlRunner, id: number, error: StoredError, now: Date): { failures: number; retryInMinutes: number; nextAttemptAt: string } {
  const current = db.get<{ consecutive_failures: number }>(sql`SELECT consecutive_failures FROM connector WHERE id = ${id}`);
  const failures = (current?.consecutive_failures ?? 0) + 1;
  const retryInMinutes = retryDelayMinutes(failures);
  const nextAttemptAt = new Date(now.getTime() + retryInMinutes * 60_000).toISOString();
  db.run(sql`
    UPDATE connector SET consecutive_failures = ${failures}, next_attempt_at = ${nextAttemptAt}, last_error = ${error.text}, last_error_detail = ${detailJson(error.detail)}
    WHERE id = ${id}`);
  return { failures, retryInMinutes, nextAttemptAt };
}

/** Where the last sync stopped: the newest run's `cursor_after` (failed and interrupted runs included: their batches are kept). */
export function lastCursor(db: SqlRunner, sourceId: number): string | null {
  return (
    db.get<{ cursor_after: string }>(
      sql`SELECT cursor_after FROM import_run WHERE source_id = ${sourceId} AND cursor_after IS NOT NULL ORDER BY id DESC LIMIT 1`,
    )?.cursor_after ?? null
  );
}

/** Is it time for a scheduled sync: enabled, scheduled, the period elapsed since the last success, and no retry pending? */
export function isDue(connector: StoredConnector, now: Date): boolean {
  if (!connector.enabled || connector.scheduleMinutes === null) return false;
  if (connector.nextAttemptAt !== null && Date.parse(connector.nextAttemptAt) > now.getTime()) return false;
  if (connector.lastSuccessAt === null) return true;
  return Date.parse(connector.lastSuccessAt) + connector.scheduleMinutes * 60_000 <= now.getTime();
}

export function runsOf(db: SqlRunner, ids: readonly number[]): RunSummary[] {
  return ids.map((id) => getRun(db, id));
}
