/**
 * The vault's life cycle: create, unlock, recover, lock, change passphrase. It owns the single open
 * connection and the session of the one user who unlocked it (a desktop app has one user at a time).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Language, Region, Role } from '../core/contract-kit';
import type { SessionUser, VaultStatus } from './contract';
import { AppError } from '../core/errors';
import type { AuditRecord } from '../audit/index';
import { AuditLog } from '../audit/index';
import { suggestedExportDir } from '../platform/app-paths';
import { readPreferences, updatePreferences } from '../platform/preferences';
import { applyConnectionSettings, openEncrypted } from '../store/connection';
import {
  assertNoDowngrade,
  createSlot,
  deriveKek,
  foldUserName,
  KEYSLOT_FORMAT,
  newKdf,
  newRecoveryCode,
  normalizeRecoveryCode,
  openSigningKey,
  readKeyslots,
  sealSigningKey,
  slotLookup,
  unwrapVaultKey,
  writeKeyslots,
  type KeyslotFile,
  type Slot,
} from '../store/keyslots';
import { assertNotTooNew, migrate, schemaVersion } from '../store/migrations';
import { sql, SqlRunner } from '../store/sql';
import { idleLockMinutes } from './settings';
import { UnlockAttempts } from './unlock-attempts';
import type { OpenVault } from './open-vault';
import { PageGuard, type Damage } from './page-guard';
import { clearStaging, vaultFiles, vaultPresent, type VaultFiles } from './vault-files';

export type { OpenVault };

interface UserRow {
  id: number;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  signing_public_key: string | null;
  must_change_passphrase: 0 | 1;
}

export type LockReason = 'user' | 'idle' | 'shutdown';

/** What other capabilities do when a session opens, without the vault knowing them (runs a crash left open…). */
export interface VaultHooks {
  readonly onOpen?: (vault: OpenVault) => void;
  readonly onDamage?: (damage: Damage) => void;
}

export class VaultService {
  readonly files: VaultFiles;
  private opened: OpenVault | null = null;
  private lastActivity = 0;
  private readonly attempts: UnlockAttempts;

  /** The background page check of the open vault (see page-guard.ts). */
  readonly pages: PageGuard;

  constructor(
    dir: string,
    readonly now: () => Date = () => new Date(),
    private readonly hooks: VaultHooks = {},
  ) {
    this.files = vaultFiles(dir);
    this.attempts = new UnlockAttempts(this.files.attempts, now);
    this.pages = new PageGuard(now, (damage) => hooks.onDamage?.(damage));
  }

  get session(): OpenVault | null {
    return this.opened;
  }

  /** The open vault, or LOCKED. */
  current(): OpenVault {
    if (!this.opened) throw new AppError('LOCKED', 'The vault is locked.');
    return this.opened;
  }

  role(): Role | null {
    return this.opened?.user.role ?? null;
  }

  /** Runs a mutation and its audit entry in one transaction. */
  mutate<T>(record: (result: T) => Omit<AuditRecord, 'actorId'>, work: (vault: OpenVault) => T): T {
    const vault = this.current();
    this.pages.assertWritable();
    return vault.db.transaction(() => {
      const result = work(vault);
      vault.audit.append({ ...record(result), actorId: vault.user.id });
      return result;
    });
  }

  status(): VaultStatus {
    const open = this.opened;
    return {
      state: open ? 'unlocked' : vaultPresent(this.files) ? 'locked' : 'no-vault',
      vaultDir: this.files.dir,
      vaultId: open?.vaultId ?? null,
      user: open?.user ?? null,
      idleLockMinutes: open ? idleLockMinutes(open.db) : null,
      language: this.language(),
      region: readPreferences(this.files.preferences).region,
      suggestedExportDir: suggestedExportDir(),
      retryAfterSeconds: open ? null : this.attempts.retryAfterSeconds() || null,
      damage: open ? this.pages.current : null,
    };
  }

  language(): Language | null {
    return readPreferences(this.files.preferences).language;
  }

  setLanguage(language: Language): void {
    updatePreferences(this.files.preferences, { language });
  }

  setRegion(region: Region): void {
    updatePreferences(this.files.preferences, { region });
  }

  touch(): void {
    this.lastActivity = this.now().getTime();
  }

  /** True when the session has been idle longer than the vault's setting (then the caller locks). */
  idleExpired(): boolean {
    if (!this.opened) return false;
    return this.now().getTime() - this.lastActivity > idleLockMinutes(this.opened.db) * 60_000;
  }

