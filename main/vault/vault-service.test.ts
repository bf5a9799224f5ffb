import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../audit/contract';
import { applyKey } from '../store/connection';
import { ADMIN, AUDITOR, createVault, ok, openBackend, STEWARD, tempDir } from '../test-support/temp-vault';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Backend } from '../backend/backend';

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function errorOf(backend: Backend, method: Parameters<Backend['call']>[0], input: unknown): Promise<string> {
  const result = await backend.call(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error.code;
}

async function entries(backend: Backend): Promise<AuditEntry[]> {
  return (await ok(backend, 'audit.list', { limit: 1000 })).entries;
}

describe('creating and unlocking a vault', () => {
  it('writes no plaintext: no SQLite header, none of the stored names', async () => {
    const { backend, dir } = await createVault();
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    await ok(backend, 'vault.lock');
    const files = fs.readdirSync(dir).filter((name) => name.startsWith('vault.db'));
    expect(files).toContain('vault.db');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'vault.db')).mode & 0o077).toBe(0);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file));
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
      for (const secret of [ADMIN.name, STEWARD.name, 'Stéphane', 'administrator', 'vault.created']) {
        expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      }
    }
    expect(fs.readFileSync(path.join(dir, 'keyslots.json'), 'utf8')).not.toContain('Alice');
  });

  it('unlocks with the right passphrase and says so clearly when it is wrong, changing nothing', async () => {
    const { backend, dir } = await createVault();
    await ok(backend, 'vault.lock');
    const before = sha(path.join(dir, 'vault.db'));
    const wrong = await backend.call('vault.unlock', { userName: ADMIN.name, passphrase: 'not the passphrase' });
    expect(wrong).toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'Wrong user name or passphrase.' } });
    expect(await errorOf(backend, 'vault.unlock', { userName: 'nobody', passphrase: ADMIN.passphrase })).toBe('WRONG_PASSPHRASE');
    expect(sha(path.join(dir, 'vault.db'))).toBe(before);
    expect(await ok(backend, 'vault.unlock', { userName: 'alice admin', passphrase: ADMIN.passphrase })).toMatchObject({
      name: ADMIN.name,
      role: 'administrator',
    });
    const failed = (await entries(backend)).filter((entry) => entry.action === 'vault.unlock_failed');
    expect(failed).toHaveLength(2);
    expect(failed.map((entry) => entry.actorId).sort()).toEqual([1, null]);
  });

  it('slows down after five wrong attempts in a row, with a growing delay', async () => {
    let now = Date.parse('2026-11-24T10:00:00Z');
    const { backend } = await createVault({ now: () => new Date(now) });
    await ok(backend, 'vault.lock');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect(await errorOf(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: 'wrong wrong wrong' })).toBe('WRONG_PASSPHRASE');
    }
    const fifth = await backend.call('vault.unlock', { userName: ADMIN.name, passphrase: 'wrong wrong wrong' });
    expect(fifth.ok || fifth.error).toMatchObject({ code: 'WRONG_PASSPHRASE', params: { retryAfterSeconds: 2 } });
    const limited = await backend.call('vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(limited.ok || limited.error).toMatchObject({ code: 'RATE_LIMITED', params: { seconds: 2 } });
    expect((await ok(backend, 'vault.status')).retryAfterSeconds).toBe(2);
    now += 2_000;
    expect(await errorOf(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: 'wrong again!!' })).toBe('WRONG_PASSPHRASE');
    const longer = await backend.call('vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(longer.ok || longer.error).toMatchObject({ code: 'RATE_LIMITED', params: { seconds: 4 } });
    now += 4_000;
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect((await entries(backend)).filter((entry) => entry.action === 'vault.unlock_failed')).toHaveLength(6);
    expect((await ok(backend, 'vault.status')).retryAfterSeconds).toBeNull();
  });

  it('changes a passphrase: the old one stops working', async () => {
    const { backend } = await createVault();
    expect(await errorOf(backend, 'vault.changePassphrase', { currentPassphrase: 'not it at all', newPassphrase: 'a brand new passphrase' })).toBe(
      'WRONG_PASSPHRASE',
    );
    await ok(backend, 'vault.changePassphrase', { currentPassphrase: ADMIN.passphrase, newPassphrase: 'a brand new passphrase' });
    await ok(backend, 'vault.lock');
    expect(await errorOf(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase })).toBe('WRONG_PASSPHRASE');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: 'a brand new passphrase' });
    expect((await entries(backend)).map((entry) => entry.action)).toContain('vault.passphrase_changed');
  });

  it('recovers with the recovery code, which is then replaced', async () => {
    const { backend, recoveryCode } = await createVault();
    await ok(backend, 'vault.lock');
    const recovered = await ok(backend, 'vault.recover', {
      recoveryCode: recoveryCode.toLowerCase(),
      userName: ADMIN.name,
      newPassphrase: 'recovered passphrase!',
    });
    expect(recovered.user.role).toBe('administrator');
    expect(recovered.recoveryCode).not.toBe(recoveryCode);
    await ok(backend, 'vault.lock');
    expect(await errorOf(backend, 'vault.recover', { recoveryCode, userName: ADMIN.name, newPassphrase: 'another passphrase!!' })).toBe('WRONG_PASSPHRASE');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: 'recovered passphrase!' });
    expect((await entries(backend)).map((entry) => entry.action)).toEqual(expect.arrayContaining(['vault.recovered', 'vault.unlock_failed']));
  });

  it('refuses to create a second vault over the first', async () => {
    const { backend } = await createVault();
    expect(await errorOf(backend, 'vault.create', { adminName: 'Mallory', passphrase: 'mallory passphrase' })).toBe('VAULT_EXISTS');
  });
});

