import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { createSlot, deriveKek, KEYSLOT_FORMAT, newRecoveryCode, normalizeRecoveryCode, parseKeyslotJson, unwrapVaultKey } from './keyslots';

const vaultId = 'vault-under-test';

describe('keyslots', () => {
  it('wrap the vault key so that only the right passphrase opens it', async () => {
    const key = crypto.randomBytes(32);
    const { slot } = await createSlot(vaultId, key, 'a long enough passphrase', { kind: 'user', userId: 3, userName: 'Zoé' });
    expect(slot.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3 });
    expect(unwrapVaultKey(vaultId, slot, await deriveKek('a long enough passphrase', slot.kdf))?.equals(key)).toBe(true);
    expect(unwrapVaultKey(vaultId, slot, await deriveKek('a wrong passphrase!!', slot.kdf))).toBeNull();
  });

  it('bind the user id and the vault id: an edited slot no longer opens', async () => {
    const key = crypto.randomBytes(32);
    const { slot, kek } = await createSlot(vaultId, key, 'a long enough passphrase', { kind: 'user', userId: 3, userName: 'steward' });
    expect(unwrapVaultKey(vaultId, { ...slot, userId: 1 }, kek)).toBeNull();
    expect(unwrapVaultKey('another-vault', slot, kek)).toBeNull();
    expect(unwrapVaultKey(vaultId, { ...slot, kind: 'recovery' }, kek)).toBeNull();
  });

  it('refuse Argon2id settings below the floor as a downgrade', async () => {
    const weak = { algorithm: 'argon2id' as const, memoryKiB: 1024, iterations: 1, parallelism: 1, salt: crypto.randomBytes(16).toString('base64') };
    await expect(deriveKek('whatever passphrase', weak)).rejects.toSatisfy((error) => error instanceof AppError && error.code === 'DOWNGRADE_REFUSED');
  });

  it('refuse settings above the ceiling as damage before deriving anything', async () => {
    const { slot } = await createSlot(vaultId, crypto.randomBytes(32), 'a long enough passphrase', { kind: 'user', userId: 3, userName: 'steward' });
    const damaged = (error: unknown) => error instanceof AppError && error.code === 'VAULT_DAMAGED';
    for (const kdf of [
      { ...slot.kdf, memoryKiB: 4294967295 },
      { ...slot.kdf, parallelism: 16777215 },
      { ...slot.kdf, iterations: 1_000_000 },
    ]) {
      expect(() => parseKeyslotJson({ format: KEYSLOT_FORMAT, vaultId, slots: [{ ...slot, kdf }] })).toThrow(
        expect.objectContaining({ code: 'VAULT_DAMAGED' }),
      );
      await expect(deriveKek('a long enough passphrase', kdf)).rejects.toSatisfy(damaged);
    }
    expect(parseKeyslotJson({ format: KEYSLOT_FORMAT, vaultId, slots: [slot] }).slots).toHaveLength(1);
  });

  it('accept recovery codes as people type them', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeRecoveryCode('abco-1234')).toBe('ABC0-1234');
  });
});
