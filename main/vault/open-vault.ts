import type Database from 'better-sqlite3-multiple-ciphers';
import type crypto from 'node:crypto';
import type { AuditLog } from '../audit/index';
import type { SqlRunner } from '../store/sql';
import type { SessionUser } from './contract';
import type { VaultFiles } from './vault-files';

/** The unlocked vault of one session: its connection, key, audit log and user. */
export interface OpenVault {
  readonly files: VaultFiles;
  readonly vaultId: string;
  readonly key: Buffer;
  readonly raw: Database.Database;
  readonly db: SqlRunner;
  readonly audit: AuditLog;
  readonly user: SessionUser;
  readonly slotId: string;
  signingKey: crypto.KeyObject | null;
}
