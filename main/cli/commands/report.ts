/**
 * `custodia report processing`: the records of processing (GDPR Art. 30, Law 25's inventory of personal
 * information) as a PDF or a CSV, for an administrator, a steward or an auditor (docs/processing.md).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { LANGUAGES, type Language, type ProcessingFormat } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import { checkOutputPath } from '../../platform/output-file';
import type { ActionFactory } from '../action';
import { usageError } from '../errors';
import { addCommonOptions, withSession } from '../session';
import { sayingWhy } from './partner-options';

type ProcessingOptions = { out: string; format?: ProcessingFormat; language?: Language; overwrite?: boolean };

/** `--format` when given, the file's name otherwise; a name that says another format than `--format` is refused. */
export function formatOf(file: string, given: ProcessingFormat | undefined): ProcessingFormat {
  const extension = path.extname(file).toLowerCase();
  const named = extension === '.pdf' ? 'pdf' : extension === '.csv' ? 'csv' : undefined;
  if (given !== undefined && named !== undefined && given !== named)
    throw usageError(`--out ${file} names a ${named.toUpperCase()} file, not ${given.toUpperCase()}.`);
  const format = given ?? named;
  if (format === undefined) throw usageError(`--out ${file}: end the name in .pdf or .csv, or say --format pdf|csv.`);
  return format;
}

export function registerReportCommands(program: Command, action: ActionFactory): void {
  const report = program.command('report').description('reports generated from the vault (administrators, stewards, auditors)');
  addCommonOptions(
    report.command('processing').description('the records of processing: purposes and bases, data per source, recipients, retention, security measures'),
  )
    .requiredOption('--out <file>', 'the file to write: .pdf or .csv')
    .addOption(new Option('--format <format>', 'pdf or csv (default: from the file’s name)').choices(['pdf', 'csv']))
    .addOption(new Option('--language <language>', 'the report’s language (default: the vault’s)').choices(LANGUAGES))
    .option('--overwrite', 'replace an existing file')
    .action(
      action<ProcessingOptions>(({ options, io, out }) => {
        const format = formatOf(options.out, options.format);
        // Checked before the vault is opened: a refused path costs no passphrase.
        const outFile = checkOutputPath(options.out, { overwrite: options.overwrite === true });
        return withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const written = unwrap(
              await backend.call('processing.export', {
                format,
                outFile,
                overwrite: options.overwrite === true,
                ...(options.language === undefined ? {} : { language: options.language }),
              }),
            );
            out.result(written, () => [
              `Records of processing written to ${written.savedTo ?? outFile}: ${written.items} line item(s) (SHA-256 ${written.sha256}).`,
            ]);
          }),
        );
      }),
    );
}
