/**
 * `custodia retention rules add|list|retire`, `retention due`, `retention refresh`, `retention sweep
 * preview|approve|run|list` and `--due` for cron; `custodia holds add|list|release`; `custodia profiles list
 * --maintain-until-after DATE --purpose CODE` (docs/retention.md). A sweep is two steps like an erasure: the
 * preview prints the counts and a token, the approval takes it.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ANCHORS, HOLD_KINDS, RETENTION_ACTIONS, type RetentionRule, type Sweep, type SweepResult } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { table } from '../output';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { parseDay, parseId } from '../value-options';

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidArgumentError('expected a number from 1 to 1000.');
  return limit;
}

/** The CLI's words for an anchor are the issue's: `last-purchase`; the contract's are `last_purchase`. */
const dashed = (value: string): string => value.replace(/_/g, '-');

function ruleRow(rule: RetentionRule): string[] {
  return [
    String(rule.id),
    rule.purpose,
    rule.keep,
    dashed(rule.anchor),
    rule.action,
    rule.obligation ? 'legal obligation' : '',
    rule.legalRef ?? '',
    rule.retiredAt === null ? '' : `retired ${rule.retiredAt.slice(0, 10)}`,
  ];
}

function sweepRow(sweep: Sweep): string[] {
  return [
    String(sweep.id),
    sweep.onDay,
    sweep.status,
    String(sweep.people),
    sweep.runAt ?? '',
    sweep.erased === null ? '' : String(sweep.erased),
    sweep.refusal ?? '',
  ];
}

function registerRuleCommands(retention: Command, action: ActionFactory): void {
  const rules = retention.command('rules').description('how long each purpose’s data is kept, counted from which event');
  addCommonOptions(rules.command('add').description('add a rule (administrators); --replaces retires the rule it replaces in the same step'))
    .requiredOption('--purpose <code>', 'the catalog purpose')
    .requiredOption('--keep <period>', 'how long: 3y, 18m or 400d')
    .addOption(new Option('--from <anchor>', 'what the period counts from').choices(ANCHORS.map(dashed)).makeOptionMandatory())
    .addOption(new Option('--action <action>', 'what happens when it is reached').choices([...RETENTION_ACTIONS]).default('review'))
    .option('--legal-ref <text>', 'the law or policy behind it')
    .option('--obligation', 'a law requires it: a floor no rule of the purpose may go below, never retired')
    .option('--replaces <id>', 'the rule this one replaces', parseId('rule'))
    .action(
      action<{ purpose: string; keep: string; from: string; action: 'anonymize' | 'review'; legalRef?: string; obligation?: boolean; replaces?: number }>(
        ({ options, io, out }) =>
          withSession(options, io, async ({ backend }) => {
            const rule = unwrap(
              await backend.call('retention.addRule', {
                purpose: options.purpose,
                keep: options.keep,
                anchor: options.from.replace(/-/g, '_'),
                action: options.action,
                obligation: options.obligation === true,
                ...(options.legalRef === undefined ? {} : { legalRef: options.legalRef }),
                ...(options.replaces === undefined ? {} : { replaces: options.replaces }),
              }),
            );
            out.result(rule, () => [`Rule ${rule.id}: ${rule.purpose} kept ${rule.keep} from ${dashed(rule.anchor)}, then ${rule.action}.`]);
          }),
      ),
    );
  addCommonOptions(rules.command('list').description('the rules in force (--all: retired ones too)'))
    .option('--all', 'include retired rules')
    .action(
      action<{ all?: boolean }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const list = unwrap(await backend.call('retention.rules', { includeRetired: options.all === true }));
          out.result(list, () =>
            list.length === 0 ? ['No retention rule yet.'] : table([['ID', 'PURPOSE', 'KEEP', 'FROM', 'THEN', 'KIND', 'REFERENCE', ''], ...list.map(ruleRow)]),
          );
        }),
      ),
    );
  addCommonOptions(rules.command('retire <id>').description('retire a rule (a legal obligation cannot be retired)')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const rule = unwrap(await backend.call('retention.retireRule', { id: parseId('rule')(String(args[0])) }));
        out.result(rule, () => [`Rule ${rule.id} retired.`]);
      }),
    ),
  );
}

