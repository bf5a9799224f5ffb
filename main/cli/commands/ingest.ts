/**
 * `custodia import`, `profiles` and `rejects`: bring files in and find people from the
 * command line (cron jobs, scripts, benchmarks), through the same API as the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { followBasis, LANGUAGES, LAWFUL_BASES, type Language, type LawfulBasis, type ProfileSummary, type RunSummary, type Source } from '../../api/contract';
import { checkOutputPath } from '../../platform/output-file';
import { unwrap } from '../../backend/run-job';
import { FILE_FORMATS, type FileFormat } from '../../ingest/types';
import type { Mapping } from '../../ingest/mapping/fields';
import type { ActionFactory } from '../action';
import { CliError, usageError } from '../errors';
import { table } from '../output';
import { readJsonInput } from '../json-input';
import { firstBasis, parsePurposeMap, parsePurposes } from '../purpose-option';
import { parseCountry } from '../country-option';
import { parseRunId } from '../run-id-option';
import { savedOptionsNotes } from '../read-options-note';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { registerUndoCommand } from './undo';

interface ImportOptions {
  source?: string;
  mapping?: string;
  format?: FileFormat;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  recordsPath?: string;
  purpose?: string[];
  basis?: LawfulBasis;
  country?: string;
  purposeMap?: string[];
}

export function registerIngestCommands(program: Command, action: ActionFactory): void {
  // Positional options (here and on the program): `import undo 12 --vault DIR` leaves `--vault` to `undo`.
  const importCommand = program
    .command('import')
    .description('import a CSV, TSV, JSON, NDJSON or XLSX file into the vault (administrators, stewards)')
    .enablePositionalOptions();
  registerUndoCommand(importCommand, action);
  addCommonOptions(importCommand)
    .argument('<file>', 'the file to import')
    // Checked in the action, not by commander: a required option here would be asked of `import undo` too.
    .option('--source <name>', 'the source the file comes from; created on first use (required)')
    .option('--mapping <file>', 'a mapping.json saying which column is which field (default: the source’s saved one, or a suggestion)')
    .addOption(new Option('--format <format>', 'file format, when detection guesses wrong').choices(FILE_FORMATS))
    .option('--encoding <name>', 'text encoding, e.g. windows-1252 or utf-16le (default: detected)')
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option('--records-path <path>', 'JSON: where the records are when the document is an object, e.g. customers or data.customers')
    .option('--purpose <purpose...>', 'declared purpose(s) as CODE or CODE=BASIS (a bare one takes --basis)')
    .addOption(new Option('--basis <basis>', 'the source’s lawful basis, taken by purposes given without one').choices(LAWFUL_BASES))
    .option('--country <code>', 'default country for phone numbers and postal codes (a new source, or changed for this one), e.g. CA', parseCountry)
    .option(
      '--purpose-map <text=code...>',
      'a purpose text of the file’s consents that the catalog lacks, mapped to a catalog purpose (saved with the mapping), e.g. "Club Fidélité=email_marketing"',
    )
    .action(
      action<ImportOptions>(async ({ args, options, io, out }) => {
        if (options.source === undefined) throw usageError("required option '--source <name>' not specified");
        const sourceName = options.source;
        const file = path.resolve(args[0]!);
        if (!fs.existsSync(file)) throw new CliError('NOT_FOUND', `There is no file at ${file}.`);
        const purposes = options.purpose === undefined ? undefined : parsePurposes(options.purpose);
        const purposeMap = options.purposeMap === undefined ? undefined : parsePurposeMap(options.purposeMap);
        const given = options.mapping === undefined ? undefined : await readJsonInput(options.mapping, 'mapping', io);
        return withSession(options, io, async (session) => {
          const flags = {
            format: options.format,
            encoding: options.encoding,
            delimiter: options.delimiter,
            sheet: options.sheet,
            recordsPath: options.recordsPath,
          };
          const named = (source: Source) => source.name.toLowerCase() === sourceName.trim().toLowerCase();
          const existing = unwrap(await session.backend.call('sources.list')).find(named);
          // Without a read option, the file is read as the source's last one was (the preview says how).
          const reused =
            existing?.readOptions && Object.values(flags).every((flag) => flag === undefined)
              ? unwrap(await session.backend.call('import.preview', { file, source: existing.name }))
              : null;
          const readOptions = reused ? (reused.savedOptions?.used ?? {}) : flags;
          for (const line of savedOptionsNotes(existing?.name ?? sourceName, reused?.savedOptions ?? null)) out.note(line);
          if (readOptions.recordsPath === undefined && (options.format ?? path.extname(file).toLowerCase().slice(1)) === 'json') {
            // Records wrapped in an object would be one reject for the whole file: say where they are instead.
            const { recordsPaths } = reused ?? unwrap(await session.backend.call('import.preview', { file, options: readOptions }));
            if (recordsPaths.length > 0) {
              throw new CliError(
                'INVALID_INPUT',
                `The records in this file are inside an object: pass --records-path ${recordsPaths[0]}${recordsPaths.length > 1 ? ` (or ${recordsPaths.slice(1).join(', ')})` : ''}.`,
              );
            }
          }
          const declared = options.purpose !== undefined || options.basis !== undefined || options.country !== undefined;
          // --purpose-map adds to the mapping given, else to the source's saved one or the suggestion.
          const mapping =
            purposeMap === undefined
              ? given
              : await (async () => {
                  const base =
                    (given as Mapping | undefined) ??
                    unwrap(await session.backend.call('import.preview', { file, options: readOptions, ...(existing ? { source: existing.name } : {}) }))
                      .mapping;
                  return { ...base, purposeAliases: { ...base.purposeAliases, ...purposeMap } };
                })();
          const lawfulBasis = options.basis ?? existing?.lawfulBasis ?? firstBasis(purposes) ?? 'contract';
          const declaration = declared
            ? {
                purposes: purposes ?? (existing ? followBasis(existing.purposes, existing.lawfulBasis, lawfulBasis) : ['customer relationship']),
                lawfulBasis,
                defaultCountry: options.country ?? existing?.defaultCountry ?? null,
              }
            : undefined;
          const run = await runJobWithProgress(session, out, 'import.file', {
            file,
            source: sourceName,
            options: readOptions,
            ...(mapping === undefined ? {} : { mapping }),
            ...(declaration ? { declaration } : {}),
          });
          // A source without a mapping got a suggested one (read in the declared country), saved with it:
          // printed so it can be copied, edited and passed with --mapping.
          const suggested =
            mapping === undefined && !existing?.mapping ? (unwrap(await session.backend.call('sources.list')).find(named)?.mapping ?? null) : null;
          out.result({ ...run, suggestedMapping: suggested }, () => [
            ...(suggested
              ? ['Suggested mapping (saved with the source; copy it to a file, edit it and pass it with --mapping):', JSON.stringify(suggested, null, 2), '']
              : []),
            ...describeRun(run),
          ]);
          if (!existing && options.purpose === undefined && options.basis === undefined) {
            // Nobody declared why this data is held: say what was recorded, so it is a choice, not an accident.
            out.note(
              `The new source ${sourceName} was declared with the defaults: purpose "customer relationship", lawful basis "contract". If that is not why you hold this data, import again with --purpose and --basis.`,
            );
          }
        });
      }),
    );

  const profiles = program.command('profiles').description('find people in the vault (administrators, stewards)');
  addCommonOptions(profiles.command('search').description('search names, emails, phones and cities, ignoring accents and case'))
    .argument('<text...>', 'what to look for')
    .option('--limit <n>', 'how many results (1–200)', parseLimit, 20)
    .action(
      action<{ limit: number }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const query = (args[0] as unknown as string[]).join(' ');
          const { hits } = unwrap(await backend.call('profiles.search', { query, limit: options.limit }));
          out.result(hits, () =>
            hits.length === 0 ? ['No one found.'] : table([['ID', 'NAME', 'EMAIL', 'PHONE', 'CITY', 'SOURCES'], ...hits.map(profileRow)]),
          );
        }),
      ),
    );
  addCommonOptions(profiles.command('count').description('how many profiles the vault holds')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const count = unwrap(await backend.call('profiles.count'));
        out.result(count, () => [`${count.profiles} profiles`]);
      }),
    ),
  );

  addCommonOptions(profiles.command('export').description('write which profile each source record belongs to, as CSV: source,source_record_id,profile_id'))
    .requiredOption('--out <file>', 'CSV file to write, outside the vault folder')
    .option('--force', 'replace the file if it exists')
    .action(
      action<{ out: string; force?: boolean }>(({ options, io, out }) => {
        const overwrite = options.force === true;
        // Checked before the vault is even opened, as every file Custodia writes.
        const outFile = checkOutputPath(options.out, { overwrite });
        return withSession(options, io, async ({ backend }) => {
          const exported = unwrap(await backend.call('profiles.export', { outFile, overwrite }));
          out.result(exported, () => [`Wrote ${exported.rows} source records with their profile to ${exported.file}.`]);
        });
      }),
    );

  const rejects = program.command('rejects').description('rows an import could not take');
  addCommonOptions(rejects.command('export').description('write the rejected rows of a run as CSV, for correction'))
    .argument('<run>', 'the run number (see `custodia sources list`)', parseRunId)
    .requiredOption('--out <file>', 'CSV file to write, outside the vault folder')
    .option('--force', 'replace the file if it exists')
    .addOption(new Option('--lang <language>', 'language of the reasons and of the line and reasons columns').choices([...LANGUAGES]).default('en'))
    .action(
      action<{ out: string; force?: boolean; lang: Language }>(({ args, options, io, out }) => {
        const overwrite = options.force === true;
        // Checked before the vault is even opened: a refused path leaves the vault folder byte-identical.
        const outFile = checkOutputPath(options.out, { overwrite });
        return withSession(options, io, async ({ backend }) => {
          const exported = unwrap(
            await backend.call('import.exportRejects', { runId: args[0] as unknown as number, outFile, overwrite, language: options.lang }),
          );
          out.result(exported, () => [`Wrote ${exported.rows} rejected rows to ${exported.file}.`]);
        });
      }),
    );
}

export function describeRun(run: RunSummary): string[] {
  const lines = [
    `Run #${run.id} (${run.sourceName}, ${run.fileName ?? 'sync'}): ${run.status}`,
    `  read ${run.read}, inserted ${run.inserted}, updated ${run.updated}, unchanged ${run.unchanged}, rejected ${run.rejected}, flagged ${run.flagged}, anonymous ${run.anonymous}, held ${run.held}${run.suppressed > 0 ? `, suppressed ${run.suppressed}` : ''}`,
  ];
  if (run.inserted === 0 && run.updated === 0 && run.read > 0) {
    const what = run.fileName === null ? 'this sync' : 'this file';
    // Rows kept out by the suppression list were not "already held".
    if (run.rejected === 0 && run.suppressed > 0)
      lines.push(`  Nothing changed: every row of ${what} was already in the vault or belonged to a person erased from it.`);
    else if (run.rejected === 0) lines.push(`  Nothing changed: the vault already held everything in ${what}.`);
    else if (run.unchanged === 0 && run.anonymous === 0) lines.push(`  No row could be imported: every row of ${what} was rejected.`);
    else lines.push(`  Nothing changed: the vault already held every valid row of ${what}, and the others were rejected.`);
  }
  if (run.flagged > 0) {
    lines.push(
      `  ${run.flagged} records were kept with values that could not be read, kept as sent: \`custodia quality "${run.sourceName}"\` lists them and corrects them.`,
    );
  }
  if (run.held > 0) {
    lines.push(
      `  ${run.held} records are held for a lawful basis: their source relies on consent and none is on file. \`custodia consent held\` lists them; \`custodia consent release\` or \`custodia consent delete-held\` settles them.`,
    );
  }
  if (run.suppressed > 0) {
    lines.push(
      run.suppressed === 1
        ? '  1 row belonged to a person erased from the vault: the suppression list kept it out, and nothing of it was stored.'
        : `  ${run.suppressed} rows belonged to people erased from the vault: the suppression list kept them out, and nothing of them was stored.`,
    );
  }
  if (run.rejected > 0) lines.push(`  Rejected rows are kept: \`custodia rejects export ${run.id} --out rejects.csv\` writes them for correction.`);
  return lines;
}

function profileRow(profile: ProfileSummary): string[] {
  return [String(profile.id), profile.displayName, profile.emails[0] ?? '-', profile.phones[0] ?? '-', profile.city ?? '-', profile.sources.join(', ')];
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new InvalidArgumentError('expected a whole number from 1 to 200.');
  return n;
}
