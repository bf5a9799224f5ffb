/** `custodia users …`: add, list and disable the people who may unlock the vault. */
import { Option, type Command } from 'commander';
import { ROLES, type Role, type User } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { CliError } from '../errors';
import { table } from '../output';
import { assertPassphraseSource, NEW_PASSPHRASE_VAR, readNewPassphrase } from '../passphrase';
import { addCommonOptions, withSession } from '../session';

export function registerUserCommands(program: Command, action: ActionFactory): void {
  const users = program.command('users').description('manage who may unlock the vault');

  addCommonOptions(users.command('add').description('add a user (administrators)'))
    .argument('<name>', 'the new user’s name')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .action(
      action<{ role: Role }>(async ({ args, options, io, out }) => {
        const name = args[0]!;
        // Before the admin unlocks, so a script missing the variable fails without touching the vault.
        assertPassphraseSource(io, NEW_PASSPHRASE_VAR);
        await withSession(options, io, async ({ backend }) => {
          const passphrase = await readNewPassphrase(io, NEW_PASSPHRASE_VAR, `New passphrase for ${name}: `);
          const added = unwrap(await backend.call('users.add', { name, role: options.role, passphrase }));
          out.result(added, () => [`Added ${added.name} (${added.role}).`]);
        });
      }),
    );

  addCommonOptions(users.command('list').description('list users (administrators, auditors)')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('users.list'));
        out.result(list, () => table([['NAME', 'ROLE', 'STATUS', 'CREATED', 'SIGNING KEY'], ...list.map(userRow)]));
      }),
    ),
  );

  addCommonOptions(users.command('disable').description('disable a user; their passphrase stops working (administrators)'))
    .argument('<name>', 'the user to disable')
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const target = findUser(unwrap(await backend.call('users.list')), args[0]!);
          const disabled = unwrap(await backend.call('users.disable', { userId: target.id }));
          out.result(disabled, () => [`Disabled ${disabled.name}.`]);
        }),
      ),
    );
}

function userRow(user: User): string[] {
  return [user.name, user.role, user.status, user.createdAt.slice(0, 10), user.signingKeyFingerprint ?? '-'];
}

/** users.disable takes an id; people type names, matched the way unlock matches them (case-insensitive). */
function findUser(users: readonly User[], name: string): User {
  const fold = (value: string): string => value.normalize('NFC').trim().toLocaleLowerCase('und');
  const found = users.find((user) => fold(user.name) === fold(name));
  if (!found) throw new CliError('NOT_FOUND', `There is no user named ${name}.`);
  return found;
}
