/**
 * `custodia register list|export`: every extract that left the vault, for auditors (docs/partners.md). One
 * entry per extract: time, user or schedule, agreement, partner, purposes, people, fields, file and SHA-256.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { RegisterFilter } from '../../api/contract';
import type { Backend } from '../../backend/backend';
import { unwrap } from '../../backend/run-job';
import { checkOutputPath } from '../../platform/output-file';
import type { ActionFactory } from '../action';
import { usageError } from '../errors';
import { table } from '../output';
import { addCommonOptions, withSession } from '../session';
import { parseCount, parseDay, parseId, partnerNamed, sayingWhy } from './partner-options';

type FilterOptions = { from?: string; to?: string; partner?: string; agreement?: number; person?: number };

function addFilterOptions(command: Command): Command {
  return command
    .option('--from <date>', 'extracts on or after this day (YYYY-MM-DD, the vault’s time zone)', parseDay)
    .option('--to <date>', 'extracts on or before this day', parseDay)
    .option('--partner <name>', 'extracts for this partner')
    .option('--agreement <id>', 'extracts under this agreement', parseId('an agreement'))
    .option('--person <profile>', 'extracts that included this person', parseId('a profile'));
}

async function filterOf(backend: Backend, options: FilterOptions): Promise<RegisterFilter> {
  return {
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.partner === undefined ? {} : { partnerId: (await partnerNamed(backend, options.partner)).id }),
    ...(options.agreement === undefined ? {} : { agreementId: options.agreement }),
    ...(options.person === undefined ? {} : { profileId: options.person }),
  };
}

function formatOf(file: string): 'csv' | 'pdf' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.pdf') return 'pdf';
  throw usageError(`--out ${file}: the name must end in .csv or .pdf, which says the format.`);
}

export function registerRegisterCommands(program: Command, action: ActionFactory): void {
  const register = program.command('register').description('the register of every extract sent to a partner (administrators, stewards, auditors)');
  addFilterOptions(addCommonOptions(register.command('list').description('register entries, newest first')))
    .option('--limit <n>', 'at most this many entries (1–1000, default 100)', parseCount(1000))
    .action(
      action<FilterOptions & { limit?: number }>(({ options, io, out }) => {
        if (options.limit === 0) throw usageError('--limit must be at least 1.');
        return withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const filter = await filterOf(backend, options);
            const list = unwrap(await backend.call('register.list', { ...filter, ...(options.limit === undefined ? {} : { limit: options.limit }) }));
            out.result(list, () => [
              `${list.total} extract(s), ${list.people} person(s) disclosed${list.entries.length < list.total ? `; the ${list.entries.length} newest:` : ''}`,
              ...table(
                list.entries.map((entry) => [
                  String(entry.id),
                  entry.at,
                  entry.user ?? `schedule ${entry.scheduleId ?? '?'}`,
                  entry.partnerName,
                  `agreement ${entry.agreementId}`,
                  entry.purposes.join(','),
                  `${entry.people} person(s)`,
                  entry.fields.join(','),
                  entry.fileName,
                  entry.sha256,
                ]),
              ),
            ]);
          }),
        );
      }),
    );
  addFilterOptions(addCommonOptions(register.command('export').description('write the register as CSV or PDF, for an auditor')))
    .requiredOption('--out <file>', 'the file to write: .csv or .pdf')
    .option('--overwrite', 'replace an existing file')
    .action(
      action<FilterOptions & { out: string; overwrite?: boolean }>(({ options, io, out }) => {
        const format = formatOf(options.out);
        // Checked before the vault is opened: a refused path costs no passphrase.
        const outFile = checkOutputPath(options.out, { overwrite: options.overwrite === true });
        return withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const filter = await filterOf(backend, options);
            const written = unwrap(await backend.call('register.export', { ...filter, format, outFile, overwrite: options.overwrite === true }));
            out.result(written, () => [`Register written to ${written.savedTo ?? outFile}: ${written.entries} extract(s) (SHA-256 ${written.sha256}).`]);
          }),
        );
      }),
    );
}
