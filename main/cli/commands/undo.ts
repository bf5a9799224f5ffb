/**
 * `custodia import undo RUN`: takes back what one import added, as the history's "Remove what this import
 * added…" does. The plan is printed first (what goes, what stays); nothing is removed before `--yes` or a
 * "yes" typed at the terminal. The removal runs as the app's job, in batches, with a progress bar; Ctrl+C
 * stops it between batches, and running the command again removes the rest.
 */
import type { Command } from 'commander';
import type { UndoCounts } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { confirmInTerminal } from '../confirm';
import { CliError, usageError } from '../errors';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { parseRunId } from '../run-id-option';

export function registerUndoCommand(importCommand: Command, action: ActionFactory): void {
  addCommonOptions(importCommand.command('undo').description('remove what an import added: the records no later run wrote to, and its rejected rows'))
    .argument('<run>', 'the run number (see `custodia sources list` or the import history)', parseRunId)
    .option('--yes', 'remove without asking (scripts); otherwise the plan is shown and a terminal asks')
    .action(
      action<{ yes?: boolean }>(({ args, options, io, out }) =>
        withSession(options, io, async (session) => {
          const runId = args[0] as unknown as number;
          const plan = unwrap(await session.backend.call('import.undoPlan', { runId }));
          // The plan goes to stderr with the other notes, so stdout carries only the result.
          for (const line of describePlan(runId, plan)) out.note(line);
          if (options.yes !== true) {
            // --json is for scripts: they confirm with the flag, never at a prompt.
            if (out.json) throw usageError('nothing was removed: pass --yes to confirm (--json never asks)');
            if (!(await confirmInTerminal(io, 'Remove them? Type yes to confirm: ', '--yes'))) throw new CliError('CANCELLED', 'Nothing was removed.');
          }
          const counts = await runJobWithProgress(session, out, 'import.undo', { runId });
          out.result(counts, () => [
            `Run #${runId}: removed ${counts.removed} records and ${counts.rejectsRemoved} rejected rows; kept ${counts.keptChanged} changed and ${counts.keptLater} written to later.`,
          ]);
        }),
      ),
    );
}

function describePlan(runId: number, plan: UndoCounts): string[] {
  return [
    `Undoing run #${runId} removes ${plan.removed} records it added (with their identifiers, events, consents and profiles) and its ${plan.rejectsRemoved} rejected rows.`,
    ...(plan.keptChanged > 0
      ? [`  ${plan.keptChanged} records from before the run that it changed stay as they are now: their earlier values were not kept.`]
      : []),
    ...(plan.keptLater > 0 ? [`  ${plan.keptLater} records it added that a later run wrote to stay.`] : []),
    '  This cannot be reversed.',
  ];
}
