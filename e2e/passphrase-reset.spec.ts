/**
 * A steward forgot their passphrase: an administrator resets it, hands over the one-time passphrase, and
 * the steward must choose their own at the next unlock before anything else opens.
 */
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const STEWARD = { name: 'Sam Steward', passphrase: 'steward passphrase 2026' };

test('an administrator resets a steward’s passphrase and the steward must change it at the next unlock', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.goTo('Users');
  await app.users.addUser(STEWARD.name, 'steward', STEWARD.passphrase);
  await app.users.row(STEWARD.name).getByRole('button', { name: /^Reset passphrase/ }).click();
  const dialog = page.getByRole('dialog', { name: `Reset the passphrase of ${STEWARD.name}?` });
  await dialog.getByRole('button', { name: 'Reset the passphrase' }).click();
  const oneTime = (await page.getByTestId('one-time-passphrase-value').textContent())!.trim();
  expect(oneTime.length).toBeGreaterThan(10);
  await expect(app.users.row(STEWARD.name)).toContainText('One-time passphrase');
  await page.getByRole('button', { name: 'Done: hide it' }).click();
  await expect(page.getByTestId('one-time-passphrase')).toHaveCount(0);
  await app.lock();

  // The forgotten passphrase no longer opens anything; the one-time one opens only the way to a new one.
  await app.start.fillUnlock(STEWARD.name, STEWARD.passphrase);
  await expect(app.start.unlockError()).toHaveAttribute('data-code', 'WRONG_PASSPHRASE');
  await app.start.fillUnlock(STEWARD.name, oneTime);
  const forced = page.getByTestId('forced-passphrase');
  await expect(forced.getByRole('heading', { name: 'Choose your own passphrase' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await forced.getByLabel('Current passphrase').fill(oneTime);
  await forced.getByLabel('New passphrase', { exact: true }).fill('my very own passphrase');
  await forced.getByLabel('Repeat the passphrase').fill('my very own passphrase');
  await forced.getByRole('button', { name: 'Change the passphrase' }).click();
  await expect(page.getByTestId('current-user')).toContainText(STEWARD.name, { timeout: 30_000 });
  await app.goTo('People');
  await app.lock();
  await app.start.unlock(STEWARD.name, 'my very own passphrase');
});
