/**
 * A steward who imported the wrong file takes it back from the import history: the confirmation says how
 * many records go and that it cannot be reversed, the run then reads "Undone", and the people that file
 * brought in are no longer found, while those of the right file stay.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const HEADER = FRENCH_CLIENTS.split('\r\n')[0]!;
const WRONG_FILE = [
  HEADER,
  'X-101;Ophélie;Quintal;ophelie.quintal@ailleurs.ca;514 555 0777;Gatineau;J8X 1A1;Canada;oui;03/03/2024;10,00',
  'X-102;Gaspard;Vasseur;gaspard.vasseur@ailleurs.ca;514 555 0888;Sherbrooke;J1H 1A1;Canada;non;04/03/2024;20,00',
].join('\r\n');

test('the people a wrong file brought in are removed from the import history, and no longer found', async ({ app, page }, testInfo) => {
  const right = testInfo.outputPath('clients.csv');
  fs.writeFileSync(right, `${FRENCH_CLIENTS}\r\n`, 'utf8');
  const wrong = testInfo.outputPath('autre-boutique.csv');
  fs.writeFileSync(wrong, `${WRONG_FILE}\r\n`, 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(right, 'Boutique Montréal', 'customer relationship');
  // Its two rows with a bad value are kept, flagged.
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');

  await app.importer.importAnother();
  await app.importer.chooseFile(wrong);
  await app.importer.toSource();
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');

  await app.goTo('People');
  await app.profiles.search('quintal');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Ophélie Quintal']);

  await app.goTo('Sources');
  await app.sources.tab('Import history');
  await expect(app.sources.runs()).toHaveCount(2);
  const wrongRun = app.sources.runs().filter({ hasText: 'autre-boutique.csv' });
  const rightRun = app.sources.runs().filter({ hasText: 'clients.csv' });
  await wrongRun.getByRole('button', { name: 'Remove what this import added…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove what this import added?' });
  await expect(dialog.getByTestId('undo-plan')).toContainText('2 records this import added to Boutique Montréal will be removed from the vault');
  await expect(dialog).toContainText('This cannot be reversed.');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '2 records removed.' })).toBeVisible();
  await expect(wrongRun.getByTestId('run-undone')).toHaveText('Undone');
  await expect(wrongRun.getByRole('button', { name: 'Remove what this import added…' })).toHaveCount(0);
  await expect(rightRun.getByTestId('run-undone')).toHaveCount(0);

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '5');
  await app.profiles.search('quintal');
  await expect(app.profiles.results().getByRole('button')).toHaveCount(0);
  await app.profiles.search('gaspard.vasseur@ailleurs.ca');
  await expect(app.profiles.results().getByRole('button')).toHaveCount(0);
  await app.profiles.search('helene');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Hélène Tremblay']);
});
