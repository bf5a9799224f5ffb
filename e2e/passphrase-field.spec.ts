/** Passphrase boxes show what was typed on request, and warn when Caps Lock is on. */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

test('the unlock form shows or hides the passphrase and warns of Caps Lock', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.lock();
  const box = page.getByLabel('Passphrase');
  await box.fill('typed with care');
  await expect(box).toHaveAttribute('type', 'password');
  const toggle = page.getByRole('button', { name: 'Show', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(box).toHaveAttribute('type', 'text');
  await expect(box).toHaveValue('typed with care');
  await expect(page.getByRole('button', { name: 'Hide', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(box).toHaveAttribute('type', 'password');

  await expect(page.getByTestId('caps-lock')).toHaveCount(0);
  // Headless Chromium does not turn Caps Lock on from a key press: the key event carries the state, as a real one does.
  await box.dispatchEvent('keydown', { key: 'A', modifierCapsLock: true });
  await expect(page.getByTestId('caps-lock')).toHaveText('Caps Lock is on: capital letters are typed instead of small ones.');
  await expect(box).toHaveAttribute('aria-describedby', /caps/);
  await box.dispatchEvent('keyup', { key: 'b', modifierCapsLock: false });
  await expect(page.getByTestId('caps-lock')).toHaveCount(0);
});

test('the recovery code can be saved as a file that says where it must not be kept', async ({ app, page }) => {
  await app.open();
  const code = await app.start.createVault(ADMIN.name, ADMIN.passphrase);
  await expect(page.getByText('Never keep it in the vault folder')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as a file' }).click()]);
  expect(download.suggestedFilename()).toBe('custodia-recovery-code.txt');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text).toContain(code);
  expect(text).toMatch(/never in the vault folder/);
  await app.start.acknowledgeRecoveryCode();
});
