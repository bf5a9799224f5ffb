import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from './contract';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { applyKey } from '../store/connection';
import { ADMIN, AUDITOR, createVault, ok, tempDir } from '../test-support/temp-vault';
import { entryHash, genesisHash } from './chain';

async function verify(backend: Backend, checkpoint?: Checkpoint) {
  return unwrap(await runJob(backend, 'audit.verify', checkpoint ? { checkpoint } : {}));
}

async function exportTo(backend: Backend, outDir: string) {
  return unwrap(await runJob(backend, 'audit.export', { outDir }));
}

/** Opens the vault behind the app's back, as an attacker holding the key would, with the triggers gone. */
function tamper(dir: string, key: Buffer, work: (db: Database.Database) => void): void {
  const raw = new Database(path.join(dir, 'vault.db'));
  applyKey(raw, key);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  work(raw);
  raw.close();
}

async function vaultWithHistory(): Promise<{ backend: Backend; dir: string; key: Buffer }> {
  const { backend, dir } = await createVault();
  for (const minutes of [5, 10, 20, 30]) await ok(backend, 'vault.setIdleLock', { minutes });
  const key = Buffer.from(backend.vaults.current().key);
  return { backend, dir, key };
}

async function relock(backend: Backend): Promise<void> {
  await ok(backend, 'vault.lock');
  await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
}

