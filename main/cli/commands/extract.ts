/**
 * `custodia extract preview|run` and `custodia schedules add|list`: data leaving under an agreement
 * (docs/partners.md). The lease and each person's consent are checked when the extract runs; a lease that
 * refuses makes the command fail with its reason.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CONTACT_CHANNELS, EXCLUSIONS, type Audience, type ContactChannel, type ExtractField, type Refusal, type Schedule } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import { checkOutputPath } from '../../platform/output-file';
import type { ActionFactory } from '../action';
import { usageError } from '../errors';
import { table } from '../output';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { parseFields, parseId, readAudience, say, sayingWhy } from './partner-options';

const parseAgreement = parseId('an agreement');

/** `--channel`: the channel the partner will use; it goes into the audience, over one the file names. */
const channelOption = (): Option =>
  new Option('--channel <channel>', 'leave out people who refused this channel for a purpose of the agreement').choices(CONTACT_CHANNELS);

function withChannel(audience: Audience | undefined, channel: ContactChannel | undefined): Audience | undefined {
  return channel === undefined ? audience : { ...audience, channel };
}
const FORMATS = ['csv', 'json'] as const;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The reason a refused extract fails with (main/partners/lease.ts), whose sentence the preview shows. */
const REFUSAL_REASON: Record<Refusal, string> = {
  notYetValid: 'leaseNotYetValid',
  expired: 'leaseExpired',
  suspended: 'leaseSuspended',
  revoked: 'leaseRevoked',
  outsideWindow: 'leaseOutsideWindow',
  monthlyLimitReached: 'leaseMonthlyLimit',
  assessmentMissing: 'leaseAssessmentMissing',
};

function parseTime(value: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new InvalidArgumentError('expected a time written HH:MM (00:00 to 23:59).');
  return value;
}

function parseWeekday(value: string): number {
  const day = Number(value);
  if (!Number.isInteger(day) || day < 1 || day > 7) throw new InvalidArgumentError('expected a weekday from 1 (Monday) to 7 (Sunday).');
  return day;
}

function whenText(schedule: Schedule): string {
  return schedule.every === 'daily' ? `daily at ${schedule.atTime}` : `${WEEKDAYS[(schedule.weekday ?? 1) - 1]}s at ${schedule.atTime}`;
}

