/**
 * An Excel workbook whose customers are not on its first sheet: the preview shows the first sheet, the
 * steward chooses the right one, the preview and the mapping follow it, and the import reads that sheet
 * only (a run reading the first sheet would import notes, or nothing, and find nobody).
 */
import writeExcelFile from 'write-excel-file/node';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const NOTES = [
  ['Sujet', 'Remarque'],
  ['Inventaire', 'Compter les cartons du dépôt'],
  ['Rappel', 'Relancer le fournisseur de Lyon'],
];

// Sheet row 1 is the header: the bad email is on row 4.
const CLIENTS = [
  ['No client', 'Prénom', 'Nom', 'Courriel', 'Téléphone', 'Ville'],
  ['X-101', 'Hélène', 'Tremblay', 'helene.tremblay@exemple.ca', '(514) 555-0199', 'Montréal'],
  ['X-102', 'Łukasz', 'Wójcik', 'lukasz.wojcik@przyklad.pl', '+48 42 123 45 67', 'Łódź'],
  // Nothing that identifies anyone: the one row rejected (a bad value alone would only be flagged).
  ['', '', '', '', '', 'Québec'],
  ['X-104', 'Anaïs', 'Côté', 'anais.cote@exemple.ca', '418 555 0142', 'Lévis'],
];

test('the sheet chosen in the preview is the one previewed, mapped and imported', async ({ app, page }, testInfo) => {
  const workbook = testInfo.outputPath('boutique.xlsx');
  await writeExcelFile([
    { sheet: 'Notes', data: NOTES },
    { sheet: 'Clients', data: CLIENTS },
  ]).toFile(workbook);

  await app.openNewVault(ADMIN);
  await app.goTo('Import');

  await app.importer.chooseFile(workbook);
  await expect(app.importer.step('preview')).toBeVisible();
  await expect(page.getByLabel('Format')).toContainText('Automatic: Excel workbook (.xlsx)');
  // The first sheet is read until another is chosen.
  const sheet = app.importer.step('preview').getByLabel('Sheet');
  await expect(sheet.locator('option')).toHaveText(['First sheet (Notes)', 'Notes', 'Clients']);
  await expect(app.importer.previewTable()).toContainText('Compter les cartons du dépôt');
  await expect(app.importer.previewTable()).not.toContainText('Hélène');

  await sheet.selectOption('Clients');
  await expect(app.importer.previewTable()).toContainText('Hélène');
  await expect(app.importer.previewTable()).toContainText('Łódź');
  await expect(app.importer.previewTable()).not.toContainText('Compter les cartons');
  await expect(app.importer.previewTable().locator('thead th')).toHaveText(['Line', ...CLIENTS[0]!]);
  await expect(app.importer.previewTable().locator('tbody tr')).toHaveCount(4);

  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique Lévis', 'customer relationship');
  await app.importer.toMapping();
  // The mapping is suggested from the chosen sheet's columns.
  await expect(app.importer.fieldOf('No client')).toHaveValue('sourceRecordId');
  await expect(app.importer.fieldOf('Courriel')).toHaveValue('email');
  await expect(app.importer.fieldOf('Remarque')).toHaveCount(0);
  await app.importer.start();

  await expect(app.importer.count('read')).toHaveAttribute('data-value', '4');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '3');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', '1');
  await expect(app.importer.result()).toContainText('Import complete: 3 customer records added or updated.');
  await expect(app.importer.rejectedRows()).toHaveCount(1);
  await expect(app.importer.rejectedRows().first()).toHaveAttribute('data-line', '4');

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '3');
  await app.profiles.search('anais cote');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Anaïs Côté']);
  const detail = await app.profiles.openResult('Anaïs Côté');
  await expect(detail.getByTestId('profile-record')).toContainText('X-104');
  await expect(detail.getByTestId('profile-summary')).toContainText('Lévis');
  await app.profiles.back();
  await app.profiles.search('lodz');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Łukasz Wójcik']);
});
