import { AppError } from '../core/errors';
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from './context';
import type { vaultMethods } from './contract';
import { integrityProblems } from '../store/integrity-problems';
import { isDamageError } from '../store/connection';
import { createBackup, restoreBackup } from './backup';
import { restoreReplay } from './restore-replay';
import { putSetting } from './settings';

export const vaultHandlers: SliceHandlers<typeof vaultMethods, CapabilityContext> = {
  'vault.status': (_input, { vaults }) => vaults.status(),
  'vault.create': ({ adminName, passphrase }, { vaults }) => vaults.create(adminName, passphrase),
  'vault.unlock': ({ userName, passphrase }, { vaults }) => vaults.unlock(userName, passphrase),
  'vault.recover': ({ recoveryCode, userName, newPassphrase }, { vaults }) => vaults.recover(recoveryCode, userName, newPassphrase),
  'vault.lock': async (_input, { lock }) => {
    await lock('user');
    return {};
  },
  'vault.touch': (_input, { vaults }) => {
    vaults.touch();
    return {};
  },
  'vault.changePassphrase': async ({ currentPassphrase, newPassphrase }, { vaults }) => {
    await vaults.changePassphrase(currentPassphrase, newPassphrase);
    return {};
  },
  'vault.setIdleLock': ({ minutes }, { vaults }) => {
    vaults.mutate(
      () => ({ action: 'vault.idle_lock_changed', details: { minutes } }),
      ({ db }) => putSetting(db, 'idle_lock_minutes', String(minutes)),
    );
    return {};
  },
  'vault.backup': ({ outFile, overwrite }, { vaults, now }, job) => createBackup(vaults.current(), outFile, now(), job, { overwrite }),
  'vault.restore': async ({ file, targetDir, userName, passphrase }, { vaults, now }) => {
    const open = vaults.session;
    if (open) {
      if (open.user.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an administrator may restore a backup.');
      const replay = restoreReplay();
      // Erasures made since the backup are made again in the copy: an erased person stays erased.
      const result = await restoreBackup(file, targetDir, { key: open.key, actorId: open.user.id }, open.vaultId, now, (restored, audit, actorId) =>
        replay?.(open.db, restored, audit, actorId, now()),
      );
      open.audit.record({
        action: 'vault.restored',
        actorId: open.user.id,
        objectType: 'vault',
        objectId: open.vaultId,
        details: { backupSha256: result.backupSha256, intoNewFolder: true },
      });
      return result;
    }
    if (!userName || !passphrase) throw new AppError('LOCKED', 'Unlock the vault, or give the backup\u2019s administrator name and passphrase.');
    return restoreBackup(file, targetDir, { userName, passphrase }, null, now);
  },
  'vault.check': (_input, { vaults }) => {
    const vault = vaults.current();
    const problems = [...integrityProblems(vault.raw, 'cipher_integrity_check'), ...integrityProblems(vault.raw, 'quick_check')];
    try {
      vault.audit.record({ action: 'vault.checked', actorId: vault.user.id, details: { ok: problems.length === 0, problems: problems.length } });
    } catch (error) {
      // A damaged vault may refuse the audit write too; the report still reaches the administrator.
      if (!isDamageError(error)) throw error;
    }
    return { ok: problems.length === 0, problems };
  },
  'vault.revealKey': async ({ passphrase }, { vaults }) => {
    await vaults.confirmPassphrase(passphrase);
    const vault = vaults.current();
    vault.audit.record({ action: 'vault.key_revealed', actorId: vault.user.id, objectType: 'vault', objectId: vault.vaultId });
    return { keyHex: vault.key.toString('hex') };
  },
  'preferences.setLanguage': ({ language }, { vaults }) => {
    vaults.setLanguage(language);
    return {};
  },
  'preferences.setRegion': ({ region }, { vaults }) => {
    vaults.setRegion(region);
    return {};
  },
};
