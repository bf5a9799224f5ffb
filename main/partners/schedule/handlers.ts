/** The schedules.* methods behind the contract (docs/partners.md). */
import { AppError } from '../../core/errors';
import type { SliceHandlers } from '../../core/handlers';
import type { JobControl } from '../../core/job-control';
import { vaultTimeZone } from '../../requests/index';
import type { CapabilityContext } from '../../vault/index';
import type { partnersMethods, Refusal, Schedule } from '../contract';
import { getLease } from '../agreements';
import { runExtract } from '../extract/run';
import { leaseRefusal } from '../lease';
import { addSchedule, claimSchedule, dueSchedules, getSchedule, listSchedules, recordOutcome, removeSchedule } from './store';

type Handlers = SliceHandlers<typeof partnersMethods, CapabilityContext>;

export interface ScheduleRun {
  readonly scheduleId: number;
  readonly extractId: number | null;
  readonly outcome: string;
}

function refused(context: CapabilityContext, schedule: Schedule, refusal: string): ScheduleRun {
  context.vaults.mutate(
    () => ({
      action: 'partners.schedule_refused',
      objectType: 'extract_schedule',
      objectId: schedule.id,
      details: { agreementId: schedule.agreementId, refusal },
    }),
    ({ db }) => recordOutcome(db, schedule.id, refusal),
  );
  return { scheduleId: schedule.id, extractId: null, outcome: refusal };
}

/** The refusal a lease gave inside runExtract (it checks again at the moment it runs), or null. */
function refusalOf(error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== 'CONFLICT') return null;
  const refusal = error.params?.refusal;
  return typeof refusal === 'string' ? refusal : null;
}

/**
 * One due schedule: moved on to its next time first, then its lease asked now; a refusal is recorded and
 * audited, and an extract that fails for another reason is recorded too: neither stops the other schedules.
 */
async function runSchedule(context: CapabilityContext, schedule: Schedule, now: Date, job: JobControl): Promise<ScheduleRun | null> {
  const { db } = context.vaults.current();
  const zone = vaultTimeZone(db);
  if (!db.transaction(() => claimSchedule(db, schedule, now, zone))) return null;
  const refusal: Refusal | null = leaseRefusal(db, getLease(db, schedule.agreementId), now, zone);
  if (refusal !== null) return refused(context, schedule, refusal);
  try {
    const entry = await runExtract(
      context,
      { agreementId: schedule.agreementId, audience: schedule.audience, format: schedule.format, scheduleId: schedule.id },
      job,
    );
    db.transaction(() => recordOutcome(db, schedule.id, 'ok'));
    return { scheduleId: schedule.id, extractId: entry.id, outcome: 'ok' };
  } catch (error) {
    const leaseSaidNo = refusalOf(error);
    if (leaseSaidNo !== null) return refused(context, schedule, leaseSaidNo);
    const reason = error instanceof AppError ? error.params?.reason : undefined;
    const outcome = typeof reason === 'string' ? reason : error instanceof AppError ? error.code : 'INTERNAL';
    db.transaction(() => recordOutcome(db, schedule.id, outcome));
    if (error instanceof AppError && error.code === 'CANCELLED') throw error;
    return { scheduleId: schedule.id, extractId: null, outcome };
  }
}

export const scheduleHandlers: Pick<Handlers, `schedules.${string}` & keyof Handlers> = {
  'schedules.list': ({ agreementId }, context) => listSchedules(context.vaults.current().db, agreementId ?? null),
  'schedules.add': (input, context) => {
    const id = context.vaults.mutate<number>(
      (scheduleId) => ({
        action: 'partners.schedule_added',
        objectType: 'extract_schedule',
        objectId: scheduleId,
        details: { agreementId: input.agreementId, every: input.every, format: input.format },
      }),
      ({ db, user }) =>
        addSchedule(
          db,
          {
            agreementId: input.agreementId,
            every: input.every,
            weekday: input.weekday ?? null,
            atTime: input.atTime,
            audience: input.audience,
            format: input.format,
          },
          user.id,
          context.now(),
          vaultTimeZone(db),
        ),
    );
    return getSchedule(context.vaults.current().db, id);
  },
  'schedules.remove': ({ id }, context) => {
    const { db } = context.vaults.current();
    const agreementId = getSchedule(db, id).agreementId;
    const removed = context.vaults.mutate(
      () => ({ action: 'partners.schedule_removed', objectType: 'extract_schedule', objectId: id, details: { agreementId } }),
      (vault) => removeSchedule(vault.db, id),
    );
    return { removed };
  },
  'schedules.runDue': async (_input, context, job) => {
    const now = context.now();
    const due = dueSchedules(context.vaults.current().db, now);
    const ran: ScheduleRun[] = [];
    // Each extract reports its own progress; between them, only a Cancel is looked for.
    for (const schedule of due) {
      job.checkpoint();
      const run = await runSchedule(context, schedule, now, job);
      if (run !== null) ran.push(run);
    }
    return { ran };
  },
};