function registerSweepCommands(retention: Command, action: ActionFactory): void {
  const sweep = retention
    .command('sweep')
    .description('anonymize what is due: preview (a token), approve, run; --due runs approved sweeps whose time came (for cron)')
    .option('--due', 'run every approved sweep whose time has come');
  addCommonOptions(sweep).action(
    action<{ due?: boolean }>(({ options, io, out }) => {
      if (options.due !== true) throw new InvalidArgumentError('give --due, or one of: preview, approve, list, cancel.');
      return withSession(options, io, async (session) => {
        const sweeps = unwrap(await session.backend.call('retention.sweeps', {}));
        const waiting = sweeps.filter((entry) => entry.status === 'approved' && (entry.runAt === null || entry.runAt <= new Date().toISOString())).reverse();
        const results: SweepResult[] = [];
        for (const entry of waiting) results.push(await runJobWithProgress(session, out, 'retention.runSweep', { id: entry.id }));
        out.result(results, () =>
          results.length === 0
            ? ['No approved sweep is due.']
            : results.map((result) => `Sweep ${result.sweep.id}: ${result.erased} anonymized, ${result.skipped.length} skipped.`),
        );
      });
    }),
  );
  addCommonOptions(sweep.command('preview').description('what a sweep would anonymize now, with a token for the approval'))
    .option('--on <date>', 'the day things are due on (not after today)', parseDay)
    .action(
      action<{ on?: string }>(({ options, io, out }) =>
        withSession(options, io, async (session) => {
          const preview = await runJobWithProgress(session, out, 'retention.previewSweep', options.on === undefined ? {} : { on: options.on });
          out.result(preview, () => [
            `Sweep ${preview.sweep.id} on ${preview.sweep.onDay}: ${preview.people} person(s) to anonymize`,
            ...table(
              Object.entries(preview.removed)
                .filter(([, n]) => n > 0)
                .map(([kind, n]) => [`  ${kind}`, String(n)]),
            ),
            `  kept for statistics: ${preview.generalizedEvents} event(s); kept under legal holds: ${preview.keptRecords} record(s); suppression entries: ${preview.suppressionEntries}`,
            `  left out: ${preview.left.held} held, ${preview.left.review} for review, ${preview.left.refused.length} refused`,
            ...preview.left.refused.map((entry) => `    profile ${entry.profileId}: ${entry.reason}`),
            preview.people > 0 ? `To approve: custodia retention sweep approve ${preview.token} --sweep ${preview.sweep.id}` : 'Nobody to anonymize.',
          ]);
        }),
      ),
    );
  addCommonOptions(
    sweep.command('approve <token>').description('approve a previewed sweep and run it (now, or --at a time while the app is open or from cron)'),
  )
    .requiredOption('--sweep <id>', 'the sweep the preview printed', parseId('sweep'))
    .option('--at <time>', 'run it at this time (ISO 8601) instead of now')
    .action(
      action<{ sweep: number; at?: string }>(({ args, options, io, out }) =>
        withSession(options, io, async (session) => {
          const runAt = options.at === undefined ? undefined : new Date(options.at);
          if (runAt !== undefined && Number.isNaN(runAt.getTime())) throw new InvalidArgumentError('expected --at as an ISO 8601 time.');
          const approved = unwrap(
            await session.backend.call('retention.approveSweep', {
              id: options.sweep,
              token: String(args[0]),
              ...(runAt === undefined ? {} : { runAt: runAt.toISOString() }),
            }),
          );
          if (runAt !== undefined && runAt.getTime() > Date.now()) {
            out.result(approved, () => [`Sweep ${approved.id} approved; it runs at ${approved.runAt} (custodia retention sweep --due).`]);
            return;
          }
          const result = await runJobWithProgress(session, out, 'retention.runSweep', { id: options.sweep });
          out.result(result, () => [
            `Sweep ${result.sweep.id}: ${result.erased} person(s) anonymized; certificates ${result.certificates.join(', ') || '—'}`,
            ...result.skipped.map((entry) => `  profile ${entry.profileId} skipped: ${entry.reason}`),
          ]);
        }),
      ),
    );
  addCommonOptions(sweep.command('list').description('sweeps, newest first')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('retention.sweeps', {}));
        out.result(list, () =>
          list.length === 0 ? ['No sweep yet.'] : table([['ID', 'DAY', 'STATUS', 'PEOPLE', 'RUNS AT', 'ANONYMIZED', 'REFUSAL'], ...list.map(sweepRow)]),
        );
      }),
    ),
  );
  addCommonOptions(sweep.command('cancel <id>').description('cancel a previewed or approved sweep')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const cancelled = unwrap(await backend.call('retention.cancelSweep', { id: parseId('sweep')(String(args[0])) }));
        out.result(cancelled, () => [`Sweep ${cancelled.id} cancelled.`]);
      }),
    ),
  );
}

