/**
 * `custodia requests open|list|show|verify|match|extend|close|stats`: the register of data-subject requests
 * (docs/requests.md). Days are the vault's calendar days (`YYYY-MM-DD`, in its time zone).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  JURISDICTIONS,
  REQUEST_OUTCOMES,
  REQUEST_TYPES,
  VERIFICATION_IDENTIFIERS,
  VerificationIdentifier,
  type RequestDetail,
  type RequestSummary,
} from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { table } from '../output';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { checkOutputPath } from '../../platform/output-file';
import fs from 'node:fs';
import { parseDay, parseId } from '../value-options';

const parseRequest = parseId('request');

function collectProfiles(value: string, previous: number[] = []): number[] {
  return [...previous, ...value.split(',').map((part) => parseId('profile')(part.trim()))];
}

function parseIdentifiers(value: string): VerificationIdentifier[] {
  const list = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const wrong = list.find((entry) => !VerificationIdentifier.safeParse(entry).success);
  if (wrong !== undefined || list.length === 0)
    throw new InvalidArgumentError(`expected identifiers among ${VERIFICATION_IDENTIFIERS.join(', ')}, separated by commas.`);
  return list as VerificationIdentifier[];
}

function when(request: RequestSummary): string {
  if (request.daysLeft === null) return `closed ${request.closedAt?.slice(0, 10) ?? ''} (${request.outcome ?? ''})`;
  if (request.daysLeft < 0) return `OVERDUE by ${-request.daysLeft} day(s)`;
  if (request.daysLeft === 0) return 'due today';
  return `${request.daysLeft} day(s) left`;
}

function detailLines(request: RequestDetail): string[] {
  return [
    `Request ${request.id}: ${request.type}, ${request.jurisdiction} (${request.legalSource}), ${request.status}`,
    `  requester: ${request.requesterName ?? '(hidden)'}${request.contact === null ? '' : `, ${request.contact}`}${request.channel === null ? '' : `, by ${request.channel}`}`,
    `  received ${request.receivedOn}, due ${request.dueOn}${request.extendedDueOn === null ? '' : `, extended to ${request.extendedDueOn} by ${request.extendedBy ?? '?'}${request.extensionReason === null ? '' : `: ${request.extensionReason}`}`}`,
    `  ${when(request)} (days counted in ${request.timeZone})`,
    ...(request.verifications.length === 0
      ? ['  identity not verified yet']
      : request.verifications.map(
          (entry) =>
            `  verified ${entry.verifiedAt} by ${entry.verifiedBy}${entry.method === null ? '' : `: ${entry.method}`}; matched ${entry.identifiers.length === 0 ? '(identifiers not stated)' : entry.identifiers.join(', ')}${entry.document === null ? '' : `; document seen: ${entry.document}`}`,
        )),
    ...request.matched.map(
      (entry) =>
        `  profile ${entry.profileId}${entry.currentProfileId === null ? ' (no longer in the vault)' : entry.currentProfileId === entry.profileId ? '' : ` (now ${entry.currentProfileId})`}: records ${entry.records.join(', ')}`,
    ),
    ...(request.outcome === null
      ? []
      : [`  closed by ${request.closedBy ?? '?'}: ${request.outcome}${request.outcomeNote === null ? '' : `, ${request.outcomeNote}`}`]),
  ];
}

type OpenOptions = { type: string; jurisdiction: string; requester: string; received?: string; channel?: string; contact?: string };
type VerifyOptions = { profile?: number[]; method: string; identifiers?: VerificationIdentifier[]; document?: string };

export function registerRequestCommands(program: Command, action: ActionFactory): void {
  const requests = program.command('requests').description('data-subject requests: access, portability, erasure… with their legal deadlines');
  addCommonOptions(requests.command('open').description('record a request received; prints its id and deadline'))
    .addOption(new Option('--type <type>', 'what the person asks').choices(REQUEST_TYPES).makeOptionMandatory())
    .addOption(new Option('--jurisdiction <law>', 'the law that applies').choices(JURISDICTIONS).makeOptionMandatory())
    .requiredOption('--requester <name>', 'the requester’s name')
    .option('--received <date>', 'the day it was received, YYYY-MM-DD (today when left out; never in the future)', parseDay)
    .option('--channel <text>', 'how it came: email, letter, phone…')
    .option('--contact <text>', 'where to answer')
    .action(
      action<OpenOptions>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const opened = unwrap(
            await backend.call('requests.open', {
              type: options.type,
              jurisdiction: options.jurisdiction,
              requesterName: options.requester,
              receivedOn: options.received,
              channel: options.channel,
              contact: options.contact,
            }),
          );
          out.result(opened, () => [`Request ${opened.id} opened: due ${opened.deadline} (${opened.legalSource}).`]);
        }),
      ),
    );
  addCommonOptions(requests.command('list').description('requests by deadline, the overdue ones first'))
    .addOption(new Option('--status <status>', 'which requests').choices(['open', 'closed', 'all']).default('open'))
    .addOption(new Option('--type <type>', 'only this type').choices(REQUEST_TYPES))
    .addOption(new Option('--jurisdiction <law>', 'only this law').choices(JURISDICTIONS))
    .action(
      action<{ status: string; type?: string; jurisdiction?: string }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const list = unwrap(await backend.call('requests.list', { status: options.status, type: options.type, jurisdiction: options.jurisdiction }));
          out.result(list, () =>
            list.requests.length === 0
              ? ['No request.']
              : [
                  ...table([
                    ['ID', 'TYPE', 'LAW', 'REQUESTER', 'RECEIVED', 'DEADLINE', 'STATUS', 'WHEN'],
                    ...list.requests.map((request) => [
                      String(request.id),
                      request.type,
                      request.jurisdiction,
                      request.requesterName ?? '(hidden)',
                      request.receivedOn,
                      request.deadline,
                      request.status,
                      when(request),
                    ]),
                  ]),
                  `Today is ${list.today} in ${list.timeZone}.`,
                ],
          );
        }),
      ),
    );
  addCommonOptions(requests.command('show <request>').description('one request: deadline, verification, people matched, outcome')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const request = unwrap(await backend.call('requests.get', { id: parseRequest(String(args[0])) }));
        out.result(request, () => detailLines(request));
      }),
    ),
  );
  addCommonOptions(requests.command('verify <request>').description('record how the requester’s identity was verified, and the profiles it matched'))
    .option('--profile <id>', 'a profile the requester is (repeat, or separate with commas)', collectProfiles)
    .requiredOption('--method <text>', 'how the identity was verified: video call, signed letter…')
    .option(
      '--identifiers <list>',
      `which identifiers matched, among ${VERIFICATION_IDENTIFIERS.join(', ')} (recorded with the verification)`,
      parseIdentifiers,
    )
    .option('--document <text>', 'the kind of document seen (not its number)')
    .action(
      action<VerifyOptions>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const request = unwrap(
            await backend.call('requests.verify', {
              id: parseRequest(String(args[0])),
              method: options.method,
              identifiers: options.identifiers ?? [],
              document: options.document,
              profileIds: options.profile ?? [],
            }),
          );
          out.result(request, () => [`Request ${request.id} verified.`, ...detailLines(request)]);
        }),
      ),
    );
  addCommonOptions(requests.command('match <request>').description('match more profiles to a verified request'))
    .requiredOption('--profile <id>', 'a profile the requester is (repeat, or separate with commas)', collectProfiles)
    .action(
      action<{ profile: number[] }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const request = unwrap(await backend.call('requests.match', { id: parseRequest(String(args[0])), profileIds: options.profile }));
          out.result(request, () => [`Request ${request.id} matched.`, ...detailLines(request)]);
        }),
      ),
    );
  addCommonOptions(requests.command('extend <request>').description('extend the deadline once, where the law allows it, before the first deadline'))
    .requiredOption('--reason <text>', 'why (the person is told)')
    .action(
      action<{ reason: string }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const request = unwrap(await backend.call('requests.extend', { id: parseRequest(String(args[0])), reason: options.reason }));
          out.result(request, () => [`Request ${request.id} extended to ${request.deadline}.`]);
        }),
      ),
    );
  addCommonOptions(requests.command('close <request>').description('close a request with its outcome'))
    .addOption(new Option('--outcome <outcome>', 'how it ended').choices(REQUEST_OUTCOMES).makeOptionMandatory())
    .option('--note <text>', 'a note kept with the request')
    .action(
      action<{ outcome: string; note?: string }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const request = unwrap(await backend.call('requests.close', { id: parseRequest(String(args[0])), outcome: options.outcome, note: options.note }));
          out.result(request, () => [`Request ${request.id} closed: ${request.outcome ?? ''}.`]);
        }),
      ),
    );
  addCommonOptions(
    requests
      .command('package <request>')
      .description('build the access package of a verified request: report (HTML, PDF), data.json, CSVs and a manifest, zipped'),
  )
    .requiredOption('--out <file.zip>', 'the archive to write')
    .option('--from <date>', 'first day included (YYYY-MM-DD, in the vault’s time zone); the whole history when left out', parseDay)
    .option('--to <date>', 'last day included (YYYY-MM-DD)', parseDay)
    .addOption(new Option('--language <language>', 'the report’s language').choices(['fr', 'en']).default('fr'))
    .option('--password-file <file>', 'encrypt the archive (AES-256) with the password in this file (its first line)')
    .option('--force', 'replace an existing file')
    .action(
      action<{ out: string; from?: string; to?: string; language: string; passwordFile?: string; force?: boolean }>(({ args, options, io, out }) => {
        // Checked before the vault is opened: a refused path costs no passphrase and leaves the vault as it was.
        const outFile = checkOutputPath(options.out, { overwrite: options.force === true });
        const password = options.passwordFile === undefined ? undefined : (fs.readFileSync(options.passwordFile, 'utf8').split(/\r?\n/)[0] ?? '');
        return withSession(options, io, async (session) => {
          const built = await runJobWithProgress(session, out, 'requests.package', {
            id: parseRequest(String(args[0])),
            language: options.language,
            outFile,
            overwrite: options.force === true,
            ...(options.from === undefined ? {} : { from: options.from }),
            ...(options.to === undefined ? {} : { to: options.to }),
            ...(password === undefined ? {} : { password }),
          });
          const summary = built.package;
          out.result(built, () => [
            `Access package written to ${built.savedTo ?? outFile}${summary.encrypted ? ' (AES-256: open it with 7-Zip and the password)' : ''}.`,
            `  period: ${summary.from ?? 'the beginning'} – ${summary.to ?? 'now'} (${summary.timeZone}); ${summary.records} record(s), ${summary.events} event(s), ${summary.consentEvents} consent decision(s), ${summary.withheld} value(s) about other people withheld`,
            `  SHA-256 ${summary.sha256} (kept on the request and in the audit trail); manifest ${summary.manifestSha256}`,
          ]);
        });
      }),
    );
  addCommonOptions(requests.command('settings').description('the organisation named in access packages, and the vault’s time zone for deadlines'))
    .option('--organisation <name>', 'the organisation’s name, as the report introduces it (administrators)')
    .option('--time-zone <zone>', 'an IANA time zone, e.g. America/Toronto (administrators)')
    .action(
      action<{ organisation?: string; timeZone?: string }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const changing = options.organisation !== undefined || options.timeZone !== undefined;
          const settings = changing
            ? unwrap(
                await backend.call('requests.saveSettings', {
                  ...(options.organisation === undefined ? {} : { organisationName: options.organisation }),
                  ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
                }),
              )
            : unwrap(await backend.call('requests.settings', {}));
          out.result(settings, () => [
            `Organisation: ${settings.organisationName === '' ? '(not named: reports say “this organisation”)' : settings.organisationName}`,
            `Time zone: ${settings.timeZone}${settings.timeZoneFromComputer ? ' (the computer’s: not set in the vault)' : ''}`,
          ]);
        }),
      ),
    );
  addCommonOptions(requests.command('stats').description('requests per month and the median time to close')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const stats = unwrap(await backend.call('requests.stats'));
        out.result(stats, () => [
          ...table([
            ['MONTH', 'RECEIVED', 'CLOSED', 'MEDIAN DAYS'],
            ...stats.months.map((month) => [
              month.month,
              String(month.opened),
              String(month.closed),
              month.medianDaysToClose === null ? '-' : String(month.medianDaysToClose),
            ]),
          ]),
          `Open: ${stats.open}, overdue: ${stats.overdue}, due within a week: ${stats.dueThisWeek}; median days to close: ${stats.medianDaysToClose ?? '-'}.`,
        ]);
      }),
    ),
  );
}
