/**
 * Proves the vault is standard SQLCipher 4: the reference build (@journeyapps/sqlcipher) opens vault.db
 * with the raw key and fails without it or with another key.
 */
import sqlcipher from '@journeyapps/sqlcipher';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, createVault, ok } from '../test-support/temp-vault';

function query(file: string, keyHex: string | null, sqlText: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(file, sqlcipher.OPEN_READONLY, (openError) => {
      if (openError) return reject(openError);
      db.serialize(() => {
        db.run('PRAGMA cipher_compatibility = 4');
        if (keyHex) db.run(`PRAGMA key = "x'${keyHex}'"`);
        db.all(sqlText, (error, rows) => {
          db.close();
          if (error) reject(error);
          else resolve(rows);
        });
      });
    });
  });
}

describe('SQLCipher 4 compatibility', () => {
  it('the reference SQLCipher build opens the vault with the key, and only with it', async () => {
    const { backend, dir } = await createVault();
    const key = backend.vaults.current().key.toString('hex');
    await ok(backend, 'vault.lock');
    const file = path.join(dir, 'vault.db');
    const rows = await query(file, key, `SELECT name, role FROM app_user`);
    expect(rows).toEqual([{ name: ADMIN.name, role: 'administrator' }]);
    await expect(query(file, null, 'SELECT count(*) FROM sqlite_master')).rejects.toThrow(/SQLITE_NOTADB|file is not a database/);
    await expect(query(file, 'ab'.repeat(32), 'SELECT count(*) FROM sqlite_master')).rejects.toThrow(/SQLITE_NOTADB|file is not a database/);
  });
});

describe('revealing the key', () => {
  it('gives an administrator the key that opens vault.db in SQLCipher, after the passphrase again, audited', async () => {
    const { backend, dir } = await createVault();
    const wrong = await backend.call('vault.revealKey', { passphrase: 'not my passphrase' });
    expect(wrong.ok || wrong.error.code).toBe('WRONG_PASSPHRASE');
    const { keyHex } = await ok(backend, 'vault.revealKey', { passphrase: ADMIN.passphrase });
    expect((await ok(backend, 'audit.list', { filter: { action: 'vault.key_revealed' } })).total).toBe(1);
    await ok(backend, 'vault.lock');
    expect(await query(path.join(dir, 'vault.db'), keyHex, 'SELECT count(*) AS n FROM app_user')).toEqual([{ n: 1 }]);
  });
});
