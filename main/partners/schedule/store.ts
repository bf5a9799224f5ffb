/** Schedules of automated extracts: the `extract_schedule` rows and the Schedule the API shows. */
import { AppError } from '../../core/errors';
import { sql, type SqlRunner } from '../../store/sql';
import { Audience, type ExtractFormat, type Schedule } from '../contract';
import { getLease } from '../agreements';
import { nextDue, type Recurrence } from './next-due';

interface ScheduleRow {
  id: number;
  agreement_id: number;
  every: 'daily' | 'weekly';
  weekday: number | null;
  at_time: string;
  audience: string;
  format: ExtractFormat;
  active: number;
  next_due: string;
  last_run_at: string | null;
  last_outcome: string | null;
}

const SELECT = sql`
  SELECT id, agreement_id, every, weekday, at_time, audience, format, active, next_due, last_run_at, last_outcome FROM extract_schedule`;

function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    every: row.every,
    weekday: row.weekday,
    atTime: row.at_time,
    // Read back through the contract's schema: the stored audience was validated by it when added.
    audience: Audience.parse(JSON.parse(row.audience)),
    format: row.format,
    active: row.active === 1,
    nextDue: row.next_due,
    lastRunAt: row.last_run_at,
    lastOutcome: row.last_outcome,
  };
}

export function listSchedules(db: SqlRunner, agreementId: number | null): Schedule[] {
  const rows =
    agreementId === null
      ? db.all<ScheduleRow>(sql`${SELECT} ORDER BY agreement_id, id`)
      : db.all<ScheduleRow>(sql`${SELECT} WHERE agreement_id = ${agreementId} ORDER BY id`);
  return rows.map(toSchedule);
}

export function getSchedule(db: SqlRunner, id: number): Schedule {
  const row = db.get<ScheduleRow>(sql`${SELECT} WHERE id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no schedule ${id}.`, { reason: 'unknownSchedule', scheduleId: id });
  return toSchedule(row);
}

/** Active schedules whose time has come, the longest overdue first. */
export function dueSchedules(db: SqlRunner, now: Date): Schedule[] {
  return db.all<ScheduleRow>(sql`${SELECT} WHERE active = 1 AND next_due <= ${now.toISOString()} ORDER BY next_due, id`).map(toSchedule);
}

/** Whether any schedule is due now: what the backend's scheduler asks every minute. */
export function hasDueSchedules(db: SqlRunner, now: Date): boolean {
  return db.get(sql`SELECT 1 AS due FROM extract_schedule WHERE active = 1 AND next_due <= ${now.toISOString()} LIMIT 1`) !== undefined;
}

export interface ScheduleInput extends Recurrence {
  readonly agreementId: number;
  readonly audience: Audience;
  readonly format: ExtractFormat;
}

export function addSchedule(db: SqlRunner, input: ScheduleInput, userId: number, now: Date, timeZone: string): number {
  if ((input.every === 'weekly') !== (input.weekday !== null)) {
    throw new AppError('INVALID_INPUT', 'A weekly schedule needs a weekday, and a daily one takes none.', { reason: 'scheduleWeekday' });
  }
  const lease = getLease(db, input.agreementId);
  // Revocation is final: a schedule under it could never run.
  if (lease.status === 'revoked') {
    throw new AppError('CONFLICT', `Agreement ${lease.id} was revoked: it cannot be given a schedule.`, { reason: 'scheduleRevoked', agreementId: lease.id });
  }
  const due = nextDue(input, now, timeZone).toISOString();
  return Number(
    db.run(sql`
      INSERT INTO extract_schedule (agreement_id, every, weekday, at_time, audience, format, active, next_due, created_by, created_at)
      VALUES (${lease.id}, ${input.every}, ${input.weekday}, ${input.atTime}, ${JSON.stringify(input.audience)}, ${input.format}, 1, ${due},
        ${userId}, ${now.toISOString()})`).lastInsertRowid,
  );
}

export function removeSchedule(db: SqlRunner, id: number): boolean {
  return db.run(sql`DELETE FROM extract_schedule WHERE id = ${id}`).changes === 1;
}

/**
 * Moves the schedule on to its next time after `now` before its extract runs: a second runDue, or the app's
 * scheduler ticking meanwhile, then finds nothing due and does not send the same extract twice.
 */
export function claimSchedule(db: SqlRunner, schedule: Schedule, now: Date, timeZone: string): boolean {
  const due = nextDue(schedule, now, timeZone).toISOString();
  return (
    db.run(sql`
      UPDATE extract_schedule SET next_due = ${due}, last_run_at = ${now.toISOString()}
      WHERE id = ${schedule.id} AND active = 1 AND next_due = ${schedule.nextDue}`).changes === 1
  );
}

/** `ok`, or the refusal or error code of the run. */
export function recordOutcome(db: SqlRunner, scheduleId: number, outcome: string): void {
  db.run(sql`UPDATE extract_schedule SET last_outcome = ${outcome} WHERE id = ${scheduleId}`);
}
