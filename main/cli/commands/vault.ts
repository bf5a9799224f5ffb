/** `custodia vault …`: create, check the credentials, back up, restore and check the vault. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Backend } from '../../backend/backend';
import { unwrap } from '../../backend/run-job';
import { checkOutputPath } from '../../platform/output-file';
import type { ActionFactory } from '../action';
import { CliError, EXIT_FAILURE } from '../errors';
import { assertPassphraseSource, NEW_PASSPHRASE_VAR, PASSPHRASE_VAR, readNewPassphrase, readPassphrase } from '../passphrase';
import { addCommonOptions, runJobWithProgress, userNameOf, vaultDirOf, withSession } from '../session';

export function registerVaultCommands(program: Command, action: ActionFactory): void {
  const vault = program.command('vault').description('create, check, back up and restore the vault');

  addCommonOptions(vault.command('init').description('create a new vault, with --user as its first administrator')).action(
    action(async ({ options, io, out }) => {
      const adminName = userNameOf(options, io);
      const vaultDir = vaultDirOf(options, io);
      const backend = new Backend({ vaultDir });
      try {
        // Checked first so nobody chooses a passphrase twice for a folder that cannot be used.
        if (unwrap(await backend.call('vault.status')).state !== 'no-vault') throw new CliError('VAULT_EXISTS', `A vault already exists in ${vaultDir}.`);
        const passphrase = await readNewPassphrase(io, PASSPHRASE_VAR, `New passphrase for ${adminName}: `);
        const created = unwrap(await backend.call('vault.create', { adminName, passphrase }));
        out.result({ recoveryCode: created.recoveryCode, user: created.user }, () => [
          `Vault created in ${vaultDir}; ${created.user.name} is its administrator.`,
          '',
          'Recovery code — shown this once and never again:',
          '',
          `    ${created.recoveryCode}`,
          '',
          'Write it down and keep it away from this computer. It is the only way back in if every',
          'administrator passphrase is lost; without it, the data cannot be recovered by anyone.',
        ]);
      } finally {
        await backend.close();
      }
    }),
  );

  addCommonOptions(vault.command('unlock-check').description('check that --user can unlock the vault')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ user }) => {
        out.result({ ok: true, user: user.name, role: user.role }, () => [`ok: ${user.name} (${user.role})`]);
      }),
    ),
  );

  addCommonOptions(
    vault.command('key').description('print the raw database key, to open vault.db with another SQLCipher 4 tool (administrators; audited)'),
  ).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend, passphrase }) => {
        const { keyHex } = unwrap(await backend.call('vault.revealKey', { passphrase }));
        out.result({ keyHex }, () => [
          keyHex,
          '',
          `Open vault.db with: PRAGMA cipher_compatibility = 4; PRAGMA key = "x'${keyHex}'";`,
          'Anyone with this key can read the vault: do not store it beside the vault.',
        ]);
      }),
    ),
  );

  addCommonOptions(vault.command('passphrase').description('change your own passphrase (a one-time one an administrator issued must be changed first)')).action(
    action(async ({ options, io, out }) => {
      assertPassphraseSource(io, NEW_PASSPHRASE_VAR);
      await withSession(options, io, async ({ backend, passphrase }) => {
        const next = await readNewPassphrase(io, NEW_PASSPHRASE_VAR, 'New passphrase: ');
        unwrap(await backend.call('vault.changePassphrase', { currentPassphrase: passphrase, newPassphrase: next }));
        out.result({}, () => ['Your passphrase has been changed.']);
      });
    }),
  );

  addCommonOptions(vault.command('backup').description('write an encrypted backup of the vault (administrators)'))
    .requiredOption('--out <file>', 'backup file to write, outside the vault folder')
    .option('--force', 'replace the file if it exists')
    .action(
      action<{ out: string; force?: boolean }>(({ options, io, out }) => {
        const overwrite = options.force === true;
        // Checked before the vault is opened: a refused path leaves the vault folder byte-identical.
        const outFile = checkOutputPath(options.out, { overwrite });
        return withSession(options, io, async (session) => {
          const backup = await runJobWithProgress(session, out, 'vault.backup', { outFile, overwrite });
          out.result(backup, () => [`Backup written to ${backup.file}`, `${backup.bytes} bytes, SHA-256 ${backup.sha256}`]);
        });
      }),
    );

  addCommonOptions(vault.command('restore').description('restore a backup into a new, empty vault folder (--vault)'))
    .argument('<file>', 'backup file')
    .action(
      action(async ({ args, options, io, out }) => {
        const userName = userNameOf(options, io);
        const targetDir = vaultDirOf(options, io);
        const file = path.resolve(args[0]!);
        if (!fs.existsSync(file)) throw new CliError('NOT_FOUND', `There is no file ${file}.`);
        // The backup's own administrator credentials open it: no vault is unlocked here.
        const passphrase = await readPassphrase(io, PASSPHRASE_VAR, `Passphrase of ${userName} in the backup: `);
        const backend = new Backend({ vaultDir: targetDir });
        try {
          const restored = unwrap(await backend.call('vault.restore', { file, targetDir, userName, passphrase }));
          out.result(restored, () => [`Restored into ${restored.vaultDir}`, `${restored.auditEntries} audit entries, backup SHA-256 ${restored.backupSha256}`]);
        } finally {
          await backend.close();
        }
      }),
    );

  addCommonOptions(vault.command('check').description('check the vault file’s integrity (administrators, auditors)')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const report = unwrap(await backend.call('vault.check'));
        out.result(report, () =>
          report.ok ? ['ok: the vault file is intact'] : ['The vault file has problems:', ...report.problems.map((problem) => `  ${problem}`)],
        );
        return report.ok ? undefined : EXIT_FAILURE;
      }),
    ),
  );
}
