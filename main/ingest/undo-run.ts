/**
 * Taking back what one run brought in, for a steward who imported the wrong file or into the wrong
 * source. Only what exists because of the run alone goes: records it created that no later run touched,
 * with their membership, their profile (when no other record belongs to it), identifiers, events,
 * consents and full-text row. A record the run changed keeps its new values (earlier ones are not kept,
 * so they cannot come back), and a record a later run wrote to belongs to that run too: both stay, counted.
 * The run's rejected rows go too: they are the same wrong file's rows, personal data kept for correction.
 */
import { ledgerBeyondRun, ledgerFromRun, removeRecordsLedger } from '../consent/index';
import { contactOnRecord } from '../contact/index';
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { deleteSearchTerms } from '../store/search-index';
import { refreshProfile } from './profile-refresh';
import { runIsAlive, type RunningRun } from './run-owner';

export interface UndoCounts {
  /** Records the run created that go, with everything hanging from them. */
  readonly removed: number;
  /** Records from before the run that it changed: kept as they are now. */
  readonly keptChanged: number;
  /** Records the run created that a later run wrote to since: kept. */
  readonly keptLater: number;
  /** The run's rejected rows, kept for correction until now. */
  readonly rejectsRemoved: number;
}

export interface RunState {
  readonly id: number;
  readonly sourceId: number;
  readonly status: string;
  readonly undoneAt: string | null;
}

/** Enough ids for one statement, well below SQLite's limits. */
const CHUNK = 500;

/**
 * The run, if it can be undone now: not still running, not undone already, and no import of its source
 * going on (its writer trusts what it found at its start, and would skip rows whose records went since).
 */
export function undoableRun(db: SqlRunner, runId: number, now: Date): RunState {
  const run = db.get<RunState>(sql`SELECT id, source_id AS sourceId, status, undone_at AS undoneAt FROM import_run WHERE id = ${runId}`);
  if (!run) throw new AppError('NOT_FOUND', `There is no import run ${runId}.`);
  if (run.undoneAt !== null) {
    throw new AppError('CONFLICT', `What import run ${runId} added was already removed (${run.undoneAt}).`, {
      reason: 'runUndone',
      runId,
      undoneAt: run.undoneAt,
    });
  }
  if (run.status === 'running') {
    throw new AppError('CONFLICT', `Import run ${runId} is still running. Wait for it to finish or cancel it.`, { reason: 'runRunning', runId });
  }
  assertNoImportRunning(db, run.sourceId, now);
  return run;
}

/** An import of the source that started since would trust records it found at its start that are going. */
export function assertNoImportRunning(db: SqlRunner, sourceId: number, now: Date): void {
  const running = db.all<RunningRun>(
    sql`SELECT id, owner, heartbeat_at AS heartbeatAt, started_at AS startedAt FROM import_run WHERE source_id = ${sourceId} AND status = 'running'`,
  );
  const live = running.find((other) => runIsAlive(other, now));
  if (live) {
    throw new AppError(
      'CONFLICT',
      `Another import of this source is running (run ${live.id}, started ${live.startedAt}). Wait for it to finish or cancel it.`,
      {
        reason: 'importRunning',
        runId: live.id,
        startedAt: live.startedAt,
      },
    );
  }
}

/**
 * Written by this run alone: created by it, not changed since (`last_run`), and without an event or a
 * consent a later run added (those leave `last_run` as it was), nor a communication choice a steward
 * recorded on it.
 */
const ONLY_THIS_RUN = (runId: number) => sql`
  r.first_run = ${runId} AND r.last_run = ${runId}
  AND NOT EXISTS (SELECT 1 FROM event e WHERE e.source_record_id = r.id AND e.run_id <> ${runId})
  AND NOT ${ledgerBeyondRun(runId)}
  AND NOT ${contactOnRecord()}`;