function registerHoldCommands(program: Command, action: ActionFactory): void {
  const holds = program.command('holds').description('legal holds on people: their erasure is stopped and their retention suspended');
  addCommonOptions(holds.command('add <profile>').description('place a hold on a person'))
    .requiredOption('--reason <text>', 'why (a case, an audit, a court order)')
    .option('--until <date>', 'the last day it holds (YYYY-MM-DD)', parseDay)
    .addOption(new Option('--kind <kind>', 'what kind of hold').choices([...HOLD_KINDS]).default('litigation'))
    .option('--reference <text>', 'a case number or legal reference')
    .action(
      action<{ reason: string; until?: string; kind: 'litigation' | 'audit' | 'legal_obligation'; reference?: string }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const hold = unwrap(
            await backend.call('erasure.placeHold', {
              kind: options.kind,
              profileId: parseId('profile')(String(args[0])),
              reason: options.reason,
              ...(options.until === undefined ? {} : { until: options.until }),
              ...(options.reference === undefined ? {} : { reference: options.reference }),
            }),
          );
          out.result(hold, () => [`Hold ${hold.id} placed (${hold.kind}) on profile ${hold.profileId}${hold.until === null ? '' : ` until ${hold.until}`}.`]);
        }),
      ),
    );
  addCommonOptions(holds.command('list').description('holds in force (--all: released ones too)'))
    .option('--all', 'include released holds')
    .action(
      action<{ all?: boolean }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const list = unwrap(await backend.call('erasure.holds', { active: options.all !== true }));
          out.result(list, () =>
            list.length === 0
              ? ['No legal hold.']
              : table([
                  ['ID', 'KIND', 'ON', 'UNTIL', 'REASON', 'RELEASED'],
                  ...list.map((hold) => [
                    String(hold.id),
                    hold.kind,
                    hold.profileId === null ? `source ${hold.sourceName ?? hold.sourceId}` : `profile ${hold.profileId}`,
                    hold.until ?? '',
                    hold.reason ?? '',
                    hold.releasedAt ?? '',
                  ]),
                ]),
          );
        }),
      ),
    );
  addCommonOptions(holds.command('release <id>').description('release a hold (it stays in the register)')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const hold = unwrap(await backend.call('erasure.releaseHold', { id: parseId('hold')(String(args[0])) }));
        out.result(hold, () => [`Hold ${hold.id} released.`]);
      }),
    ),
  );
}

