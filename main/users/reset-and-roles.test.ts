import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN, STEWARD, createVault, ok, openBackend } from '../test-support/temp-vault';

describe('an administrator manages accounts', () => {
  it('resets a forgotten passphrase: a one-time passphrase, replaced at the next unlock before anything else', async () => {
    const { backend, dir } = await createVault();
    const steward = await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    const before = JSON.parse(fs.readFileSync(`${dir}/keyslots.json`, 'utf8')) as { slots: { id: string; userId: number | null }[] };
    const oldSlot = before.slots.find((slot) => slot.userId === steward.id)!.id;

    const { user, oneTimePassphrase } = await ok(backend, 'users.resetPassphrase', { userId: steward.id });
    expect(user).toMatchObject({ id: steward.id, mustChangePassphrase: true });
    const after = JSON.parse(fs.readFileSync(`${dir}/keyslots.json`, 'utf8')) as { slots: { id: string; userId: number | null }[] };
    // The old keyslot is gone: the forgotten passphrase (or a copy of it) opens nothing any more.
    expect(after.slots.filter((slot) => slot.userId === steward.id).map((slot) => slot.id)).not.toContain(oldSlot);
    expect(after.slots.filter((slot) => slot.userId === steward.id)).toHaveLength(1);
    const [entry] = (await ok(backend, 'audit.list', { filter: { action: 'user.passphrase_reset' } })).entries;
    expect(entry).toMatchObject({ objectId: String(steward.id), details: { role: 'steward' } });
    expect(JSON.stringify(entry)).not.toContain(oneTimePassphrase);
    await backend.close();

    const other = openBackend(dir);
    expect(await other.call('vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    expect(await ok(other, 'vault.unlock', { userName: STEWARD.name, passphrase: oneTimePassphrase })).toMatchObject({ mustChangePassphrase: true });
    expect(await other.call('profiles.count', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', params: { reason: 'passphraseChangeRequired' } } });
    await ok(other, 'vault.changePassphrase', { currentPassphrase: oneTimePassphrase, newPassphrase: 'a fresh steward passphrase' });
    expect((await ok(other, 'vault.status')).user).toMatchObject({ mustChangePassphrase: false });
    expect(await ok(other, 'profiles.count')).toEqual({ profiles: 0 });
    await ok(other, 'vault.lock');
    expect(await ok(other, 'vault.unlock', { userName: STEWARD.name, passphrase: 'a fresh steward passphrase' })).toMatchObject({
      mustChangePassphrase: false,
    });
  });

  it('changes a role, never leaving the vault without an administrator, and shows the last unlock', async () => {
    const { backend } = await createVault();
    const steward = await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    const admin = (await ok(backend, 'users.list')).find((user) => user.name === ADMIN.name)!;
    // Creating the vault is its administrator's first unlock.
    expect(admin.lastUnlockAt).toBe(admin.createdAt);
    expect(await backend.call('users.changeRole', { userId: admin.id, role: 'steward' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'ownAccount' } },
    });

    expect(await ok(backend, 'users.changeRole', { userId: steward.id, role: 'administrator' })).toMatchObject({ role: 'administrator' });
    const [changed] = (await ok(backend, 'audit.list', { filter: { action: 'user.role_changed' } })).entries;
    expect(changed).toMatchObject({ objectId: String(steward.id), details: { from: 'steward', to: 'administrator' } });

    // The new administrator demotes the first one; the last administrator cannot be demoted.
    await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    await ok(backend, 'users.changeRole', { userId: admin.id, role: 'auditor' });
    await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(await backend.call('users.list', {})).toMatchObject({ ok: true });
    expect(await backend.call('users.changeRole', { userId: steward.id, role: 'steward' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    const users = await ok(backend, 'users.list');
    expect(users.find((user) => user.id === steward.id)!.lastUnlockAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const only = users.find((user) => user.id === steward.id)!;
    await ok(backend, 'users.add', { name: 'Olga Other', role: 'steward', passphrase: 'another long passphrase' });
    const olga = (await ok(backend, 'users.list')).find((user) => user.name === 'Olga Other')!;
    // Olga becomes administrator and tries to demote the other: allowed while one remains.
    await ok(backend, 'users.changeRole', { userId: olga.id, role: 'administrator' });
    await ok(backend, 'vault.unlock', { userName: 'Olga Other', passphrase: 'another long passphrase' });
    await ok(backend, 'users.changeRole', { userId: only.id, role: 'steward' });
    await ok(backend, 'users.disable', { userId: only.id });
    // Olga is now the last active administrator; nobody else can demote her, and she cannot demote herself.
    expect(await backend.call('users.changeRole', { userId: olga.id, role: 'steward' })).toMatchObject({
      ok: false,
      error: { params: { reason: 'ownAccount' } },
    });
  });
});
