import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyKey } from '../store/connection';
import { createVault, ok } from '../test-support/temp-vault';
import { verifyChain, type ChainSource } from './verify';

async function vaultWithEntries(count: number): Promise<ChainSource & { close: () => Promise<void> }> {
  const { backend } = await createVault();
  for (let index = 0; index < count; index += 1) await ok(backend, 'vault.setIdleLock', { minutes: (index % 60) + 1 });
  const vault = backend.vaults.current();
  return { raw: vault.raw, dbFile: vault.files.db, key: vault.key, vaultId: vault.vaultId, close: () => backend.close() };
}

function tamperRow(source: ChainSource, seq: number): void {
  const raw = new Database(source.dbFile);
  applyKey(raw, source.key);
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
  raw.prepare(`UPDATE audit_log SET entry = replace(entry, '"details":{"minutes":', '"details":{"minutes":1') WHERE seq = ?`).run(seq);
  raw.close();
}

describe('parallel verification', () => {
  it('gives the same answer on several threads as on one, and finds a break in any range', async () => {
    const source = await vaultWithEntries(300);
    const single = await verifyChain(source, { threads: 1 });
    const parallel = await verifyChain(source, { threads: 3, parallelFrom: 0 });
    expect(parallel).toEqual(single);
    expect(single).toMatchObject({ intact: true, entries: 302 });

    tamperRow(source, 250);
    expect((await verifyChain(source, { threads: 3, parallelFrom: 0 })).firstBroken).toEqual({ seq: 250, reason: 'hash-mismatch' });
    // The first row of the second range (seq 102): its own hash no longer matches its content.
    tamperRow(source, 102);
    expect((await verifyChain(source, { threads: 3, parallelFrom: 0 })).firstBroken).toEqual({ seq: 102, reason: 'hash-mismatch' });
  });
});