describe('audit trail', () => {
  it('records every action and verifies intact with the head hash', async () => {
    const { backend } = await vaultWithHistory();
    const { entries, total } = await ok(backend, 'audit.list', {});
    expect(entries.map((entry) => entry.action).reverse()).toEqual(['vault.created', 'user.added', ...Array(4).fill('vault.idle_lock_changed')]);
    expect(total).toBe(6);
    const report = await verify(backend);
    expect(report).toMatchObject({ intact: true, entries: 6, headSeq: 6, headHash: entries[0]!.hash, firstBroken: null });
    const filtered = await ok(backend, 'audit.list', { filter: { action: 'vault.idle_lock_changed' }, limit: 2 });
    expect(filtered.total).toBe(4);
    expect(filtered.entries.map((entry) => entry.details)).toEqual([{ minutes: 30 }, { minutes: 20 }]);
  });

  it('names the first altered entry when a row is changed through raw SQL', async () => {
    const { backend, dir, key } = await vaultWithHistory();
    tamper(dir, key, (db) => db.prepare(`UPDATE audit_log SET entry = replace(entry, '"minutes":10', '"minutes":999') WHERE seq = 4`).run());
    await relock(backend);
    expect((await verify(backend)).firstBroken).toEqual({ seq: 4, reason: 'hash-mismatch' });
  });

  it('notices a deleted entry in the middle', async () => {
    const { backend, dir, key } = await vaultWithHistory();
    tamper(dir, key, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 3').run());
    await relock(backend);
    expect((await verify(backend)).firstBroken).toEqual({ seq: 3, reason: 'sequence-gap' });
  });

  it('exports CSV, JSON and a checkpoint that later verifies', async () => {
    const { backend } = await vaultWithHistory();
    const out = tempDir();
    const exported = await exportTo(backend, out);
    expect(exported.entries).toBe(6);
    const [csvFile, jsonFile, checkpointFile] = exported.files;
    const csv = Papa.parse<Record<string, string>>(fs.readFileSync(csvFile!, 'utf8'), { header: true, skipEmptyLines: true, comments: '#' });
    expect(csv.data.map((row) => row.action)).toEqual(['vault.created', 'user.added', ...Array(4).fill('vault.idle_lock_changed')]);
    expect(csv.data[0]!.actor_name).toBe(ADMIN.name);
    const json = JSON.parse(fs.readFileSync(jsonFile!, 'utf8'));
    expect(json.entries).toHaveLength(6);
    expect(json.headHash).toBe(exported.checkpoint.headHash);
    const checkpoint = JSON.parse(fs.readFileSync(checkpointFile!, 'utf8')) as Checkpoint;
    expect(checkpoint).toMatchObject({ seq: 6, entryCount: 6 });
    expect(checkpoint.signature).toBeUndefined();
    await ok(backend, 'vault.setIdleLock', { minutes: 45 });
    expect((await verify(backend, checkpoint)).checkpoint).toMatchObject({ status: 'extends', seq: 6, signed: false });
    expect(await ok(backend, 'audit.checkpoints')).toEqual([expect.objectContaining({ seq: 6, takenBy: ADMIN.name, signed: false })]);
  });

  it('catches a trail cut back to before a checkpoint', async () => {
    const { backend, dir, key } = await vaultWithHistory();
    const { checkpoint } = await exportTo(backend, tempDir());
    tamper(dir, key, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 4').run());
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const report = await verify(backend, checkpoint);
    // The cut chain is internally consistent (new entries extend seq 4), only the checkpoint shows the loss.
    expect(report.intact).toBe(true);
    expect(report.checkpoint?.status).toBe('head-mismatch');
    expect(report.headSeq).toBeGreaterThanOrEqual(5);
  });

  it('catches a trail cut back past the checkpoint position as truncated', async () => {
    const { backend, dir, key } = await vaultWithHistory();
    const { checkpoint } = await exportTo(backend, tempDir());
    await backend.close();
    tamper(dir, key, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 2').run());
    const reopened = (await import('../test-support/temp-vault')).openBackend(dir);
    await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const report = await verify(reopened, checkpoint);
    expect(report.headSeq).toBeLessThan(checkpoint.seq);
    expect(report.checkpoint?.status).toBe('truncated');
  });

  it('catches a whole chain rebuilt with the key', async () => {
    const { backend, dir, key } = await vaultWithHistory();
    const vaultId = backend.vaults.current().vaultId;
    const { checkpoint } = await exportTo(backend, tempDir());
    await backend.close();
    tamper(dir, key, (db) => {
      db.prepare(
        `UPDATE audit_log SET entry = replace(entry, '"details":{"minutes":', '"details":{"minutes":1') WHERE action = 'vault.idle_lock_changed'`,
      ).run();
      let previous = genesisHash(vaultId);
      const rows = db.prepare('SELECT seq, entry FROM audit_log ORDER BY seq').all() as Array<{ seq: number; entry: string }>;
      for (const row of rows) {
        const hash = entryHash(previous, row.entry);
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(previous, hash, row.seq);
        previous = hash;
      }
    });
    const reopened = (await import('../test-support/temp-vault')).openBackend(dir);
    await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const report = await verify(reopened, checkpoint);
    expect(report.intact).toBe(true);
    expect(report.checkpoint?.status).toBe('head-mismatch');
  });

  it('lets an auditor sign checkpoints that an administrator cannot forge', async () => {
    const { backend } = await vaultWithHistory();
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    const { fingerprint } = await ok(backend, 'users.createSigningKey', { passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    expect((await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase })).canSign).toBe(true);
    const { checkpoint } = await exportTo(backend, tempDir());
    expect(checkpoint.signature?.fingerprint).toBe(fingerprint);
    expect((await verify(backend, checkpoint)).checkpoint).toMatchObject({ status: 'extends', signed: true, signerKnown: true, signer: fingerprint });
    // An administrator with the vault key edits the checkpoint to match a rewritten chain: the signature breaks.
    const forged = { ...checkpoint, headHash: '0'.repeat(64) };
    expect((await verify(backend, forged)).checkpoint?.status).toBe('bad-signature');
    expect((await verify(backend, { ...checkpoint, vaultId: 'another' })).checkpoint?.status).toBe('other-vault');
  });

  it('refuses UPDATE and DELETE through SQL while the triggers stand', async () => {
    const { backend } = await vaultWithHistory();
    const { raw } = backend.vaults.current();
    expect(() => raw.prepare(`UPDATE audit_log SET entry = '{}' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
