/**
 * `custodia sources list | show | set`: the register of sources from the command line. `show` prints a
 * source's declaration and saved mapping (`--json` for a mapping to edit), `set` changes the declaration
 * or the mapping without importing a file, through the same audited `sources.save` as the app's editor.
 */
import { Option, type Command } from 'commander';
import { followBasis, LAWFUL_BASES, type LawfulBasis, type Source } from '../../api/contract';
import type { Backend } from '../../backend/backend';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { parseCountry } from '../country-option';
import { CliError, usageError } from '../errors';
import { readJsonInput } from '../json-input';
import { firstBasis, hasBare, parsePurposeMap, parsePurposes, purposesText } from '../purpose-option';
import type { Mapping } from '../../ingest/mapping/fields';
import { table } from '../output';
import { addCommonOptions, withSession } from '../session';

interface SetOptions {
  purpose?: string[];
  basis?: LawfulBasis;
  country?: string | null;
  mapping?: string;
  purposeMap?: string[];
}

function sourceRow(source: Source): string[] {
  const last = source.lastRun;
  return [source.name, source.kind, source.lawfulBasis, purposesText(source), last ? `#${last.id} ${last.status} ${last.startedAt.slice(0, 16)}` : '-'];
}

function describeSource(source: Source): string[] {
  const read = source.readOptions ? Object.entries(source.readOptions).map(([key, value]) => `${key} ${JSON.stringify(value)}`) : [];
  return [
    `${source.name} (${source.kind})`,
    `  purposes: ${purposesText(source)}`,
    `  lawful basis: ${source.lawfulBasis} (of purposes declared without their own)`,
    `  default country: ${source.defaultCountry ?? 'none'}`,
    `  files read with: ${read.length > 0 ? read.join(', ') : 'what is detected'}`,
    `  mapping: ${source.mapping ? `${source.mapping.columns.length} columns (print it with --json)` : 'none yet (the first import suggests one)'}`,
  ];
}

function parseCountryOrNone(value: string): string | null {
  return value.toLowerCase() === 'none' ? null : parseCountry(value);
}

async function findNamed(backend: Backend, name: string): Promise<Source | undefined> {
  const list = unwrap(await backend.call('sources.list'));
  return list.find((source) => source.name.toLowerCase() === name.trim().toLowerCase());
}

export function registerSourceCommands(program: Command, action: ActionFactory): void {
  const sources = program.command('sources').description('the systems data comes from, with their purposes and lawful basis');
  addCommonOptions(sources.command('list').description('list sources with their last run')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('sources.list'));
        out.result(list, () => table([['NAME', 'KIND', 'BASIS', 'PURPOSES', 'LAST RUN'], ...list.map(sourceRow)]));
      }),
    ),
  );

  addCommonOptions(sources.command('show').description('a source’s declaration, how its files are read and its saved mapping (--json)'))
    .argument('<name>', 'the source')
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const source = await findNamed(backend, args[0]!);
          if (!source) throw new CliError('NOT_FOUND', `There is no source named ${args[0]}.`);
          out.result(source, () => describeSource(source));
        }),
      ),
    );

  addCommonOptions(
    sources
      .command('set')
      .description('change a source’s declaration or saved mapping without importing a file (administrators, stewards); audited')
      .addHelpText(
        'after',
        '\nA new source needs --purpose and --basis: why the data is held is declared, never assumed.\n' +
          'Each purpose may carry its own basis: --purpose email_marketing=consent "customer relationship" --basis contract\n' +
          '(a bare purpose takes --basis; without --basis, the first basis given). --basis alone moves the purposes that were on the source’s basis.',
      ),
  )
    .argument('<name>', 'the source')
    .option('--purpose <purpose...>', 'declared purpose(s) as CODE or CODE=BASIS, replacing the current ones')
    .addOption(new Option('--basis <basis>', 'the source’s lawful basis, taken by purposes given without one').choices(LAWFUL_BASES))
    .option('--country <code>', 'default country for phone numbers and postal codes, or "none"; the saved mapping follows it', parseCountryOrNone)
    .option('--mapping <file>', 'a mapping.json to save with the source (- for standard input), e.g. edited from `sources show --json`')
    .option('--purpose-map <text=code...>', 'a purpose text of the source’s consents mapped to a catalog purpose, added to the saved mapping')
    .action(
      action<SetOptions>(async ({ args, options, io, out }) => {
        const name = args[0]!;
        if (
          options.purpose === undefined &&
          options.basis === undefined &&
          options.country === undefined &&
          options.mapping === undefined &&
          options.purposeMap === undefined
        ) {
          throw usageError('Nothing to change: give --purpose, --basis, --country, --mapping or --purpose-map.');
        }
        const purposes = options.purpose === undefined ? undefined : parsePurposes(options.purpose);
        const purposeMap = options.purposeMap === undefined ? undefined : parsePurposeMap(options.purposeMap);
        const given = options.mapping === undefined ? undefined : await readJsonInput(options.mapping, 'mapping', io);
        return withSession(options, io, async ({ backend }) => {
          const existing = await findNamed(backend, name);
          if (!existing && (purposes === undefined || (options.basis === undefined && hasBare(purposes)))) {
            throw new CliError('INVALID_INPUT', `There is no source named ${name} yet: give --purpose and --basis to declare it.`);
          }
          const lawfulBasis = options.basis ?? existing?.lawfulBasis ?? firstBasis(purposes)!;
          // --purpose-map adds to the mapping given, else to the saved one: a source without a mapping has nothing to add to.
          const base = (given as Mapping | undefined) ?? existing?.mapping ?? undefined;
          if (purposeMap !== undefined && base === undefined) {
            throw new CliError('INVALID_INPUT', `The source ${name} has no saved mapping yet: import a file first, or give --mapping.`);
          }
          const mapping = purposeMap === undefined ? given : { ...base!, purposeAliases: { ...base!.purposeAliases, ...purposeMap } };
          const saved = unwrap(
            await backend.call('sources.save', {
              name: existing?.name ?? name,
              purposes: purposes ?? followBasis(existing!.purposes, existing!.lawfulBasis, lawfulBasis),
              lawfulBasis,
              defaultCountry: options.country === undefined ? (existing?.defaultCountry ?? null) : options.country,
              ...(mapping === undefined ? {} : { mapping }),
            }),
          );
          out.result(saved, () => [existing ? `Source ${saved.name} updated.` : `Source ${saved.name} declared.`, ...describeSource(saved)]);
        });
      }),
    );
}
