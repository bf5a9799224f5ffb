/**
 * Backup: one file holding a consistent copy of the still-encrypted database (SQLite's VACUUM INTO,
 * taken while the app runs) and the keyslots of that moment. Layout:
 *   line 1  "CUSTODIA-BACKUP/1"
 *   line 2  JSON header: vault id, schema version, keyslots, size and SHA-256 of the database bytes
 *   rest    the database bytes
 * Restore writes into a new folder only, checks every byte against the header and opens the result
 * before calling it done.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { JobControl } from '../core/job-control';
import { AppError } from '../core/errors';
import { AuditLog } from '../audit/index';
import { OutputFile, type OutputOptions } from '../platform/output-file';
import { applyConnectionSettings, openEncrypted } from '../store/connection';
import { deriveKek, parseKeyslotJson, readKeyslots, slotLookup, unwrapVaultKey, writeKeyslots, type KeyslotFile } from '../store/keyslots';
import { assertNotTooNew, migrate, schemaVersion } from '../store/migrations';
import { sql, SqlRunner } from '../store/sql';
import { vaultFiles, vaultPresent } from './vault-files';
import type { OpenVault } from './vault-service';

const MAGIC = 'CUSTODIA-BACKUP/1\n';
const MAX_HEADER_BYTES = 1024 * 1024;
const CHUNK = 1024 * 1024;

const BackupHeader = z.object({
  vaultId: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  dbBytes: z.number().int().positive(),
  dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  keyslots: z.unknown(),
});
type BackupHeader = z.infer<typeof BackupHeader>;

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

export async function createBackup(vault: OpenVault, outFile: string, now: Date, job: JobControl, options: OutputOptions = {}): Promise<BackupResult> {
  const out = OutputFile.open(outFile, options);
  const target = out.target;
  // The snapshot sits beside the backup (same disk, same owner-only folder) under a name no one else uses.
  const snapshot = `${out.temporaryPath}.db`;
  try {
    job.progress('snapshot', 0, 3);
    // VACUUM INTO copies a consistent snapshot, encrypted with the same key, without stopping the app.
    vault.raw.prepare('VACUUM INTO ?').run(snapshot);
    job.checkpoint();
    job.progress('hash', 1, 3);
    const dbBytes = fs.statSync(snapshot).size;
    const dbSha256 = await sha256File(snapshot);
    const header: BackupHeader = {
      vaultId: vault.vaultId,
      createdAt: now.toISOString(),
      schemaVersion: schemaVersion(vault.raw),
      dbBytes,
      dbSha256,
      keyslots: readKeyslots(vault.files.keyslots),
    };
    job.progress('write', 2, 3);
    out.write(MAGIC + JSON.stringify(header) + '\n');
    const input = fs.openSync(snapshot, 'r');
    const buffer = Buffer.allocUnsafe(CHUNK);
    try {
      for (let read = fs.readSync(input, buffer); read > 0; read = fs.readSync(input, buffer)) out.write(buffer.subarray(0, read));
    } finally {
      fs.closeSync(input);
    }
    out.commit();
  } catch (error) {
    out.abort();
    throw error;
  } finally {
    fs.rmSync(snapshot, { force: true });
  }
  const bytes = fs.statSync(target).size;
  const sha256 = await sha256File(target);
  vault.audit.record({ action: 'vault.backup_created', actorId: vault.user.id, objectType: 'vault', objectId: vault.vaultId, details: { bytes, sha256 } });
  job.progress('done', 3, 3);
  return { file: target, bytes, sha256 };
}

export type RestoreCredentials = { readonly key: Buffer; readonly actorId: number } | { readonly userName: string; readonly passphrase: string };

export interface RestoreResult {
  readonly vaultDir: string;
  readonly vaultId: string;
  readonly auditEntries: number;
  readonly backupSha256: string;
}

/** Runs in the restored vault after its migrations, before it is closed: the erasure replay (restore-replay.ts). */
export type AfterRestore = (restored: SqlRunner, audit: AuditLog, actorId: number) => void;

