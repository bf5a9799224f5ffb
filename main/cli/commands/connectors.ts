/**
 * `custodia connectors` and `custodia sync`: declare the systems Custodia reads by itself (PostgreSQL,
 * MySQL, a REST API, a watched folder) and sync them, from a terminal or from cron, through the same API
 * as the app. `sync` exits with 1 when any connector failed, after printing every outcome.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LAWFUL_BASES, type Connector, type LawfulBasis, type SyncOutcome } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import { CONNECTOR_KINDS, type ConnectorKind } from '../../ingest/connectors/config';
import type { ActionFactory } from '../action';
import { parseCountry } from '../country-option';
import { EXIT_FAILURE, usageError } from '../errors';
import { table } from '../output';
import { readJsonInput, STDIN } from '../json-input';
import { parsePurposes } from '../purpose-option';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { describeRun } from './ingest';

interface AddOptions {
  kind: ConnectorKind;
  config: string;
  schedule?: number;
  mapping?: string;
  purpose?: string[];
  basis?: LawfulBasis;
  country?: string;
}

interface UpdateOptions {
  config?: string;
  schedule?: number | null;
  mapping?: string;
  enable?: boolean;
  disable?: boolean;
}

export function registerConnectorCommands(program: Command, action: ActionFactory): void {
  const connectors = program.command('connectors').description('systems Custodia reads by itself: PostgreSQL, MySQL, REST APIs, watched folders');

  addCommonOptions(connectors.command('add').description('declare a connector (administrators, stewards); its settings are kept in the encrypted vault'))
    .argument('<name>', 'the source name, as runs and profiles will show it')
    .addOption(new Option('--kind <kind>', 'what it reads').choices(CONNECTOR_KINDS).makeOptionMandatory())
    .requiredOption(
      '--config <file>',
      'a JSON file with the settings of that kind (see docs/connectors.md), or - to read them from standard input (the passphrase then comes from CUSTODIA_PASSPHRASE)',
    )
    .option('--schedule <minutes>', 'sync by itself every so many minutes while the app is open', parseSchedule)
    .option('--mapping <file>', 'a mapping.json (default: suggested from the first rows of the first sync)')
    .option('--purpose <purpose...>', 'declared purpose(s) of the data as CODE or CODE=BASIS (a bare one takes --basis)', ['customer relationship'])
    .addOption(new Option('--basis <basis>', 'the source’s lawful basis, taken by purposes given without one').choices(LAWFUL_BASES).default('contract'))
    .option('--country <code>', 'default country for phone numbers and postal codes, e.g. CA', parseCountry)
    .action(
      action<AddOptions>(async ({ args, options, io, out }) => {
        const config = await readJsonInput(options.config, 'configuration', io);
        const mapping = options.mapping === undefined ? undefined : await readJsonInput(options.mapping, 'mapping', io);
        return withSession(options, io, async ({ backend }) => {
          const added = unwrap(
            await backend.call('connectors.add', {
              name: args[0],
              kind: options.kind,
              config,
              scheduleMinutes: options.schedule ?? null,
              purposes: parsePurposes(options.purpose ?? ['customer relationship']),
              lawfulBasis: options.basis ?? 'contract',
              defaultCountry: options.country ?? null,
              ...(mapping === undefined ? {} : { mapping }),
            }),
          );
          out.result(added, () => [
            `Added the ${added.kind} connector ${added.name}${added.scheduleMinutes ? `, synced every ${added.scheduleMinutes} min while the app is open` : ''}.`,
          ]);
          if (holdsSecret(config) && options.config !== STDIN) {
            out.note(`Its credentials are now kept in the encrypted vault: ${options.config} is no longer needed and can be deleted.`);
          }
        });
      }),
    );

  addCommonOptions(connectors.command('list').description('list connectors with their state (secrets masked)')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('connectors.list'));
        out.result(list, () =>
          list.length === 0
            ? ['No connector yet: `custodia connectors add` declares one.']
            : table([['NAME', 'KIND', 'SCHEDULE', 'STATE', 'LAST RUN', 'WHERE'], ...list.map(connectorRow)]),
        );
      }),
    ),
  );

  addCommonOptions(connectors.command('test').description('connect, read the first 20 rows, and show the columns and the mapping'))
    .argument('<name>', 'the connector')
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const result = unwrap(await backend.call('connectors.test', { name: args[0] }));
          out.result(result, () => [
            `Connected: read ${result.rows.length} row${result.rows.length === 1 ? '' : 's'}${result.problems.length ? ` and ${result.problems.length} unreadable` : ''}.`,
            ...(result.note ? [result.note] : []),
            `Columns: ${result.headers.join(', ') || '-'}`,
            `Mapping (${result.mappingFrom === 'source' ? 'saved with the source' : 'suggested; saved at the first sync unless you pass one'}):`,
            JSON.stringify(result.mapping, null, 2),
          ]);
        }),
      ),
    );

  addCommonOptions(connectors.command('update').description('change a connector’s settings, schedule or mapping'))
    .argument('<name>', 'the connector')
    .option('--config <file>', 'new settings, or - for standard input (secrets shown as •••• by `list --json` may be left so: they are kept)')
    .option('--schedule <minutes|off>', 'sync every so many minutes, or off', parseScheduleOrOff)
    .option('--mapping <file>', 'a new mapping.json')
    .option('--enable', 'let it sync again')
    .option('--disable', 'stop its syncs (scheduled, watched and --all) without removing it')
    .action(
      action<UpdateOptions>(async ({ args, options, io, out }) => {
        if (options.enable && options.disable) throw usageError('--enable and --disable cannot be given together');
        const config = options.config === undefined ? undefined : await readJsonInput(options.config, 'configuration', io);
        const mapping = options.mapping === undefined ? undefined : await readJsonInput(options.mapping, 'mapping', io);
        return withSession(options, io, async ({ backend }) => {
          const updated = unwrap(
            await backend.call('connectors.update', {
              name: args[0],
              ...(config === undefined ? {} : { config }),
              ...(mapping === undefined ? {} : { mapping }),
              ...(options.schedule === undefined ? {} : { scheduleMinutes: options.schedule }),
              ...(options.enable ? { enabled: true } : options.disable ? { enabled: false } : {}),
            }),
          );
          out.result(updated, () => [`Updated ${updated.name}.`]);
        });
      }),
    );

  addCommonOptions(connectors.command('remove').description('remove a connector; what it brought in stays in the vault'))
    .argument('<name>', 'the connector')
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          unwrap(await backend.call('connectors.remove', { name: args[0] }));
          out.result({ removed: args[0] }, () => [`Removed the connector ${args[0]}; its source, runs and records stay.`]);
        }),
      ),
    );

  addCommonOptions(program.command('sync').description('sync one connector, or all of them (for cron: exit code 1 when any failed)'))
    .argument('[name]', 'the connector to sync')
    .option('--all', 'every enabled connector, each on its own: one failing never stops the others')
    .option('--due', 'with --all: only those whose schedule and retry delay say it is time')
    .action(
      action<{ all?: boolean; due?: boolean }>(({ args, options, io, out }) => {
        const name = args[0];
        if ((name === undefined) === !options.all) throw usageError('give a connector name or --all (not both)');
        if (options.due && !options.all) throw usageError('--due goes with --all');
        return withSession(options, io, async (session) => {
          const { outcomes } = await runJobWithProgress(
            session,
            out,
            'connectors.sync',
            name === undefined ? { all: true, dueOnly: options.due === true } : { name },
          );
          out.result({ outcomes }, () => (outcomes.length === 0 ? ['Nothing to sync.'] : outcomes.flatMap(describeOutcome)));
          return outcomes.some((outcome) => outcome.status === 'failed') ? EXIT_FAILURE : undefined;
        });
      }),
    );
}

export function describeOutcome(outcome: SyncOutcome): string[] {
  const head = `${outcome.name} (${outcome.kind}): ${outcome.status}`;
  const lines = [outcome.status === 'failed' ? `${head}: ${outcome.error}` : outcome.status === 'skipped' ? `${head}: ${outcome.error}` : head];
  for (const run of outcome.runs) lines.push(...describeRun(run).map((line) => `  ${line}`));
  if (outcome.status === 'completed' && outcome.runs.length === 0) lines.push(outcome.kind === 'folder' ? '  No file to import.' : '  Nothing read.');
  if (outcome.waitingFiles > 0) lines.push(`  ${outcome.waitingFiles} file(s) still being written: the next sync takes them.`);
  if (outcome.status === 'failed' && outcome.nextAttemptAt)
    lines.push(`  Failure ${outcome.consecutiveFailures} in a row; the app retries after ${outcome.nextAttemptAt.slice(0, 16).replace('T', ' ')} UTC.`);
  return lines;
}

function connectorRow(connector: Connector): string[] {
  const state = !connector.enabled ? 'disabled' : connector.consecutiveFailures > 0 ? `failing ×${connector.consecutiveFailures}` : 'ok';
  const last = connector.lastRun;
  return [
    connector.name,
    connector.kind,
    connector.scheduleMinutes ? `${connector.scheduleMinutes} min` : '-',
    state,
    last ? `#${last.id} ${last.status} ${last.startedAt.slice(0, 16)}` : '-',
    whereOf(connector),
  ];
}

/** Host and database, address or folder: enough to recognise the system, never a secret. */
function whereOf(connector: Connector): string {
  const config = connector.config as Record<string, unknown>;
  switch (connector.kind) {
    case 'postgres':
    case 'mysql':
      return `${String(config.host)}:${String(config.port)}/${String(config.database)}`;
    case 'rest':
      return `${String(config.baseUrl)}${config.path ? String(config.path) : ''}`;
    case 'folder':
      return String(config.path);
  }
}

function holdsSecret(config: unknown): boolean {
  if (typeof config !== 'object' || config === null) return false;
  const record = config as Record<string, unknown>;
  return Boolean(record.password) || Boolean(record.authHeader) || /\/\/[^/@]*:[^/@]*@/.test(String(record.baseUrl ?? ''));
}

function parseSchedule(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 525_600) throw new InvalidArgumentError('expected a whole number of minutes, at least 1.');
  return n;
}

function parseScheduleOrOff(value: string): number | null {
  return value === 'off' ? null : parseSchedule(value);
}