  async create(adminName: string, passphrase: string): Promise<{ recoveryCode: string; user: SessionUser }> {
    if (vaultPresent(this.files)) throw new AppError('VAULT_EXISTS', 'A vault already exists in this folder.');
    this.lock('user');
    fs.mkdirSync(this.files.dir, { recursive: true, mode: 0o700 });
    // mkdir's mode applies only to a folder it creates: an existing one chosen for the vault is tightened too.
    fs.chmodSync(this.files.dir, 0o700);
    const vaultId = crypto.randomUUID();
    const key = crypto.randomBytes(32);
    const recoveryCode = newRecoveryCode();
    const adminId = 1;
    const [adminSlot, recoverySlot] = await Promise.all([
      createSlot(vaultId, key, passphrase, { kind: 'user', userId: adminId, userName: adminName }),
      createSlot(vaultId, key, recoveryCode, { kind: 'recovery', userId: null, userName: null }),
    ]);

    const raw = openEncrypted(this.files.db, key, { create: true });
    // Encrypted or not, the vault is nobody else's business on a shared workstation.
    fs.chmodSync(this.files.db, 0o600);
    try {
      applyConnectionSettings(raw);
      migrate(raw);
      const db = new SqlRunner(raw);
      const audit = new AuditLog(db, vaultId, this.now);
      const createdAt = this.now().toISOString();
      db.transaction(() => {
        db.run(sql`INSERT INTO vault_meta (key, value) VALUES ('vault_id', ${vaultId}), ('created_at', ${createdAt})`);
        db.run(
          sql`INSERT INTO app_user (id, name, name_folded, role, created_at, last_unlock_at) VALUES (${adminId}, ${adminName.trim()}, ${foldUserName(adminName)}, 'administrator', ${createdAt}, ${createdAt})`,
        );
        audit.append({ action: 'vault.created', actorId: adminId, objectType: 'vault', objectId: vaultId, details: { schemaVersion: schemaVersion(raw) } });
        audit.append({ action: 'user.added', actorId: adminId, objectType: 'user', objectId: adminId, details: { role: 'administrator' } });
        // keyslots.json last: a folder without it is not yet a vault, so a crash here leaves nothing half-made.
        writeKeyslots(this.files.keyslots, { format: KEYSLOT_FORMAT, vaultId, slots: [adminSlot.slot, recoverySlot.slot] });
      });
    } catch (error) {
      raw.close();
      fs.rmSync(this.files.keyslots, { force: true });
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(this.files.db + suffix, { force: true });
      throw error;
    }
    raw.close();
    const user = this.openSession(key, vaultId, adminSlot.slot, null, null);
    return { recoveryCode, user };
  }

  async unlock(userName: string, passphrase: string): Promise<SessionUser> {
    this.assertNotThrottled();
    const keyslots = this.readSlotsOrThrow();
    const lookup = slotLookup(keyslots.vaultId, userName);
    const slot = keyslots.slots.find((candidate) => candidate.kind === 'user' && candidate.lookup === lookup);
    if (slot) assertNoDowngrade(slot.kdf);
    // Derive even for an unknown name so that timing does not reveal which names exist.
    const kek = await deriveKek(passphrase, slot?.kdf ?? newKdf());
    const key = slot ? unwrapVaultKey(keyslots.vaultId, slot, kek) : null;
    if (!slot || !key) {
      this.attempts.recordFailure(slot?.userId ?? null, 'passphrase');
      // The attempt that starts the delay says so, so the unlock screen can count down at once.
      const wait = this.attempts.retryAfterSeconds();
      throw new AppError('WRONG_PASSPHRASE', 'Wrong user name or passphrase.', wait > 0 ? { retryAfterSeconds: wait } : undefined);
    }
    this.lock('user');
    return this.openSession(key, keyslots.vaultId, slot, kek, { action: 'vault.unlocked' });
  }