describe('roles and users', () => {
  it('lets an auditor read the trail but not add users; a disabled user cannot unlock', async () => {
    const { backend } = await createVault();
    const auditor = await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    expect(await errorOf(backend, 'users.add', { name: AUDITOR.name.toUpperCase(), role: 'auditor', passphrase: AUDITOR.passphrase })).toBe('CONFLICT');
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect(await errorOf(backend, 'users.add', { name: 'Eve', role: 'administrator', passphrase: 'eve passphrase!!' })).toBe('FORBIDDEN');
    expect(await errorOf(backend, 'vault.setIdleLock', { minutes: 5 })).toBe('FORBIDDEN');
    expect((await entries(backend)).length).toBeGreaterThan(3);
    await ok(backend, 'vault.lock');
    expect(await errorOf(backend, 'users.list', {})).toBe('LOCKED');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(await errorOf(backend, 'users.disable', { userId: 1 })).toBe('CONFLICT');
    expect((await ok(backend, 'users.disable', { userId: auditor.id })).status).toBe('disabled');
    await ok(backend, 'vault.lock');
    expect(await errorOf(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase })).toBe('WRONG_PASSPHRASE');
  });

  it('locks by itself after the idle time', async () => {
    let now = Date.parse('2026-11-24T10:00:00Z');
    const { backend } = await createVault({ now: () => new Date(now), idleCheckMs: 20 });
    await ok(backend, 'vault.setIdleLock', { minutes: 1 });
    const locked = new Promise((resolve) => backend.onEvent((event) => event.type === 'vault.locked' && resolve(event.reason)));
    now += 61_000;
    expect(await locked).toBe('idle');
    expect((await ok(backend, 'vault.status')).state).toBe('locked');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const lockEntry = (await entries(backend)).find((entry) => entry.action === 'vault.locked');
    expect(lockEntry?.details).toEqual({ reason: 'idle' });
  });
});

