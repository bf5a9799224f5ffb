/** Errors are translated, and the chosen language applies at once and survives a reload. */
import { expect, test } from './fixtures';

const ADMIN = { name: 'Camille', passphrase: 'une phrase de passe assez longue' };

test('a wrong passphrase is explained, and French persists across a reload', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.lock();

  await app.start.fillUnlock(ADMIN.name, 'not the right passphrase');
  await expect(app.start.unlockError()).toHaveText('Wrong user name or passphrase.');
  await expect(app.start.unlockError()).toHaveAttribute('data-code', 'WRONG_PASSPHRASE');

  await app.start.unlock(ADMIN.name, ADMIN.passphrase);
  await app.goTo('Settings');
  await app.settings.chooseLanguage('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await expect(app.navigation('Navigation principale').getByRole('button', { name: 'Journal d’audit' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(app.navigation('Navigation principale').getByRole('button', { name: 'Paramètres' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${ADMIN.name}` })).toBeVisible();

  // The shortcut locks too, and the unlock screen stays in French.
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { level: 1, name: 'Déverrouiller le coffre' })).toBeVisible();
  await expect(page.getByTestId('lock-notice')).toHaveText('Le coffre est verrouillé.');
});