export async function restoreBackup(
  file: string,
  targetDir: string,
  credentials: RestoreCredentials,
  expectedVaultId: string | null,
  now: () => Date,
  afterRestore: AfterRestore | null = null,
): Promise<RestoreResult> {
  const { header, dataOffset } = readHeader(file);
  if (expectedVaultId && header.vaultId !== expectedVaultId) {
    throw new AppError('BACKUP_OTHER_VAULT', 'This backup belongs to a different vault.');
  }
  const target = vaultFiles(targetDir);
  if (vaultPresent(target)) {
    const existingId = safeVaultId(target.keyslots);
    if (existingId && existingId !== header.vaultId)
      throw new AppError('BACKUP_OTHER_VAULT', 'The target folder holds a different vault; restore into a new, empty folder.');
    throw new AppError('VAULT_EXISTS', 'The target folder already holds a vault; restore into a new, empty folder.');
  }
  const keyslots = parseKeyslots(header);

  let key: Buffer;
  let actorId: number;
  if ('key' in credentials) {
    key = credentials.key;
    actorId = credentials.actorId;
  } else {
    const slot = keyslots.slots.find((candidate) => candidate.kind === 'user' && candidate.lookup === slotLookup(keyslots.vaultId, credentials.userName));
    const unwrapped = slot ? unwrapVaultKey(keyslots.vaultId, slot, await deriveKek(credentials.passphrase, slot.kdf)) : null;
    if (!slot || !unwrapped) throw new AppError('WRONG_PASSPHRASE', 'Wrong user name or passphrase for this backup.');
    key = unwrapped;
    actorId = slot.userId ?? 0;
  }

  fs.mkdirSync(target.dir, { recursive: true, mode: 0o700 });
  const partial = `${target.db}.partial`;
  const backupSha256 = await copyVerified(file, dataOffset, header, partial);
  let raw;
  try {
    raw = openEncrypted(partial, key, { create: false });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof AppError && error.code === 'VAULT_DAMAGED')
      throw new AppError('BACKUP_OTHER_VAULT', 'This backup cannot be opened with this vault\u2019s key.');
    throw error;
  }
  try {
    const problems = raw.pragma('cipher_integrity_check') as unknown[];
    if (problems.length > 0) throw new AppError('BACKUP_INVALID', 'The backup\u2019s database pages do not verify: the backup is damaged.');
    assertNotTooNew(raw);
    const storedId = raw.prepare(`SELECT value FROM vault_meta WHERE key = 'vault_id'`).pluck().get();
    if (storedId !== header.vaultId) throw new AppError('BACKUP_INVALID', 'The backup\u2019s database and header disagree about which vault it is.');
    const role = raw.prepare(`SELECT role FROM app_user WHERE id = ? AND status = 'active'`).pluck().get(actorId);
    if ('userName' in credentials && role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an administrator of the backed-up vault may restore it.');
  } catch (error) {
    raw.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  raw.close();
  fs.renameSync(partial, target.db);
  writeKeyslots(target.keyslots, keyslots);

  const restored = openEncrypted(target.db, key, { create: false });
  try {
    applyConnectionSettings(restored);
    migrate(restored);
    const db = new SqlRunner(restored);
    const audit = new AuditLog(db, header.vaultId, now);
    audit.record({
      action: 'vault.restored',
      actorId,
      objectType: 'vault',
      objectId: header.vaultId,
      details: { backupSha256, backupCreatedAt: header.createdAt },
    });
    afterRestore?.(db, audit, actorId);
    const auditEntries = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`)?.n ?? 0;
    return { vaultDir: target.dir, vaultId: header.vaultId, auditEntries, backupSha256 };
  } finally {
    restored.close();
  }
}

function readHeader(file: string): { header: BackupHeader; dataOffset: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new AppError('NOT_FOUND', 'The backup file cannot be opened.');
  }
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES + MAGIC.length);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, read);
    if (head.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new AppError('BACKUP_INVALID', 'This file is not a Custodia backup.');
    const end = head.indexOf(0x0a, MAGIC.length);
    if (end < 0) throw new AppError('BACKUP_INVALID', 'The backup header is damaged.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(head.subarray(MAGIC.length, end).toString('utf8'));
    } catch {
      throw new AppError('BACKUP_INVALID', 'The backup header is damaged.');
    }
    const header = BackupHeader.safeParse(parsed);
    if (!header.success) throw new AppError('BACKUP_INVALID', 'The backup header is damaged.');
    return { header: header.data, dataOffset: end + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

function parseKeyslots(header: BackupHeader): KeyslotFile {
  let keyslots: KeyslotFile;
  try {
    keyslots = parseKeyslotJson(header.keyslots);
  } catch (error) {
    throw new AppError('BACKUP_INVALID', `The backup\u2019s keyslots are damaged: ${(error as Error).message}`);
  }
  if (keyslots.vaultId !== header.vaultId) throw new AppError('BACKUP_INVALID', 'The backup\u2019s keyslots belong to another vault.');
  return keyslots;
}

async function copyVerified(file: string, offset: number, header: BackupHeader, destination: string): Promise<string> {
  const whole = crypto.createHash('sha256');
  const data = crypto.createHash('sha256');
  const input = fs.openSync(file, 'r');
  const output = fs.openSync(destination, 'w', 0o600);
  let dataBytes = 0;
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    for (let read = fs.readSync(input, buffer, 0, CHUNK, position); read > 0; read = fs.readSync(input, buffer, 0, CHUNK, position)) {
      const chunk = buffer.subarray(0, read);
      whole.update(chunk);
      const dataStart = Math.max(0, offset - position);
      if (dataStart < read) {
        const part = chunk.subarray(dataStart);
        data.update(part);
        fs.writeSync(output, part);
        dataBytes += part.length;
      }
      position += read;
    }
    fs.fsyncSync(output);
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
  }
  if (dataBytes !== header.dbBytes || data.digest('hex') !== header.dbSha256) {
    fs.rmSync(destination, { force: true });
    throw new AppError('BACKUP_INVALID', 'The backup is damaged: its contents do not match the checksum recorded when it was made.');
  }
  return whole.digest('hex');
}

function safeVaultId(keyslotsFile: string): string | null {
  try {
    return readKeyslots(keyslotsFile).vaultId;
  } catch {
    return null;
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