export function registerExtractCommands(program: Command, action: ActionFactory): void {
  const extract = program.command('extract').description('extracts for a partner under an agreement: preview who is in and why others are not, then the file');
  addCommonOptions(
    extract.command('preview <agreement>').description('who the extract would include, who it leaves out and why, and whether the lease allows it now'),
  )
    .option('--audience <file>', 'a JSON file narrowing who it is about (countries, languages, sourceIds, activeFrom, activeTo, consent, profileIds, channel)')
    .addOption(channelOption())
    .option('--fields <list>', 'only some of the agreement’s fields, separated by commas', parseFields)
    .action(
      action<{ audience?: string; fields?: ExtractField[]; channel?: ContactChannel }>(async ({ args, options, io, out }) => {
        const agreementId = parseAgreement(String(args[0]));
        const audience = withChannel(await readAudience(options.audience, io), options.channel);
        return withSession(options, io, (session) =>
          sayingWhy(async () => {
            const preview = await runJobWithProgress(session, out, 'extracts.preview', {
              agreementId,
              ...(audience === undefined ? {} : { audience }),
              ...(options.fields === undefined ? {} : { fields: options.fields }),
            });
            out.result(preview, () => {
              const excluded = EXCLUSIONS.map((reason) => [reason, preview.excluded[reason] ?? 0] as const).filter(([, count]) => count > 0);
              return [
                `Agreement ${preview.agreementId}: ${preview.included} of ${preview.audience} person(s) included; fields ${preview.fields.join(', ')}; purposes ${preview.purposes.join(', ')}`,
                ...(excluded.length === 0
                  ? ['  nobody excluded']
                  : [
                      '  excluded:',
                      ...table(excluded.map(([reason, count]) => [`    ${say(`partners.extract.exclusions.${reason}`, reason)}`, String(count)])),
                    ]),
                preview.refusal === null
                  ? 'The lease allows an extract now.'
                  : `The lease refuses an extract now: ${say(`errors.CONFLICT_${REFUSAL_REASON[preview.refusal]}`, preview.refusal, { agreementId: preview.agreementId })}`,
              ];
            });
          }),
        );
      }),
    );
  addCommonOptions(extract.command('run <agreement>').description('write the extract with only the agreed fields, and enter it on the register'))
    .requiredOption('--out <file>', 'the file to write')
    .addOption(new Option('--format <format>', 'the file’s format').choices(FORMATS).default('csv'))
    .option('--audience <file>', 'a JSON file narrowing who it is about (as for preview)')
    .addOption(channelOption())
    .option('--fields <list>', 'only some of the agreement’s fields, separated by commas (one it does not allow is refused)', parseFields)
    .option('--overwrite', 'replace an existing file')
    .action(
      action<{ out: string; format: (typeof FORMATS)[number]; audience?: string; fields?: ExtractField[]; overwrite?: boolean; channel?: ContactChannel }>(
        async ({ args, options, io, out }) => {
          const agreementId = parseAgreement(String(args[0]));
          // Checked before the vault is opened: a refused path costs no passphrase.
          const outFile = checkOutputPath(options.out, { overwrite: options.overwrite === true });
          const audience = withChannel(await readAudience(options.audience, io), options.channel);
          return withSession(options, io, (session) =>
            sayingWhy(async () => {
              const entry = await runJobWithProgress(session, out, 'extracts.run', {
                agreementId,
                format: options.format,
                outFile,
                overwrite: options.overwrite === true,
                ...(audience === undefined ? {} : { audience }),
                ...(options.fields === undefined ? {} : { fields: options.fields }),
              });
              out.result(entry, () => [
                `Extract ${entry.id} written to ${outFile}: ${entry.people} person(s), ${entry.excluded} left out; fields ${entry.fields.join(', ')}.`,
                `  SHA-256 ${entry.sha256} (on the register)`,
              ]);
            }),
          );
        },
      ),
    );

  const schedules = program.command('schedules').description('extracts that run by themselves, daily or weekly, each re-checking its lease and the consents');
  addCommonOptions(schedules.command('add <agreement>').description('schedule an extract under an agreement (administrators)'))
    .addOption(new Option('--every <period>', 'how often').choices(['daily', 'weekly']).makeOptionMandatory())
    .option('--weekday <1-7>', 'for weekly: the day, 1 (Monday) to 7 (Sunday)', parseWeekday)
    .requiredOption('--at <HH:MM>', 'the time it runs (the vault’s time zone)', parseTime)
    .addOption(new Option('--format <format>', 'the file’s format').choices(FORMATS).default('csv'))
    .option('--audience <file>', 'a JSON file narrowing who it is about (as for extract preview)')
    .addOption(channelOption())
    .action(
      action<{ every: 'daily' | 'weekly'; weekday?: number; at: string; format: (typeof FORMATS)[number]; audience?: string; channel?: ContactChannel }>(
        async ({ args, options, io, out }) => {
          const agreementId = parseAgreement(String(args[0]));
          if (options.every === 'weekly' && options.weekday === undefined) throw usageError('a weekly schedule needs --weekday (1 = Monday … 7 = Sunday).');
          if (options.every === 'daily' && options.weekday !== undefined) throw usageError('--weekday is for weekly schedules.');
          const audience = withChannel(await readAudience(options.audience, io), options.channel);
          return withSession(options, io, ({ backend }) =>
            sayingWhy(async () => {
              const schedule = unwrap(
                await backend.call('schedules.add', {
                  agreementId,
                  every: options.every,
                  atTime: options.at,
                  format: options.format,
                  ...(options.weekday === undefined ? {} : { weekday: options.weekday }),
                  ...(audience === undefined ? {} : { audience }),
                }),
              );
              out.result(schedule, () => [
                `Schedule ${schedule.id} added: agreement ${schedule.agreementId}, ${whenText(schedule)}; next ${schedule.nextDue}.`,
              ]);
            }),
          );
        },
      ),
    );
  addCommonOptions(schedules.command('list').description('scheduled extracts, when they run next and how the last run went')).action(
    action(({ options, io, out }) =>
      withSession(options, io, ({ backend }) =>
        sayingWhy(async () => {
          const list = unwrap(await backend.call('schedules.list', {}));
          out.result(list, () =>
            list.length === 0
              ? ['No scheduled extract.']
              : table([
                  ['ID', 'AGREEMENT', 'WHEN', 'FORMAT', 'NEXT', 'LAST', 'OUTCOME'],
                  ...list.map((schedule) => [
                    String(schedule.id),
                    String(schedule.agreementId),
                    `${whenText(schedule)}${schedule.active ? '' : ' (inactive)'}`,
                    schedule.format,
                    schedule.nextDue,
                    schedule.lastRunAt ?? '—',
                    schedule.lastOutcome ?? '—',
                  ]),
                ]),
          );
        }),
      ),
    ),
  );
}
