import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { STEWARD } from '../test-support/temp-vault';

const asSteward = (dir: string, passphrase: string): Record<string, string> => ({
  CUSTODIA_VAULT: dir,
  CUSTODIA_USER: STEWARD.name,
  CUSTODIA_PASSPHRASE: passphrase,
});

describe('custodia users role and reset-passphrase', () => {
  it('changes a role and issues a one-time passphrase that only opens the way to a new one', async () => {
    const dir = await initVault();
    expect((await cli(['users', 'add', STEWARD.name, '--role', 'steward'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: STEWARD.passphrase })).code).toBe(0);
    expect(await cli(['users', 'role', STEWARD.name, 'auditor'], asAdmin(dir))).toMatchObject({ code: 0, stdout: `${STEWARD.name} is now auditor.\n` });
    expect((await cli(['users', 'role', STEWARD.name, 'overlord'], asAdmin(dir))).code).toBe(2);
    expect((await cli(['users', 'role', STEWARD.name, 'steward'], asAdmin(dir))).code).toBe(0);

    const reset = await cli(['users', 'reset-passphrase', STEWARD.name, '--json'], asAdmin(dir));
    expect(reset.code).toBe(0);
    const { oneTimePassphrase } = JSON.parse(reset.stdout) as { oneTimePassphrase: string };
    expect((await cli(['vault', 'unlock-check'], asSteward(dir, STEWARD.passphrase))).code).toBe(1);
    const blocked = await cli(['profiles', 'count'], asSteward(dir, oneTimePassphrase));
    expect(blocked).toMatchObject({ code: 1, stderr: expect.stringMatching(/one-time passphrase/) });
    expect(await cli(['vault', 'passphrase'], { ...asSteward(dir, oneTimePassphrase), CUSTODIA_NEW_PASSPHRASE: 'my very own passphrase' })).toMatchObject({
      code: 0,
    });
    expect(await cli(['profiles', 'count'], asSteward(dir, 'my very own passphrase'))).toMatchObject({ code: 0, stdout: '0 profiles\n' });
    const listed = await cli(['users', 'list'], asAdmin(dir));
    expect(listed.stdout).toMatch(new RegExp(`^${STEWARD.name} +steward +active +\\d{4}-\\d\\d-\\d\\d +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`, 'm'));
  });
});
