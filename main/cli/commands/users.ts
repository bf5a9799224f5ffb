/** `custodia users …`: add, list, disable, change the role and reset the passphrase of the people who may unlock the vault. */
import { Argument, Option, type Command } from 'commander';
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
        out.result(list, () => table([['NAME', 'ROLE', 'STATUS', 'CREATED', 'LAST UNLOCK', 'SIGNING KEY'], ...list.map(userRow)]));
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

  addCommonOptions(users.command('role').description('change a user’s role (administrators; never the last administrator’s)'))
    .argument('<name>', 'the user')
    .addArgument(new Argument('<role>', 'the new role').choices(ROLES))
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const target = findUser(unwrap(await backend.call('users.list')), args[0]!);
          const changed = unwrap(await backend.call('users.changeRole', { userId: target.id, role: args[1] as Role }));
          out.result(changed, () => [`${changed.name} is now ${changed.role}.`]);
        }),
      ),
    );

  addCommonOptions(
    users.command('reset-passphrase').description('replace a forgotten passphrase with a one-time one, to be changed at the next unlock (administrators)'),
  )
    .argument('<name>', 'the user')
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const target = findUser(unwrap(await backend.call('users.list')), args[0]!);
          const reset = unwrap(await backend.call('users.resetPassphrase', { userId: target.id }));
          out.result(reset, () => [
            `One-time passphrase for ${reset.user.name} (shown this once; ${reset.user.name} must replace it at the next unlock):`,
            `    ${reset.oneTimePassphrase}`,
            'Give it in person or by telephone, not by email.',
          ]);
        }),
      ),
    );
}

function userRow(user: User): string[] {
  return [
    user.name,
    user.role,
    user.status,
    user.createdAt.slice(0, 10),
    user.lastUnlockAt?.slice(0, 16).replace('T', ' ') ?? 'never',
    user.signingKeyFingerprint ?? '-',
  ];
}

/** users.disable takes an id; people type names, matched the way unlock matches them (case-insensitive). */
function findUser(users: readonly User[], name: string): User {
  const fold = (value: string): string => value.normalize('NFC').trim().toLocaleLowerCase('und');
  const found = users.find((user) => fold(user.name) === fold(name));
  if (!found) throw new CliError('NOT_FOUND', `There is no user named ${name}.`);
  return found;
}
