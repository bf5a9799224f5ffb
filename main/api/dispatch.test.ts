import { describe, expect, it } from 'vitest';
import { createVault, ok, STEWARD } from '../test-support/temp-vault';
import { METHOD_NAMES } from './method-names';
import { contract } from './contract';

describe('dispatch', () => {
  it('validates input and reports the field', async () => {
    const { backend } = await createVault();
    const result = await backend.call('users.add', { name: '', role: 'emperor', passphrase: 'short' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(/name/);
      expect(result.error.message).toMatch(/role/);
      expect(result.error.message).toMatch(/passphrase/);
    }
    expect(await backend.call('vault.status', { unexpected: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await backend.call('nope' as never, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('checks the session and the role before running anything', async () => {
    const { backend } = await createVault();
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    await ok(backend, 'vault.lock');
    expect(await backend.call('audit.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    expect(await backend.call('audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', params: { role: 'steward' } } });
    expect(await backend.call('audit.verify', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('exposes exactly the contract to the preload', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });
});