  async recover(recoveryCode: string, userName: string, newPassphrase: string): Promise<{ user: SessionUser; recoveryCode: string }> {
    this.assertNotThrottled();
    const keyslots = this.readSlotsOrThrow();
    const recoverySlot = keyslots.slots.find((slot) => slot.kind === 'recovery');
    if (!recoverySlot) throw new AppError('NOT_FOUND', 'This vault has no recovery code.');
    assertNoDowngrade(recoverySlot.kdf);
    const key = unwrapVaultKey(keyslots.vaultId, recoverySlot, await deriveKek(normalizeRecoveryCode(recoveryCode), recoverySlot.kdf));
    if (!key) {
      this.attempts.recordFailure(null, 'recovery-code');
      throw new AppError('WRONG_PASSPHRASE', 'That recovery code is not right for this vault.');
    }
    this.lock('user');
    const raw = this.openDatabase(key, keyslots.vaultId);
    const db = new SqlRunner(raw);
    const user = db.get<UserRow>(sql`SELECT * FROM app_user WHERE name_folded = ${foldUserName(userName)}`);
    raw.close();
    if (!user || user.status !== 'active') throw new AppError('NOT_FOUND', 'There is no active user with that name.');
    if (user.role !== 'administrator') throw new AppError('FORBIDDEN', 'The recovery code resets an administrator\u2019s passphrase only.');

    const nextCode = newRecoveryCode();
    const [userSlot, nextRecovery] = await Promise.all([
      createSlot(keyslots.vaultId, key, newPassphrase, { kind: 'user', userId: user.id, userName: user.name }),
      createSlot(keyslots.vaultId, key, nextCode, { kind: 'recovery', userId: null, userName: null }),
    ]);
    const slots = keyslots.slots.filter((slot) => slot.kind === 'user' && slot.userId !== user.id).concat(userSlot.slot, nextRecovery.slot);
    const session = this.openSession(key, keyslots.vaultId, userSlot.slot, userSlot.kek, {
      action: 'vault.recovered',
      objectType: 'user',
      objectId: user.id,
      details: { recoveryCodeReplaced: true },
      writeKeyslots: { ...keyslots, slots },
    });
    return { user: session, recoveryCode: nextCode };
  }

  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    const vault = this.current();
    const keyslots = readKeyslots(this.files.keyslots);
    const slot = keyslots.slots.find((candidate) => candidate.id === vault.slotId);
    if (!slot) throw new AppError('NOT_FOUND', 'Your keyslot is missing from keyslots.json.');
    const currentKek = await deriveKek(currentPassphrase, slot.kdf);
    if (!unwrapVaultKey(keyslots.vaultId, slot, currentKek)) throw new AppError('WRONG_PASSPHRASE', 'The current passphrase is not right.');
    const { slot: fresh, kek } = await createSlot(keyslots.vaultId, vault.key, newPassphrase, {
      kind: 'user',
      userId: vault.user.id,
      userName: vault.user.name,
    });
    const replacement = vault.signingKey
      ? sealSigningKey(
          keyslots.vaultId,
          fresh,
          kek,
          vault.signingKey.export({ type: 'pkcs8', format: 'der' }),
          Buffer.from(slot.signingKey!.publicKey, 'base64'),
        )
      : fresh;
    this.mutate(
      () => ({ action: 'vault.passphrase_changed', objectType: 'user', objectId: vault.user.id }),
      ({ db }) => {
        writeKeyslots(this.files.keyslots, { ...keyslots, slots: keyslots.slots.map((candidate) => (candidate.id === slot.id ? replacement : candidate)) });
        // A one-time passphrase, once replaced, frees the session.
        db.run(sql`UPDATE app_user SET must_change_passphrase = 0 WHERE id = ${vault.user.id}`);
      },
    );
    (this.opened as { slotId: string }).slotId = replacement.id;
    (this.opened as { user: SessionUser }).user = { ...vault.user, mustChangePassphrase: false };
  }

  /** Re-asks the session user's passphrase before something sensitive (revealing the key). */
  async confirmPassphrase(passphrase: string): Promise<void> {
    const vault = this.current();
    const keyslots = readKeyslots(this.files.keyslots);
    const slot = keyslots.slots.find((candidate) => candidate.id === vault.slotId);
    if (!slot || !unwrapVaultKey(keyslots.vaultId, slot, await deriveKek(passphrase, slot.kdf))) {
      throw new AppError('WRONG_PASSPHRASE', 'The passphrase is not right.');
    }
  }

  /** Replaces the session user's slot with one that also seals a new Ed25519 signing key. */
  async attachSigningKey(passphrase: string, privateKeyDer: Buffer, publicKeyDer: Buffer, fingerprint: string): Promise<void> {
    const vault = this.current();
    const keyslots = readKeyslots(this.files.keyslots);
    const slot = keyslots.slots.find((candidate) => candidate.id === vault.slotId);
    if (!slot) throw new AppError('NOT_FOUND', 'Your keyslot is missing from keyslots.json.');
    const kek = await deriveKek(passphrase, slot.kdf);
    if (!unwrapVaultKey(keyslots.vaultId, slot, kek)) throw new AppError('WRONG_PASSPHRASE', 'The passphrase is not right.');
    const sealed = sealSigningKey(keyslots.vaultId, slot, kek, privateKeyDer, publicKeyDer);
    this.mutate(
      () => ({ action: 'user.signing_key_created', objectType: 'user', objectId: vault.user.id, details: { fingerprint } }),
      ({ db }) => {
        db.run(sql`UPDATE app_user SET signing_public_key = ${publicKeyDer.toString('base64')} WHERE id = ${vault.user.id}`);
        writeKeyslots(this.files.keyslots, { ...keyslots, slots: keyslots.slots.map((candidate) => (candidate.id === slot.id ? sealed : candidate)) });
      },
    );
    vault.signingKey = crypto.createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
    (vault as { user: SessionUser }).user = { ...vault.user, canSign: true };
  }

  lock(reason: LockReason): void {
    const vault = this.opened;
    if (!vault) return;
    this.opened = null;
    const damaged = this.pages.current !== null;
    this.pages.reset();
    try {
      // A damaged vault's connection is read-only: its lock cannot be written, and need not be.
      if (!damaged && (reason !== 'shutdown' || vault.raw.open)) vault.audit.record({ action: 'vault.locked', actorId: vault.user.id, details: { reason } });
    } finally {
      vault.raw.close();
      vault.key.fill(0);
      // Files staged from the browser for an import that never ran hold personal data in the clear.
      clearStaging(this.files);
    }
  }

  private assertNotThrottled(): void {
    const wait = this.attempts.retryAfterSeconds();
    if (wait > 0) throw new AppError('RATE_LIMITED', `Too many failed attempts. Try again in ${wait} s.`, { seconds: wait });
  }

  private readSlotsOrThrow(): KeyslotFile {
    if (!vaultPresent(this.files)) throw new AppError('NO_VAULT', 'There is no vault in this folder yet.');
    return readKeyslots(this.files.keyslots);
  }

  /** Opens, checks identity and version, and only then migrates: a foreign file is never written. */
  private openDatabase(key: Buffer, vaultId: string): Database.Database {
    const raw = openEncrypted(this.files.db, key, { create: false });
    try {
      assertNotTooNew(raw);
      const stored = raw.prepare(`SELECT value FROM vault_meta WHERE key = 'vault_id'`).pluck().get();
      if (stored !== vaultId) throw new AppError('VAULT_DAMAGED', 'keyslots.json and vault.db belong to different vaults.');
      applyConnectionSettings(raw);
      migrate(raw);
      return raw;
    } catch (error) {
      raw.close();
      throw error;
    }
  }

  private openSession(
    key: Buffer,
    vaultId: string,
    slot: Slot,
    kek: Buffer | null,
    entry: (Omit<AuditRecord, 'actorId'> & { writeKeyslots?: KeyslotFile }) | null,
  ): SessionUser {
    const raw = this.openDatabase(key, vaultId);
    const db = new SqlRunner(raw);
    try {
      const row = db.get<UserRow>(sql`SELECT * FROM app_user WHERE id = ${slot.userId}`);
      if (!row) throw new AppError('WRONG_PASSPHRASE', 'Wrong user name or passphrase.');
      if (row.status !== 'active') throw new AppError('FORBIDDEN', 'This account has been disabled by an administrator.');
      const signingKey = kek ? openSigningKey(vaultId, slot, kek) : null;
      const user: SessionUser = {
        id: row.id,
        name: row.name,
        role: row.role,
        canSign: signingKey !== null,
        mustChangePassphrase: row.must_change_passphrase === 1,
      };
      const audit = new AuditLog(db, vaultId, this.now);
      if (entry) {
        const failures = this.attempts.pending();
        db.transaction(() => {
          for (const failure of failures) {
            audit.append({ action: 'vault.unlock_failed', actorId: failure.userId, details: { attemptedAt: failure.at, via: failure.via } });
          }
          const { writeKeyslots: nextSlots, ...record } = entry;
          audit.append({ ...record, actorId: user.id });
          db.run(sql`UPDATE app_user SET last_unlock_at = ${this.now().toISOString()} WHERE id = ${user.id}`);
          if (nextSlots) writeKeyslots(this.files.keyslots, nextSlots);
        });
        this.attempts.reset();
      }
      const opened: OpenVault = { files: this.files, vaultId, key, raw, db, audit, user, slotId: slot.id, signingKey };
      this.opened = opened;
      this.touch();
      this.pages.reset();
      void this.pages.check(opened);
      this.hooks.onOpen?.(opened);
      return user;
    } catch (error) {
      raw.close();
      throw error;
    }
  }
}
