/** The vault slice of the contract. The vault: create, unlock, recover, lock, passphrases, idle lock, backup and restore, checks, the interface language and region. */
import { z } from 'zod';
import {
  Empty,
  FilePath,
  IsoTime,
  Language,
  Overwrite,
  Passphrase,
  Region,
  Role,
  UserName,
  jobMethod,
  method,
  publicAccess,
  roles,
  sessionAccess,
} from '../core/contract-kit';

export const SessionUser = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  canSign: z.boolean(),
  /** Unlocked with a one-time passphrase: nothing but changing it is allowed until it is changed. */
  mustChangePassphrase: z.boolean().default(false),
});
export type SessionUser = z.infer<typeof SessionUser>;
export const VaultStatus = z.object({
  state: z.enum(['no-vault', 'locked', 'unlocked']),
  vaultDir: z.string(),
  vaultId: z.string().nullable(),
  user: SessionUser.nullable(),
  idleLockMinutes: z.number().int().nullable(),
  language: Language.nullable(),
  /** Null until chosen: the interface then writes the Canadian (Quebec) way, the product's home. */
  region: Region.nullable(),
  suggestedExportDir: z.string(),
  retryAfterSeconds: z.number().int().nullable(),
  /** Set once the background page check found damage: writing is stopped, restore from a backup. */
  damage: z.object({ problems: z.number().int(), foundAt: IsoTime, lastBackupAt: IsoTime.nullable() }).nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultMethods = {
  'vault.status': method({ input: Empty, output: VaultStatus, access: publicAccess, audit: 'read-only' }),
  'vault.create': method({
    input: z.object({ adminName: UserName, passphrase: Passphrase }),
    output: z.object({ recoveryCode: z.string(), user: SessionUser }),
    access: publicAccess,
    audit: ['vault.created'],
  }),
  'vault.unlock': method({
    input: z.object({ userName: z.string().min(1).max(64), passphrase: z.string().min(1).max(1024) }),
    output: SessionUser,
    access: publicAccess,
    audit: ['vault.unlocked', 'vault.unlock_failed', 'import.interrupted'],
  }),
  'vault.recover': method({
    input: z.object({ recoveryCode: z.string().min(1).max(200), userName: z.string().min(1).max(64), newPassphrase: Passphrase }),
    output: z.object({ user: SessionUser, recoveryCode: z.string() }),
    access: publicAccess,
    audit: ['vault.recovered', 'vault.unlock_failed', 'import.interrupted'],
  }),
  'vault.lock': method({ input: Empty, output: Empty, access: sessionAccess, audit: ['vault.locked'] }),
  'vault.touch': method({ input: Empty, output: Empty, access: sessionAccess, audit: 'unaudited: marks activity for the idle lock, changes no data' }),
  'vault.changePassphrase': method({
    input: z.object({ currentPassphrase: z.string().min(1).max(1024), newPassphrase: Passphrase }),
    output: Empty,
    access: sessionAccess,
    audit: ['vault.passphrase_changed'],
  }),
  'vault.setIdleLock': method({
    input: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
    output: Empty,
    access: roles('administrator'),
    audit: ['vault.idle_lock_changed'],
  }),
  'vault.backup': jobMethod({
    input: z.object({ outFile: FilePath, overwrite: Overwrite }),
    output: z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() }),
    access: roles('administrator'),
    audit: ['vault.backup_created'],
  }),
  /**
   * Restores into a new folder. With the vault unlocked, an administrator restores a backup of this same
   * vault; with it locked (the CLI), the backup's own administrator credentials are required.
   */
  'vault.restore': method({
    input: z.object({
      file: FilePath,
      targetDir: FilePath,
      userName: z.string().min(1).max(64).optional(),
      passphrase: z.string().min(1).max(1024).optional(),
    }),
    output: z.object({ vaultDir: z.string(), vaultId: z.string(), auditEntries: z.number().int(), backupSha256: z.string() }),
    access: publicAccess,
    audit: ['vault.restored'],
  }),
  'vault.check': method({
    input: Empty,
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
    access: roles('administrator', 'auditor'),
    audit: ['vault.checked'],
  }),
  /** The raw database key, for opening vault.db with another SQLCipher 4 tool; asks for the passphrase again. */
  'vault.revealKey': method({
    input: z.object({ passphrase: z.string().min(1).max(1024) }),
    output: z.object({ keyHex: z.string().regex(/^[0-9a-f]{64}$/) }),
    access: roles('administrator'),
    audit: ['vault.key_revealed'],
  }),
  'preferences.setLanguage': method({
    input: z.object({ language: Language }),
    output: Empty,
    access: publicAccess,
    audit: 'unaudited: the interface language, kept outside the encrypted vault',
  }),
  'preferences.setRegion': method({
    input: z.object({ region: Region }),
    output: Empty,
    access: publicAccess,
    audit: 'unaudited: the formatting region, kept outside the encrypted vault',
  }),
} as const;
