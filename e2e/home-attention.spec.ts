/**
 * The home screen says what needs attention: an import whose every row was rejected (no customer number,
 * nothing identifying anyone) is a tile, and the tile leads to that run's rejected rows in the import
 * history. The vault's figures are charts, each with the same figures as a table.
 */
import fs from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
/** At 1280 px (the configured viewport) nothing is cut off: the element scrolls neither sideways nor hides its end. */
async function fitsSideways(element: Locator): Promise<void> {
  await expect.poll(() => element.evaluate((node) => node.scrollWidth - node.clientWidth)).toBeLessThanOrEqual(0);
}

const NOBODY = 'No client;Ville\n;Laval\n;Lyon\n';
// No default country for the source: neither phone can be read, and both are kept to review.
const CLIENTS = 'No client;Prénom;Nom;Courriel;Téléphone\nB-1;Zoé;Martin;zoe@exemple.fr;06 12 34 56 78\nB-2;Hugo;Bernard;hugo@exemple.fr;12\n';

test('a 100 %-rejected import is on the home screen, and its tile leads to the rejected rows', async ({ app, page }, testInfo) => {
  const nobody = testInfo.outputPath('salon.csv');
  fs.writeFileSync(nobody, NOBODY, 'utf8');
  const clients = testInfo.outputPath('boutique.csv');
  fs.writeFileSync(clients, CLIENTS, 'utf8');

  await app.openNewVault(ADMIN);
  await expect(page.getByTestId('attention-none')).toBeVisible();
  await app.goTo('Import');
  await app.importer.importIntoNewSource(clients, 'Boutique Lyon', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');
  await app.importer.importAnother();
  await app.importer.importIntoNewSource(nobody, 'Salon de Laval, inscriptions du stand et du formulaire papier', 'customer relationship');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', '2');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '0');

  await app.goTo('Overview');
  await fitsSideways(page.locator('main'));
  const tile = page.locator('[data-testid="attention-item"][data-kind="runRejectedAll"]');
  await expect(tile).toHaveCount(1);
  await expect(tile).toContainText('Import rejected every row');
  await expect(tile).toContainText('all 2 rows were rejected, nothing was imported');
  await expect(page.locator('[data-testid="attention-item"][data-kind="flaggedRecords"]')).toContainText('Boutique Lyon: 2 records to review in Data quality.');

  // Each chart is an image named for what it shows, with its figures as a table.
  const records = page.getByTestId('chart-records');
  await expect(records.getByRole('img', { name: /^Bar chart of the records per source/ })).toBeVisible();
  await records.getByText('Show as table').click();
  await expect(records.getByRole('row', { name: /^Boutique Lyon 2$/ })).toBeVisible();
  const imports = page.getByTestId('chart-imports');
  await expect(imports.getByRole('img', { name: /^Chart of the imports and rows read per month/ })).toBeVisible();
  await imports.getByText('Show as table').click();
  await expect(imports.locator('tbody tr')).toHaveCount(12);
  await expect(imports.locator('tbody tr').last().locator('td')).toHaveText(['2', '4']);
  const flags = page.getByTestId('chart-flags');
  await expect(flags.getByRole('img', { name: /^Bar chart of the flagged records of every source/ })).toBeVisible();
  await flags.getByText('Show as table').click();
  await expect(flags.locator('tbody tr')).toHaveText([/Phone.*Téléphone: not a valid phone number.*2/]);

  // The tile leads to that run, its rejected rows open.
  await tile.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Import history' })).toHaveAttribute('aria-selected', 'true');
  const run = app.sources.runs().filter({ hasText: 'salon.csv' });
  await expect(run).toHaveAttribute('aria-current', 'true');
  const rejects = page.getByTestId('run-rejects');
  await expect(rejects).toBeInViewport();
  await expect(rejects.getByTestId('rejects-table').locator('tbody tr')).toHaveCount(2);
  await expect(rejects).toContainText('Laval');
  // The history's last column (Remove what this import added…) stays in view at 1280 px.
  await fitsSideways(page.getByTestId('runs-table').locator('xpath=..'));

  // So do the users table's actions beside the form to add one.
  await app.callApi('users.add', { name: 'Stéphane Steward', role: 'steward', passphrase: 'steward passphrase 2026' });
  await app.goTo('Users');
  await expect(app.users.row('Stéphane Steward')).toBeVisible();
  await fitsSideways(page.getByTestId('users-table').locator('xpath=..'));
});
