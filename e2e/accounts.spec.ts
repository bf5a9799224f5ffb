/** Account life cycle: a forgotten administrator passphrase is reset with the recovery code, and a disabled user can no longer unlock. */
import { expect, test } from './fixtures';

const ADMIN = { name: 'Ada', passphrase: 'first passphrase of ada' };

test('the recovery code resets the administrator passphrase and is replaced', async ({ app }) => {
  await app.open();
  const firstCode = await app.start.createVault(ADMIN.name, ADMIN.passphrase);
  await app.start.acknowledgeRecoveryCode();
  await app.lock();

  const secondCode = await app.start.recover(firstCode.toLowerCase().replaceAll('-', ' '), ADMIN.name, 'second passphrase of ada');
  expect(secondCode).not.toBe(firstCode);
  await app.start.acknowledgeRecoveryCode();
  await expect(app.currentUser()).toContainText(ADMIN.name);

  await app.lock();
  await app.start.fillUnlock(ADMIN.name, ADMIN.passphrase);
  await expect(app.start.unlockError()).toHaveAttribute('data-code', 'WRONG_PASSPHRASE');
  await app.start.unlock(ADMIN.name, 'second passphrase of ada');
});

test('a disabled user can no longer unlock', async ({ app }) => {
  await app.openNewVault(ADMIN);
  await app.goTo('Users');
  await app.users.addUser('Sam Steward', 'steward', 'steward passphrase here');
  // Nobody may disable their own account: the button is not offered.
  await expect(app.users.row(ADMIN.name).getByRole('button')).toHaveCount(0);
  await app.users.disable('Sam Steward');
  await expect(app.users.row('Sam Steward')).toContainText('Disabled');

  await app.lock();
  await app.start.fillUnlock('Sam Steward', 'steward passphrase here');
  await expect(app.start.unlockError()).toHaveAttribute('data-code', 'WRONG_PASSPHRASE');
});
