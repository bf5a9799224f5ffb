/** `custodia audit …`: verify the hash chain, export it for an auditor, list entries for scripts. */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { AuditEntry, VerifyReport } from '../../api/contract';
import { assertNever } from '../../core/errors';
import { unwrap } from '../../backend/run-job';
import { checkOutputDir } from '../../platform/output-file';
import type { ActionFactory } from '../action';
import { CliError, EXIT_FAILURE } from '../errors';
import { table } from '../output';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';

export function registerAuditCommands(program: Command, action: ActionFactory): void {
  const audit = program.command('audit').description('verify, export and list the audit trail (administrators, auditors)');

  addCommonOptions(audit.command('verify').description('recompute the hash chain; exits 1 if it is broken or the checkpoint does not hold'))
    .option('--checkpoint <file>', 'a checkpoint file from an earlier export, which the trail must extend')
    .action(
      action<{ checkpoint?: string }>(async ({ options, io, out }) => {
        // Read before unlocking: a mistyped path should not cost a passphrase prompt.
        const checkpoint = options.checkpoint === undefined ? undefined : readCheckpoint(options.checkpoint);
        return withSession(options, io, async (session) => {
          const report = await runJobWithProgress(session, out, 'audit.verify', checkpoint === undefined ? {} : { checkpoint });
          out.result(report, () => describeReport(report));
          return holds(report) ? undefined : EXIT_FAILURE;
        });
      }),
    );

  addCommonOptions(audit.command('export').description('write the trail as CSV and JSON, with a checkpoint file to keep'))
    .requiredOption('--out <dir>', 'folder to write the three files into')
    .action(
      action<{ out: string }>(({ options, io, out }) => {
        // Checked before the vault is opened: a refused folder leaves the vault byte-identical.
        const outDir = checkOutputDir(options.out);
        return withSession(options, io, async (session) => {
          const exported = await runJobWithProgress(session, out, 'audit.export', { outDir });
          const { checkpoint } = exported;
          out.result(exported, () => [
            `Exported ${exported.entries} entries:`,
            ...exported.files.map((file) => `  ${file}`),
            `Checkpoint: entry #${checkpoint.seq}, head hash ${checkpoint.headHash}, ${checkpoint.signature ? `signed (key ${checkpoint.signature.fingerprint})` : 'not signed'}`,
            'Keep the checkpoint file outside the vault: `custodia audit verify --checkpoint FILE` proves later that history was not rewritten.',
          ]);
        });
      }),
    );

  addCommonOptions(audit.command('list').description('list audit entries, newest first'))
    .option('--action <action>', 'only entries with this action, e.g. user.added')
    .option('--profile <id>', 'only entries about this person (who opened profile ID)', parseProfileId)
    .option('--actor <name>', 'only entries by this user (what NAME did or looked at)')
    .option('--limit <n>', 'how many entries (1–1000)', parseLimit, 50)
    .action(
      action<{ action?: string; profile?: string; actor?: string; limit: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const actorId = options.actor === undefined ? undefined : userId(unwrap(await backend.call('users.list', {})), options.actor);
          const filter = {
            ...(actorId === undefined ? {} : { actorId }),
            ...(options.action === undefined ? {} : { action: options.action }),
            ...(options.profile === undefined ? {} : { objectType: 'profile', objectId: options.profile }),
          };
          const page = unwrap(await backend.call('audit.list', { filter, limit: options.limit }));
          out.result(page, () => [...table(page.entries.map(entryRow)), `${page.entries.length} of ${page.total} entries`]);
        }),
      ),
    );
}

/** By name, as people know each other; the case does not matter, as at unlock. */
function userId(users: readonly { id: number; name: string }[], name: string): number {
  const wanted = name.trim().toLocaleLowerCase();
  const user = users.find((candidate) => candidate.name.toLocaleLowerCase() === wanted);
  if (!user) throw new CliError('NOT_FOUND', `There is no user named ${name}.`);
  return user.id;
}

function parseProfileId(value: string): string {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a profile number.');
  return value;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000.');
  return n;
}

/** The API validates the shape; here only whether it is readable JSON at all. */
function readCheckpoint(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new CliError('IO_ERROR', `Cannot read the checkpoint file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError('CHECKPOINT_INVALID', `${file} is not a checkpoint file (not JSON).`);
  }
}

function holds(report: VerifyReport): boolean {
  return report.intact && (report.checkpoint === null || report.checkpoint.status === 'extends');
}

function describeReport(report: VerifyReport): string[] {
  const lines = report.intact
    ? [`intact, ${report.entries} entries, head hash ${report.headHash}`]
    : [`Broken at entry #${report.firstBroken?.seq ?? '?'}: ${report.firstBroken?.reason ?? 'unknown'}`];
  const { checkpoint } = report;
  if (checkpoint) {
    const signer = checkpoint.signed
      ? `signed by ${checkpoint.signer ?? 'an unknown signer'}${checkpoint.signerKnown ? '' : ' (key not held by any user of this vault)'}`
      : 'unsigned';
    lines.push(`Checkpoint at entry #${checkpoint.seq} (${signer}): ${checkpoint.status} — ${explainCheckpoint(checkpoint.status)}`);
  }
  return lines;
}

function explainCheckpoint(status: NonNullable<VerifyReport['checkpoint']>['status']): string {
  switch (status) {
    case 'extends':
      return 'the trail still contains it unchanged';
    case 'head-mismatch':
      return 'the entry at that position has changed since: history was rewritten';
    case 'truncated':
      return 'the trail is now shorter than the checkpoint: entries were removed';
    case 'other-vault':
      return 'the checkpoint belongs to a different vault';
    case 'bad-signature':
      return 'its signature does not verify: the file was altered';
    default:
      return assertNever(status);
  }
}

function entryRow(entry: AuditEntry): string[] {
  const object = entry.objectType ? `${entry.objectType}:${entry.objectId ?? ''}` : '';
  return [`#${entry.seq}`, entry.at, entry.actorName ?? '-', entry.action, object];
}
