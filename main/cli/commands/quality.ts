/**
 * `custodia quality SOURCE`: what a source's imports kept raw because it could not be read, counted by
 * field, reason and column (`--list` adds the values with the person they belong to), and the bulk
 * corrections of the data quality view: `--fix-phones PL`, `--fix-postal FR`, `--fix-dates 'DD/MM/YYYY HH:MM'`
 * (each narrowed with `--column`). A correction prints its preview first and is applied with `--yes` or a
 * "yes" typed at the terminal.
 */
import { Option, type Command } from 'commander';
import { DATE_FORMATS } from '../../ingest/normalize/date';
import type { Correction, CorrectionPlan, QualitySummary } from '../../api/contract';
import type { Backend } from '../../backend/backend';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { confirmInTerminal } from '../confirm';
import { parseCountry } from '../country-option';
import { CliError, usageError } from '../errors';
import { table } from '../output';
import { parseRunId } from '../run-id-option';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';

interface QualityOptions {
  run?: number;
  list?: boolean;
  limit?: string;
  fixPhones?: string;
  fixPostal?: string;
  fixDates?: (typeof DATE_FORMATS)[number];
  column?: string;
  yes?: boolean;
}

async function sourceId(backend: Backend, name: string): Promise<number> {
  const source = unwrap(await backend.call('sources.list')).find((candidate) => candidate.name.toLowerCase() === name.trim().toLowerCase());
  if (!source) throw new CliError('NOT_FOUND', `There is no source named ${name}.`);
  return source.id;
}

function correctionOf(options: QualityOptions): Correction | null {
  const column = options.column === undefined ? {} : { column: options.column };
  const chosen = [options.fixPhones, options.fixPostal, options.fixDates].filter((value) => value !== undefined);
  if (chosen.length > 1) throw usageError('one correction at a time: --fix-phones, --fix-postal or --fix-dates');
  if (options.fixPhones !== undefined) return { kind: 'phoneCountry', country: options.fixPhones, ...column };
  if (options.fixPostal !== undefined) return { kind: 'postalCountry', country: options.fixPostal, ...column };
  if (options.fixDates !== undefined) return { kind: 'dateFormat', format: options.fixDates, ...column };
  if (options.column !== undefined) throw usageError('--column narrows a correction: give --fix-phones, --fix-postal or --fix-dates with it');
  return null;
}

function describeSummary(summary: QualitySummary): string[] {
  if (summary.counts.length === 0) return [`${summary.sourceName}: no flagged values in its ${summary.records} records.`];
  return [
    `${summary.sourceName}: ${summary.flaggedRecords} of ${summary.records} records have values kept as sent because they could not be read.`,
    ...table([['FIELD', 'REASON', 'COLUMN', 'RECORDS'], ...summary.counts.map((count) => [count.field, count.code, count.column, String(count.records)])]),
  ];
}

function describePlan(plan: Omit<CorrectionPlan, 'token'>): string {
  return `${plan.matched} flagged values looked at: ${plan.fixed} now read (in ${plan.records} records), ${plan.stillFlagged} still flagged.`;
}

export function registerQualityCommand(program: Command, action: ActionFactory): void {
  addCommonOptions(
    program
      .command('quality')
      .description('values a source’s imports kept as sent because they could not be read, and their bulk corrections (administrators, stewards)'),
  )
    .argument('<source>', 'the source')
    .option('--run <run>', 'only what this import run flagged', parseRunId)
    .option('--list', 'also list the flagged values with the person each belongs to')
    .option('--limit <n>', 'how many values --list prints (default 50, at most 500)')
    .option('--fix-phones <country>', 'read the flagged phone numbers again as this country’s, e.g. PL', parseCountry)
    .option('--fix-postal <country>', 'read the flagged postal codes again as this country’s, e.g. FR', parseCountry)
    .addOption(new Option('--fix-dates <format>', 'read the flagged dates again in this format').choices(DATE_FORMATS))
    .option('--column <column>', 'narrow a correction to one column (list positions as [], e.g. orders[].placed_at)')
    .option('--yes', 'apply a correction without asking (scripts); otherwise the preview is shown and a terminal asks')
    .action(
      action<QualityOptions>(({ args, options, io, out }) =>
        withSession(options, io, async (session) => {
          const { backend } = session;
          const id = await sourceId(backend, args[0]!);
          const correction = correctionOf(options);
          if (correction === null) {
            const summary = unwrap(await backend.call('quality.summary', { sourceId: id, runId: options.run }));
            const limit = Math.min(500, Math.max(1, Number(options.limit ?? 50) || 50));
            const listed = options.list ? unwrap(await backend.call('quality.flags', { sourceId: id, runId: options.run, limit })) : null;
            out.result(listed === null ? summary : { ...summary, flags: listed }, () => [
              ...describeSummary(summary),
              ...(listed === null
                ? []
                : [
                    '',
                    ...table([
                      ['PERSON', 'PROFILE', 'COLUMN', 'VALUE', 'REASON'],
                      ...listed.rows.map((row) => [row.displayName, String(row.profileId ?? '-'), row.column, row.raw, row.reason]),
                    ]),
                    ...(listed.total > listed.rows.length ? [`(${listed.rows.length} of ${listed.total}; --limit shows more)`] : []),
                  ]),
            ]);
            return;
          }
          const plan = unwrap(await backend.call('quality.previewCorrection', { sourceId: id, correction }));
          out.note(describePlan(plan));
          if (plan.fixed === 0) {
            out.result({ ...plan, applied: false }, () => ['Nothing to correct: no flagged value reads that way.']);
            return;
          }
          if (options.yes !== true) {
            if (out.json) throw usageError('nothing was corrected: pass --yes to confirm (--json never asks)');
            if (!(await confirmInTerminal(io, 'Store the values that now read? Type yes to confirm: ', '--yes')))
              throw new CliError('CANCELLED', 'Nothing was corrected.');
          }
          const done = await runJobWithProgress(session, out, 'quality.correct', { sourceId: id, correction, token: plan.token });
          out.result({ ...done, applied: true }, () => [`Corrected: ${describePlan(done)}`]);
        }),
      ),
    );
}
