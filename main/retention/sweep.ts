/**
 * Sweeps: what is due is anonymized through the erasure engine, never without an approved preview.
 *
 * 1. The preview (a job) refreshes the dates, takes the due profiles whose rule says anonymize and that no
 *    hold suspends, and has the erasure engine plan each of them: exact counts and one token. It is kept.
 * 2. A steward approves that preview with its token, to run now or at a time (the app runs it while open;
 *    `custodia retention sweep --due` runs it from cron).
 * 3. The run (a job, cancel between people) erases each profile with reason `retention`, one certificate
 *    each, one verification scan for all. If anything the preview counted changed, it is refused and a new
 *    preview is needed: an approval covers exactly what was shown.
 */
import { AppError } from '../core/errors';
import type { JobControl } from '../core/job-control';
import { eraseProfiles, previewProfiles } from '../erasure/index';
import { todayIn, vaultTimeZone } from '../requests/index';
import { sql, type SqlRunner } from '../store/sql';
import type { CapabilityContext } from '../vault/index';
import type { Sweep, SweepPreview, SweepResult, SweepStatus } from './contract';
import { sweepable } from './due';
import { refreshRetention } from './refresh';

interface SweepRow {
  id: number;
  on_day: string;
  status: SweepStatus;
  token: string;
  people: number;
  profile_ids: string;
  previewed_by: string;
  previewed_at: string;
  approved_by: string | null;
  approved_at: string | null;
  run_at: string | null;
  finished_at: string | null;
  erased: number | null;
  skipped: number | null;
  refusal: string | null;
}

const SELECT = sql`
  SELECT s.*, pu.name AS previewed_by, au.name AS approved_by FROM retention_sweep s
  JOIN app_user pu ON pu.id = s.previewed_by LEFT JOIN app_user au ON au.id = s.approved_by`;

function toSweep(row: SweepRow): Sweep {
  return {
    id: row.id,
    onDay: row.on_day,
    status: row.status,
    people: row.people,
    previewedBy: row.previewed_by,
    previewedAt: row.previewed_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    runAt: row.run_at,
    finishedAt: row.finished_at,
    erased: row.erased,
    skipped: row.skipped,
    refusal: row.refusal,
  };
}

function sweepRow(db: SqlRunner, id: number): SweepRow {
  const row = db.get<SweepRow>(sql`${SELECT} WHERE s.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no sweep ${id}.`, { reason: 'unknownSweep', sweepId: id });
  return row;
}

export function getSweep(db: SqlRunner, id: number): Sweep {
  return toSweep(sweepRow(db, id));
}

export function listSweeps(db: SqlRunner): Sweep[] {
  return db.all<SweepRow>(sql`${SELECT} ORDER BY s.id DESC LIMIT 200`).map(toSweep);
}

export function vaultDay(db: SqlRunner, now: Date): string {
  return todayIn(now, vaultTimeZone(db));
}

export function previewSweep(context: CapabilityContext, on: string | undefined, job: JobControl): SweepPreview {
  const now = context.now();
  const { db } = context.vaults.current();
  const today = vaultDay(db, now);
  const day = on ?? today;
  if (day > today)
    throw new AppError('INVALID_INPUT', 'A sweep anonymizes what is due now: its day cannot be in the future.', { reason: 'sweepInFuture', day });
  job.progress('refresh', 0, null);
  refreshRetention(db, now);
  const due = sweepable(db, day);
  const preview = previewProfiles(context, due.profileIds, job);
  const planned = due.profileIds.filter((id) => !preview.skipped.some((entry) => entry.profileId === id));
  const sweepId = context.vaults.mutate<number>(
    (id) => ({
      action: 'retention.sweep_previewed',
      objectType: 'retention_sweep',
      objectId: id,
      details: { day, people: preview.people, held: due.held, review: due.review },
    }),
    ({ db: writer, user }) =>
      Number(
        writer.run(sql`
          INSERT INTO retention_sweep (on_day, token, people, profile_ids, previewed_by, previewed_at)
          VALUES (${day}, ${preview.token}, ${preview.people}, ${JSON.stringify(due.profileIds)}, ${user.id}, ${now.toISOString()})`).lastInsertRowid,
      ),
  );
  return {
    sweep: getSweep(db, sweepId),
    token: preview.token,
    people: planned.length,
    removed: preview.removed,
    generalizedEvents: preview.generalizedEvents,
    keptRecords: preview.keptRecords,
    suppressionEntries: preview.suppressionEntries,
    left: { held: due.held, review: due.review, refused: preview.skipped },
  };
}

