/**
 * Dates, numbers and amounts follow the chosen region, Canada (Quebec) until one is chosen: a French file's
 * `05/03/2024` reads `2024-03-05` on the person's card, never in an ambiguous numeric order; choosing
 * France in Settings writes it `5 mars 2024` at once, and the choice survives a reload.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { FRENCH_CLIENTS } from './french-clients';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/app-page';

const ADMIN = { name: 'Camille', passphrase: 'une phrase de passe assez longue' };

async function openHelene(app: AppPage, page: Page): Promise<void> {
  await app.navigation('Navigation principale').getByRole('button', { name: 'Personnes', exact: true }).click();
  await page.getByRole('searchbox').fill('helene');
  await app.profiles.results().getByRole('button', { name: 'Hélène Tremblay' }).click();
  await expect(page.getByTestId('profile-detail').getByRole('heading', { level: 2, name: 'Hélène Tremblay' })).toBeVisible();
}

async function openSettings(app: AppPage): Promise<void> {
  await app.navigation('Navigation principale').getByRole('button', { name: 'Paramètres', exact: true }).click();
}

test('a person’s dates follow the region: 2024-03-05 in Quebec, 5 mars 2024 in France', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n`);
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique Montréal', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');

  await app.goTo('Settings');
  await app.settings.chooseLanguage('fr');
  await expect(page.locator('#region select')).toHaveValue('CA');
  await expect(app.settings.regionExample()).toHaveText(/^Par exemple\s: 2026-12-07 14\sh\s30 · 1\s234,56\s\$$/);

  await openHelene(app, page);
  const events = page.getByTestId('profile-events');
  await expect(events.locator('time')).toHaveText('2024-03-05');
  await expect(events).toContainText(/125,50/);
  const summary = page.getByTestId('profile-summary');
  await expect(summary).toContainText('Montréal, H2X 1Y4, Canada');
  // Nothing on the card is a day in a slashed numeric order, but the file's own text kept as written.
  const shown = await page.getByTestId('profile-detail').evaluate((node) => {
    const clone = node.cloneNode(true) as typeof node;
    for (const raw of clone.querySelectorAll('.raw-record, .raw-value')) raw.remove();
    return clone.textContent ?? '';
  });
  expect(shown).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
  expect(shown).toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

  await openSettings(app);
  await app.settings.chooseRegion('FR');
  await expect(app.settings.regionExample()).toHaveText(/^Par exemple\s: 7 déc\. 2026, 14:30 · 1\s234,56\s€$/);
  await openHelene(app, page);
  await expect(events.locator('time')).toHaveText('5 mars 2024');

  await page.reload();
  await openHelene(app, page);
  await expect(page.getByTestId('profile-events').locator('time')).toHaveText('5 mars 2024');
});

test('the audit filter asks for a day in the region’s order and says which', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.goTo('Settings');
  await app.settings.chooseLanguage('fr');
  await app.navigation('Navigation principale').getByRole('button', { name: 'Journal d’audit', exact: true }).click();
  const from = page.getByRole('textbox', { name: 'Du', exact: true });
  await expect(from).toHaveAttribute('placeholder', 'AAAA-MM-JJ');
  await from.fill('2026-12-07');
  await expect(page.getByText(/^Sous la forme AAAA-MM-JJ\s: 2026-12-07$/)).toBeVisible();

  await openSettings(app);
  await app.settings.chooseRegion('US');
  await app.navigation('Navigation principale').getByRole('button', { name: 'Journal d’audit', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Du', exact: true })).toHaveAttribute('placeholder', 'MM/JJ/AAAA');
});