function count(db: SqlRunner, run: RunState): UndoCounts {
  const counts = db.get<{ created: number; removable: number; changed: number }>(sql`
    SELECT
      count(*) FILTER (WHERE r.first_run = ${run.id}) AS created,
      count(*) FILTER (WHERE ${ONLY_THIS_RUN(run.id)}) AS removable,
      count(*) FILTER (WHERE r.first_run <> ${run.id} AND (r.last_run = ${run.id}
        OR EXISTS (SELECT 1 FROM event e WHERE e.source_record_id = r.id AND e.run_id = ${run.id})
        OR ${ledgerFromRun(run.id)})) AS changed
    FROM source_record r WHERE r.source_id = ${run.sourceId}`)!;
  const rejects = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM import_reject WHERE run_id = ${run.id}`)!.n;
  return { removed: counts.removable, keptChanged: counts.changed, keptLater: counts.created - counts.removable, rejectsRemoved: rejects };
}

/** What undoing the run would do now, for the confirmation a steward reads first. Changes nothing. */
export function planUndo(db: SqlRunner, runId: number, now: Date): UndoCounts {
  return count(db, undoableRun(db, runId, now));
}

export interface BatchRemoved {
  readonly records: number;
  /** The largest record id looked at: the next batch starts after it. */
  readonly lastId: number;
}

/**
 * Removes up to `limit` of the records the run alone wrote, with ids above `after`, and everything that
 * hangs from them. The caller's transaction holds one batch together: a record never goes without its
 * identifiers, events, consents, membership, orphaned profile and full-text row.
 */
export function removeRecordBatch(db: SqlRunner, run: RunState, after: number, limit: number, now: Date): BatchRemoved {
  const stamp = now.toISOString();
  // Walks the run's own records by id (source_record_first_run), so the records kept are passed once, not at every batch.
  const records = db.all<{ id: number; profileId: number | null }>(sql`
    SELECT r.id, m.profile_id AS profileId FROM source_record r LEFT JOIN profile_member m ON m.source_record_id = r.id
    WHERE r.first_run = ${run.id} AND r.id > ${after} AND ${ONLY_THIS_RUN(run.id)}
    ORDER BY r.id LIMIT ${limit}`);
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const ids = JSON.stringify(chunk.map((record) => record.id));
    const profiles = JSON.stringify(chunk.flatMap((record) => (record.profileId === null ? [] : [record.profileId])));
    const inIds = sql`(SELECT value FROM json_each(${ids}))`;
    db.run(sql`DELETE FROM identifier WHERE source_record_id IN ${inIds}`);
    db.run(sql`DELETE FROM event WHERE source_record_id IN ${inIds}`);
    removeRecordsLedger(db, inIds);
    db.run(sql`DELETE FROM record_flag WHERE source_record_id IN ${inIds}`);
    // Identity's blocking keys have no foreign key (migration 017): they go with their record, by its index.
    db.run(sql`DELETE FROM identity_key WHERE source_record_id IN ${inIds}`);
    db.run(sql`DELETE FROM profile_member WHERE source_record_id IN ${inIds}`);
    db.run(sql`DELETE FROM source_record WHERE id IN ${inIds}`);
    // A profile another record still belongs to, or that another was merged into, stays.
    const orphans = sql`(SELECT value FROM json_each(${profiles}) WHERE NOT EXISTS (SELECT 1 FROM profile_member m WHERE m.profile_id = value)
      AND NOT EXISTS (SELECT 1 FROM profile p WHERE p.merged_into = value))`;
    // A merge whose profile is gone has nothing left to undo.
    db.run(sql`DELETE FROM profile_merge WHERE survivor_id IN ${orphans} OR absorbed_id IN ${orphans}`);
    deleteSearchTerms(
      db,
      db.all<{ id: number }>(sql`SELECT value AS id FROM ${orphans}`).map((row) => row.id),
    );
    db.run(sql`DELETE FROM profile WHERE id IN ${orphans}`);
    // A merged profile that keeps records from other runs keeps its id; its name and search terms follow what is left.
    const kept = db.all<{ id: number }>(
      sql`SELECT DISTINCT value AS id FROM json_each(${profiles}) WHERE EXISTS (SELECT 1 FROM profile_member m WHERE m.profile_id = value)`,
    );
    for (const { id } of kept) refreshProfile(db, id, stamp);
  }
  return { records: records.length, lastId: records.at(-1)?.id ?? after };
}

/** Removes up to `limit` of the run's rejected rows; returns how many went. */
export function removeRejectBatch(db: SqlRunner, runId: number, limit: number): number {
  return db.run(sql`DELETE FROM import_reject WHERE id IN (SELECT id FROM import_reject WHERE run_id = ${runId} ORDER BY id LIMIT ${limit})`).changes;
}

export function markUndone(db: SqlRunner, runId: number, now: Date): void {
  db.run(sql`UPDATE import_run SET undone_at = ${now.toISOString()} WHERE id = ${runId}`);
}