export function approveSweep(db: SqlRunner, id: number, token: string, runAt: string | null, userId: number, now: Date): void {
  const row = sweepRow(db, id);
  if (row.status !== 'previewed')
    throw new AppError('CONFLICT', `Sweep ${id} is ${row.status}: only a preview can be approved.`, { reason: 'sweepNotPreviewed', sweepId: id });
  if (row.token !== token)
    throw new AppError('CONFLICT', 'This token is not the preview’s: approve what was shown.', { reason: 'sweepTokenMismatch', sweepId: id });
  const stamp = now.toISOString();
  db.run(sql`UPDATE retention_sweep SET status = 'approved', approved_by = ${userId}, approved_at = ${stamp}, run_at = ${runAt ?? stamp} WHERE id = ${id}`);
}

export function cancelSweep(db: SqlRunner, id: number, now: Date): void {
  const row = sweepRow(db, id);
  if (row.status !== 'previewed' && row.status !== 'approved') {
    throw new AppError('CONFLICT', `Sweep ${id} is ${row.status}: it cannot be cancelled.`, { reason: 'sweepNotWaiting', sweepId: id });
  }
  db.run(sql`UPDATE retention_sweep SET status = 'cancelled', finished_at = ${now.toISOString()} WHERE id = ${id}`);
}

/** Approved sweeps whose time has come (the app's timer and `retention sweep --due`). */
export function waitingSweeps(db: SqlRunner, now: Date): number[] {
  return db
    .all<{ id: number }>(sql`SELECT id FROM retention_sweep WHERE status = 'approved' AND run_at <= ${now.toISOString()} ORDER BY id`)
    .map((row) => row.id);
}

function finish(context: CapabilityContext, id: number, status: SweepStatus, fields: { erased?: number; skipped?: number; refusal?: string }): void {
  const now = context.now();
  context.vaults.mutate(
    () => ({
      action: 'retention.sweep_run',
      objectType: 'retention_sweep',
      objectId: id,
      details: { status, erased: fields.erased ?? 0, skipped: fields.skipped ?? 0, refusal: fields.refusal ?? null },
    }),
    ({ db }) =>
      db.run(sql`UPDATE retention_sweep SET status = ${status}, finished_at = ${now.toISOString()}, erased = ${fields.erased ?? null},
        skipped = ${fields.skipped ?? null}, refusal = ${fields.refusal ?? null} WHERE id = ${id}`),
  );
}

export async function runSweep(context: CapabilityContext, id: number, job: JobControl): Promise<SweepResult> {
  const { db } = context.vaults.current();
  const row = sweepRow(db, id);
  if (row.status !== 'approved')
    throw new AppError('CONFLICT', `Sweep ${id} is ${row.status}: only an approved sweep runs.`, { reason: 'sweepNotApproved', sweepId: id });
  if (row.run_at !== null && row.run_at > context.now().toISOString()) {
    throw new AppError('CONFLICT', `Sweep ${id} is to run at ${row.run_at}.`, { reason: 'sweepNotYet', sweepId: id, runAt: row.run_at });
  }
  context.vaults.mutate(
    () => ({ action: 'retention.sweep_run', objectType: 'retention_sweep', objectId: id, details: { status: 'running' } }),
    ({ db: writer }) => writer.run(sql`UPDATE retention_sweep SET status = 'running' WHERE id = ${id}`),
  );
  const profileIds = JSON.parse(row.profile_ids) as number[];
  try {
    const result = await eraseProfiles(context, profileIds, row.token, job);
    finish(context, id, 'done', { erased: result.erased, skipped: result.skipped.length });
    return { sweep: getSweep(db, id), ...result };
  } catch (error) {
    const reason = error instanceof AppError ? String(error.params?.reason ?? error.code) : 'failed';
    // A cancelled run keeps what it certified; a refused one erased nobody.
    finish(context, id, error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'refused', { refusal: reason });
    throw error;
  }
}