export function registerRetentionCommands(program: Command, action: ActionFactory): void {
  const retention = program.command('retention').description('retention rules, maintain-until dates, what is due, sweeps');
  registerRuleCommands(retention, action);
  addCommonOptions(retention.command('due').description('people past their maintain-until date, with the purpose and rule (held people apart)'))
    .option('--on <date>', 'the day (default today, in the vault’s zone)', parseDay)
    .option('--purpose <code>', 'only those whose date a purpose gives')
    .addOption(new Option('--action <action>', 'only those to anonymize, or to review').choices([...RETENTION_ACTIONS]))
    .option('--limit <n>', 'how many people to list (1–1000)', parseLimit, 50)
    .action(
      action<{ on?: string; purpose?: string; action?: 'anonymize' | 'review'; limit: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const due = unwrap(
            await backend.call('retention.due', {
              limit: options.limit,
              ...(options.on === undefined ? {} : { on: options.on }),
              ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
              ...(options.action === undefined ? {} : { action: options.action }),
            }),
          );
          out.result(due, () => [
            `Due on ${due.on}: ${due.total} (${due.toAnonymize} to anonymize, ${due.toReview} to review); ${due.held} held`,
            ...(due.items.length === 0
              ? []
              : table([
                  ['PROFILE', 'NAME', 'UNTIL', 'PURPOSE', 'RULE', 'THEN'],
                  ...due.items.map((item) => [
                    String(item.profileId),
                    item.name,
                    item.until,
                    item.purpose ?? '',
                    item.ruleId === null ? '' : String(item.ruleId),
                    item.action,
                  ]),
                ])),
          ]);
        }),
      ),
    );
  addCommonOptions(retention.command('show <profile>').description('a person’s maintain-until dates, per purpose and overall')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const view = unwrap(await backend.call('retention.profile', { profileId: parseId('profile')(String(args[0])) }));
        out.result(view, () => [
          `Profile ${view.profileId}: kept until ${view.until ?? 'no end yet'}${view.due ? ' — DUE' : ''}${view.action === null ? '' : ` (then ${view.action})`}`,
          ...view.purposes.map(
            (entry) =>
              `  ${entry.purpose}: ${entry.until ?? 'no end yet'}${entry.live ? '' : ' (no longer used)'}${entry.ruleId === null ? '' : ` — rule ${entry.ruleId}`}`,
          ),
          ...view.holds.map((hold) => `  held: ${hold.kind} hold ${hold.id}${hold.until === null ? '' : ` until ${hold.until}`}`),
        ]);
      }),
    ),
  );
  addCommonOptions(retention.command('refresh').description('bring the maintain-until dates up to date (--rebuild: from nothing)'))
    .option('--rebuild', 'recompute every profile')
    .action(
      action<{ rebuild?: boolean }>(({ options, io, out }) =>
        withSession(options, io, async (session) => {
          const refreshed = await runJobWithProgress(session, out, 'retention.refresh', { rebuild: options.rebuild === true });
          out.result(refreshed, () => [`Dates ${refreshed.mode} for ${refreshed.profiles} profile(s) in ${refreshed.ms} ms.`]);
        }),
      ),
    );
  registerSweepCommands(retention, action);
  registerHoldCommands(program, action);

  const profiles = program.commands.find((command) => command.name() === 'profiles') ?? program.command('profiles');
  addCommonOptions(profiles.command('list').description('who may still be used for a purpose on a day (their maintain-until is not past)'))
    .requiredOption('--maintain-until-after <date>', 'the day', parseDay)
    .requiredOption('--purpose <code>', 'the catalog purpose')
    .option('--limit <n>', 'how many people to list (1–1000)', parseLimit, 50)
    .action(
      action<{ maintainUntilAfter: string; purpose: string; limit: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const list = unwrap(await backend.call('retention.mayKeep', { purpose: options.purpose, on: options.maintainUntilAfter, limit: options.limit }));
          out.result(list, () => [
            `${list.total} person(s) may still be used for ${options.purpose} on ${options.maintainUntilAfter}`,
            ...(list.items.length === 0
              ? []
              : table([['PROFILE', 'NAME', 'UNTIL'], ...list.items.map((item) => [String(item.profileId), item.name, item.until ?? 'no end yet'])])),
          ]);
        }),
      ),
    );
}
