/**
 * `custodia suppression list`: the list that keeps erased people from coming back with an import or a sync.
 * Counts per erasure only: the digests say nothing readable, and are never printed.
 */
import type { Command } from 'commander';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { table } from '../output';
import { addCommonOptions, withSession } from '../session';

export function registerSuppressionCommands(program: Command, action: ActionFactory): void {
  const suppression = program.command('suppression').description('the suppression list: what keeps erased people from coming back');
  addCommonOptions(suppression.command('list').description('entries of the suppression list per erasure, counted by kind')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('suppression.list', {}));
        out.result(list, () =>
          list.erasures.length === 0
            ? ['No one has been erased: the suppression list is empty.']
            : [
                ...table([
                  ['ERASURE', 'ERASED AT', 'RECORD KEYS', 'NAME+EMAIL', 'NAME+PHONE', 'ENTRIES'],
                  ...list.erasures.map((entry) => [
                    String(entry.erasureId),
                    entry.erasedAt,
                    String(entry.record),
                    String(entry.nameEmail),
                    String(entry.namePhone),
                    String(entry.total),
                  ]),
                ]),
                `${list.total} entries in all.`,
              ],
        );
      }),
    ),
  );
}