describe('files that are not what they should be', () => {
  async function lockedVault(): Promise<{ dir: string; key: Buffer; reopen: () => Backend }> {
    const { backend, dir } = await createVault();
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    const key = Buffer.from(backend.vaults.current().key);
    await backend.close();
    return { dir, key, reopen: () => openBackend(dir) };
  }

  const unlockAdmin = (backend: Backend): Promise<string> => errorOf(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });

  it('a folder with a file that is not a vault', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'vault.db'), 'name,email\nHélène,h@example.com\n');
    const before = sha(path.join(dir, 'vault.db'));
    expect(await unlockAdmin(openBackend(dir))).toBe('NOT_A_VAULT');
    expect(sha(path.join(dir, 'vault.db'))).toBe(before);
  });

  it('vault.db replaced by another file, truncated, or with flipped bytes', async () => {
    const { dir, reopen } = await lockedVault();
    const db = path.join(dir, 'vault.db');
    const original = fs.readFileSync(db);

    fs.writeFileSync(db, crypto.randomBytes(original.length));
    let before = sha(db);
    expect(await unlockAdmin(reopen())).toBe('VAULT_DAMAGED');
    expect(sha(db)).toBe(before);

    fs.writeFileSync(db, original.subarray(0, Math.floor(original.length / 2) + 100));
    before = sha(db);
    expect(await unlockAdmin(reopen())).toBe('VAULT_DAMAGED');
    expect(sha(db)).toBe(before);

    const flipped = Buffer.from(original);
    for (let offset = 200; offset < 260; offset += 1) flipped[offset] = flipped[offset]! ^ 0xff;
    fs.writeFileSync(db, flipped);
    expect(await unlockAdmin(reopen())).toBe('VAULT_DAMAGED');
  });

  it('damage past the first page is found by the integrity check, not by a crash', async () => {
    const { dir, key, reopen } = await lockedVault();
    const db = path.join(dir, 'vault.db');
    // A page in use (the audit trail's root): a free page at the end of the file is read by no check.
    const raw = new Database(db);
    applyKey(raw, key);
    const page = raw.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'`).pluck().get() as number;
    raw.close();
    expect(page).toBeGreaterThan(1);
    const bytes = fs.readFileSync(db);
    const start = (page - 1) * 4096;
    for (let offset = start + 100; offset < start + 120; offset += 1) bytes[offset] = bytes[offset]! ^ 0x55;
    fs.writeFileSync(db, bytes);
    const backend = reopen();
    const unlocked = await backend.call('vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    if (unlocked.ok) {
      const check = await ok(backend, 'vault.check');
      expect(check.ok).toBe(false);
      expect(check.problems.join(' ')).toMatch(/HMAC|page|corrupt|malformed/i);
    } else {
      expect(unlocked.error.code).toBe('VAULT_DAMAGED');
    }
  });

  it('a vault from a newer version is refused untouched', async () => {
    const { dir, key, reopen } = await lockedVault();
    const raw = new Database(path.join(dir, 'vault.db'));
    applyKey(raw, key);
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(path.join(dir, 'vault.db'));
    expect(await unlockAdmin(reopen())).toBe('VAULT_TOO_NEW');
    expect(sha(path.join(dir, 'vault.db'))).toBe(before);

    const slots = JSON.parse(fs.readFileSync(path.join(dir, 'keyslots.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'keyslots.json'), JSON.stringify({ ...slots, format: 'custodia-keyslots/2' }));
    expect(await unlockAdmin(reopen())).toBe('VAULT_TOO_NEW');
  });

  it('flipped bytes or hand edits in keyslots.json never crash and never grant a role', async () => {
    const { dir, reopen } = await lockedVault();
    const file = path.join(dir, 'keyslots.json');
    const original = fs.readFileSync(file, 'utf8');
    const slots = JSON.parse(original) as {
      slots: Array<{ kind: string; userId: number | null; lookup: string | null; kdf: { memoryKiB: number; iterations: number } }>;
    };

    for (let position = 0; position < original.length; position += Math.ceil(original.length / 25)) {
      const bytes = Buffer.from(original);
      bytes[position] = bytes[position]! ^ 0x21;
      fs.writeFileSync(file, bytes);
      // A flip inside another user's slot leaves the administrator's intact: success is fine, a crash is not.
      const result = await reopen().call('vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
      if (result.ok) expect(result.value.role).toBe('administrator');
      else expect(['VAULT_DAMAGED', 'WRONG_PASSPHRASE', 'NOT_A_VAULT', 'DOWNGRADE_REFUSED', 'VAULT_TOO_NEW']).toContain(result.error.code);
      // Each flip is its own scenario: failures from earlier ones must not start the growing delay.
      fs.rmSync(path.join(dir, 'unlock-attempts.json'), { force: true });
    }

    // The steward points their slot at the administrator's id: the slot stops opening.
    const steward = slots.slots.find((slot) => slot.userId === 2)!;
    fs.writeFileSync(file, JSON.stringify({ ...slots, slots: slots.slots.map((slot) => (slot === steward ? { ...slot, userId: 1 } : slot)) }));
    expect(await errorOf(reopen(), 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase })).toBe('WRONG_PASSPHRASE');
    fs.rmSync(path.join(dir, 'unlock-attempts.json'), { force: true });

    const weakened = slots.slots.map((slot) => (slot.userId === 1 ? { ...slot, kdf: { ...slot.kdf, memoryKiB: 8, iterations: 1 } } : slot));
    fs.writeFileSync(file, JSON.stringify({ ...slots, slots: weakened }));
    expect(await unlockAdmin(reopen())).toBe('DOWNGRADE_REFUSED');

    fs.writeFileSync(file, original);
    const backend = reopen();
    expect((await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase })).role).toBe('steward');
  });
});
