/**
 * `custodia purposes add|edit|list|show` (the purpose catalog) and `custodia consent show|record|check` (a
 * person's consent ledger): withdrawing is the same command as granting, with --withdraw instead of --grant.
 * `custodia consent held|release|delete-held`: the records the intake gate holds for a lawful basis.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LAWFUL_BASES, LawfulBasis, RECORDING_METHODS, type HeldRecord, type Purpose, type PurposeState } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { confirmInTerminal } from '../confirm';
import { CliError, usageError } from '../errors';
import { table } from '../output';
import { addCommonOptions, withSession } from '../session';

function parseBases(value: string): LawfulBasis[] {
  const bases = value
    .split(',')
    .map((basis) => basis.trim())
    .filter(Boolean);
  const wrong = bases.find((basis) => !LawfulBasis.safeParse(basis).success);
  if (wrong !== undefined || bases.length === 0) throw new InvalidArgumentError(`expected bases among ${LAWFUL_BASES.join(', ')}, separated by commas.`);
  return bases as LawfulBasis[];
}

function parseProfile(value: string): number {
  const id = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError('expected a profile number.');
  return id;
}

function parseRetention(value: string): number | null {
  if (value === 'none') return null;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw new InvalidArgumentError('expected a number of days, or none.');
  return days;
}

function purposeLines(purpose: Purpose): string[] {
  return [
    `${purpose.code}: ${purpose.nameEn} / ${purpose.nameFr}`,
    `  bases: ${purpose.bases.join(', ')}`,
    `  express consent: ${purpose.expressConsent ? 'yes' : 'no'}; sale or sharing: ${purpose.saleOrSharing ? 'yes' : 'no'}`,
    `  default retention: ${purpose.retentionDays === null ? 'not set' : `${purpose.retentionDays} days`}`,
    `  notice version: ${purpose.noticeVersion}; used by ${purpose.sources} source(s), ${purpose.events} ledger event(s)`,
    ...(purpose.descriptionEn === '' ? [] : [`  ${purpose.descriptionEn}`]),
  ];
}

function stateLine(state: PurposeState): string[] {
  const head = `${state.purpose}: ${state.state}${state.basis === null ? '' : ` (basis: ${state.basis})`}${state.since === null ? '' : ` since ${state.since}`}`;
  return [
    head,
    ...state.events.map(
      (event) =>
        `  #${event.id} ${event.kind} ${event.at ?? `(undated, seen ${event.recordedAt})`} ${event.source ?? `by ${event.recordedBy ?? '?'}`} via ${event.method}` +
        `${event.noticeVersion === null ? '' : `, notice v${event.noticeVersion}`}${event.evidence === null ? '' : `, evidence ${event.evidence}`}${event.expiresAt === null ? '' : `, until ${event.expiresAt}`}`,
    ),
  ];
}

interface PurposeOptions {
  name?: string;
  nameFr?: string;
  description?: string;
  descriptionFr?: string;
  bases?: LawfulBasis[];
  express?: boolean;
  sale?: boolean;
  retention?: number | null;
}

function describePurposeOptions(command: Command): Command {
  return command
    .option('--name-fr <text>', 'the name in French (the English one when left out)')
    .option('--description <text>', 'what the purpose covers, in English')
    .option('--description-fr <text>', 'what the purpose covers, in French')
    .option('--retention <days|none>', 'default retention in days', parseRetention);
}

function registerPurposeCommands(program: Command, action: ActionFactory): void {
  const purposes = program.command('purposes').description('the purpose catalog: what data is used for and on which lawful bases (administrators change it)');
  describePurposeOptions(addCommonOptions(purposes.command('add <code>').description('add a purpose to the catalog')))
    .requiredOption('--name <text>', 'the name in English')
    .requiredOption('--bases <list>', `lawful bases allowed, among ${LAWFUL_BASES.join(', ')}`, parseBases)
    .option('--express', 'needs express consent (sensitive data)')
    .option('--sale', 'a sale or sharing of personal information (CCPA)')
    .action(
      action<PurposeOptions>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const purpose = unwrap(
            await backend.call('purposes.add', {
              code: args[0],
              nameEn: options.name,
              nameFr: options.nameFr,
              descriptionEn: options.description,
              descriptionFr: options.descriptionFr,
              bases: options.bases,
              expressConsent: options.express === true,
              saleOrSharing: options.sale === true,
              retentionDays: options.retention ?? null,
            }),
          );
          out.result(purpose, () => [`Purpose ${purpose.code} added.`, ...purposeLines(purpose)]);
        }),
      ),
    );
  describePurposeOptions(addCommonOptions(purposes.command('edit <code>').description('change a purpose; past events keep the notice version they had')))
    .option('--name <text>', 'the name in English')
    .option('--bases <list>', `lawful bases allowed, among ${LAWFUL_BASES.join(', ')}`, parseBases)
    .addOption(new Option('--express', 'needs express consent (sensitive data)'))
    .addOption(new Option('--no-express', 'does not need express consent'))
    .addOption(new Option('--sale', 'a sale or sharing of personal information'))
    .addOption(new Option('--no-sale', 'not a sale or sharing'))
    .action(
      action<PurposeOptions>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const change = {
            code: args[0],
            nameEn: options.name,
            nameFr: options.nameFr,
            descriptionEn: options.description,
            descriptionFr: options.descriptionFr,
            bases: options.bases,
            expressConsent: options.express,
            saleOrSharing: options.sale,
            retentionDays: options.retention,
          };
          if (Object.values(change).filter((value) => value !== undefined).length === 1)
            throw usageError('nothing to change: give --name, --bases, --express, --sale, --retention…');
          const purpose = unwrap(await backend.call('purposes.update', change));
          out.result(purpose, () => [`Purpose ${purpose.code} saved.`, ...purposeLines(purpose)]);
        }),
      ),
    );
  addCommonOptions(purposes.command('list').description('every purpose of the catalog')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('purposes.list'));
        out.result(list, () =>
          table([
            ['CODE', 'NAME', 'BASES', 'FLAGS', 'SOURCES', 'EVENTS'],
            ...list.map((purpose) => [
              purpose.code,
              purpose.nameEn,
              purpose.bases.join(','),
              [purpose.expressConsent ? 'express' : '', purpose.saleOrSharing ? 'sale' : ''].filter(Boolean).join(',') || '-',
              String(purpose.sources),
              String(purpose.events),
            ]),
          ]),
        );
      }),
    ),
  );
  addCommonOptions(purposes.command('show <code>').description('one purpose of the catalog')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const purpose = unwrap(await backend.call('purposes.get', { code: args[0] }));
        out.result(purpose, () => purposeLines(purpose));
      }),
    ),
  );
}

type RecordOptions = { purpose: string; grant?: boolean; withdraw?: boolean; object?: boolean; method: string; evidence?: string; at?: string; until?: string };

function registerLedgerCommands(program: Command, action: ActionFactory): void {
  const consent = program.command('consent').description('a person’s consent per purpose, from the ledger of all their records');
  addCommonOptions(consent.command('show <profile>').description('the state per purpose, its basis and the events behind it')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const shown = unwrap(await backend.call('consent.show', { profileId: parseProfile(String(args[0])) }));
        out.result({ profileId: shown.profileId, purposes: shown.purposes }, () => [
          `Profile ${shown.profileId}${shown.redirectedFrom === null ? '' : ` (merged from ${shown.redirectedFrom})`}`,
          ...shown.purposes.flatMap(stateLine),
        ]);
      }),
    ),
  );
  addCommonOptions(consent.command('record <profile>').description('record a grant, a withdrawal or an objection the person made, with how and the evidence'))
    .requiredOption('--purpose <code>', 'the catalog purpose')
    .option('--grant', 'the person gave their consent')
    .option('--withdraw', 'the person withdrew their consent')
    .option('--object', 'the person objected to the purpose (e.g. direct marketing)')
    .addOption(new Option('--method <method>', 'how the person told you').choices(RECORDING_METHODS).makeOptionMandatory())
    .option('--evidence <ref>', 'where the proof is kept')
    .option('--at <time>', 'when the person said so (ISO 8601; now when left out)')
    .option('--until <time>', 'a grant given for a time ends then')
    .action(
      action<RecordOptions>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const kinds = [options.grant && 'grant', options.withdraw && 'withdrawal', options.object && 'objection'].filter(
            (kind): kind is string => typeof kind === 'string',
          );
          if (kinds.length !== 1) throw usageError('give one of --grant, --withdraw or --object');
          const recorded = unwrap(
            await backend.call('consent.record', {
              profileId: parseProfile(String(args[0])),
              purpose: options.purpose,
              kind: kinds[0],
              method: options.method,
              evidence: options.evidence,
              at: options.at,
              expiresAt: options.until,
            }),
          );
          out.result(recorded, () => [`Recorded event #${recorded.eventId} for profile ${recorded.profileId}.`, ...stateLine(recorded.state)]);
        }),
      ),
    );
  registerHeldCommands(consent, action);
  addCommonOptions(consent.command('check <profile>').description('may the person’s data be used for a purpose now, and why (not)'))
    .requiredOption('--purpose <code>', 'the catalog purpose')
    .action(
      action<{ purpose: string }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const answer = unwrap(await backend.call('consent.mayUse', { profileId: parseProfile(String(args[0])), purpose: options.purpose }));
          out.result(answer, () => [
            `${answer.allowed ? 'Allowed' : 'Not allowed'}: ${answer.reason}${answer.basis === null ? '' : ` (basis: ${answer.basis})`}`,
          ]);
        }),
      ),
    );
}

function parseRecords(value: string, previous: number[] = []): number[] {
  const ids = value.split(',').map((part) => Number(part.trim().replace(/^#/, '')));
  if (ids.some((id) => !Number.isInteger(id) || id < 1)) throw new InvalidArgumentError('expected record numbers (see `custodia consent held`).');
  return [...previous, ...ids];
}

function heldRow(record: HeldRecord): string[] {
  return [
    String(record.recordId),
    record.source,
    `#${record.runId}`,
    record.purposes.join(','),
    record.name ?? '-',
    record.emails[0] ?? record.phones[0] ?? '-',
    record.externalId,
  ];
}

type ReleaseOptions = { basis: LawfulBasis; evidence: string; method?: string; purpose?: string };

function registerHeldCommands(consent: Command, action: ActionFactory): void {
  addCommonOptions(consent.command('held').description('records held for a lawful basis: their source relies on consent and none is on file'))
    .option('--source <id>', 'only this source’s (its number)', (value) => Number(value))
    .option('--limit <n>', 'at most this many (100 by default)', (value) => Number(value))
    .action(
      action<{ source?: number; limit?: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const held = unwrap(await backend.call('consent.held', { sourceId: options.source, limit: options.limit }));
          out.result(held, () =>
            held.total === 0
              ? ['No record is held for a lawful basis.']
              : [
                  `${held.total} records held for a lawful basis (no consent on file for the purposes listed):`,
                  ...table([['RECORD', 'SOURCE', 'RUN', 'LACKS', 'NAME', 'CONTACT', 'KEY'], ...held.items.map(heldRow)]),
                  ...(held.total > held.items.length ? [`(${held.items.length} shown; --limit shows more)`] : []),
                ],
          );
        }),
      ),
    );
  addCommonOptions(consent.command('release <records...>').description('attach a basis and its evidence to held records: each gets its profile'))
    .addOption(new Option('--basis <basis>', 'the lawful basis; consent records a grant in the ledger too').choices(LAWFUL_BASES).makeOptionMandatory())
    .requiredOption('--evidence <ref>', 'where the proof is kept (a form number, a contract reference)')
    .addOption(new Option('--method <method>', 'how the consent was given (with --basis consent)').choices(RECORDING_METHODS))
    .option('--purpose <code>', 'only this purpose of the ones the records lack')
    .action(
      action<ReleaseOptions>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const recordIds = (args as unknown as string[][]).flat().flatMap((value) => parseRecords(String(value)));
          const released = unwrap(
            await backend.call('consent.release', {
              recordIds,
              basis: options.basis,
              evidence: options.evidence,
              method: options.method,
              purpose: options.purpose,
            }),
          );
          out.result(released, () => [`Released ${released.released} records on the basis ${options.basis}; profiles ${released.profileIds.join(', ')}.`]);
        }),
      ),
    );
  addCommonOptions(consent.command('delete-held <records...>').description('delete held records with their own import events'))
    .option('--yes', 'delete without asking (scripts); otherwise a terminal asks')
    .action(
      action<{ yes?: boolean }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const recordIds = (args as unknown as string[][]).flat().flatMap((value) => parseRecords(String(value)));
          out.note(
            `Deleting ${recordIds.length} held records removes their values, identifiers and import events; a record whose ledger holds a steward's event is kept.`,
          );
          if (options.yes !== true) {
            if (out.json) throw usageError('nothing was deleted: pass --yes to confirm (--json never asks)');
            if (!(await confirmInTerminal(io, 'Delete them? Type yes to confirm: ', '--yes'))) throw new CliError('CANCELLED', 'Nothing was deleted.');
          }
          const deleted = unwrap(await backend.call('consent.deleteHeld', { recordIds }));
          out.result(deleted, () => [
            `Deleted ${deleted.deleted} held records${deleted.kept > 0 ? `; kept ${deleted.kept} whose ledger holds a steward's event` : ''}.`,
          ]);
        }),
      ),
    );
}

export function registerConsentCommands(program: Command, action: ActionFactory): void {
  registerPurposeCommands(program, action);
  registerLedgerCommands(program, action);
}
