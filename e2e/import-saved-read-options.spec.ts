/**
 * A source remembers the sheet chosen for its first workbook: the next workbook of that source is
 * previewed, mapped and imported from the same sheet without the steward choosing it again. A file with
 * other columns (a till export) is not offered to it: the wizard starts a new source.
 */
import fs from 'node:fs';
import writeExcelFile from 'write-excel-file/node';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const HEADER = ['No client', 'Prénom', 'Nom', 'Courriel', 'Ville'];
const NOTES = [
  ['Sujet', 'Remarque'],
  ['Inventaire', 'Compter les cartons du dépôt'],
];

async function workbook(file: string, clients: string[][]): Promise<void> {
  await writeExcelFile([
    { sheet: 'Notes', data: NOTES },
    { sheet: 'Clients', data: [HEADER, ...clients] },
  ]).toFile(file);
}

test('the second workbook of a source is read from the sheet chosen for the first', async ({ app, page }, testInfo) => {
  const march = testInfo.outputPath('clients-mars.xlsx');
  await workbook(march, [
    ['X-101', 'Hélène', 'Tremblay', 'helene.tremblay@exemple.ca', 'Montréal'],
    ['X-102', 'Łukasz', 'Wójcik', 'lukasz.wojcik@przyklad.pl', 'Łódź'],
  ]);
  const april = testInfo.outputPath('clients-avril.xlsx');
  await workbook(april, [['X-103', 'Anaïs', 'Côté', 'anais.cote@exemple.ca', 'Lévis']]);

  await app.openNewVault(ADMIN);
  await app.goTo('Import');

  await app.importer.chooseFile(march);
  const sheet = app.importer.step('preview').getByLabel('Sheet');
  await expect(sheet).toHaveValue('');
  await expect(page.getByTestId('read-as-last')).toHaveCount(0);
  await sheet.selectOption('Clients');
  await expect(app.importer.previewTable()).toContainText('Hélène');
  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');

  // The next workbook: the sheet is chosen already, and the wizard says why.
  await app.importer.importAnother();
  await app.importer.chooseFile(april);
  await expect(sheet).toHaveValue('Clients');
  await expect(page.getByTestId('read-as-last')).toHaveText(
    'Read as the last file of “Boutique”: sheet “Clients”. Change a setting above to read it otherwise.',
  );
  await expect(app.importer.previewTable()).toContainText('Anaïs');
  await expect(app.importer.previewTable()).not.toContainText('Compter les cartons');
  await app.importer.toSource();
  await expect(app.importer.step('source').getByLabel('Source', { exact: true })).toHaveValue('Boutique');
  await app.importer.toMapping();
  await expect(app.importer.fieldOf('Courriel')).toHaveValue('email');
  await app.importer.start();
  await expect(app.importer.count('read')).toHaveAttribute('data-value', '1');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '1');

  // A till export next: its columns are not the ones Boutique's mapping reads, so Boutique is not offered.
  const till = testInfo.outputPath('caisse.csv');
  fs.writeFileSync(till, 'Carte;Montant;Date\r\nC-9;12,50;05/03/2024\r\n');
  await app.importer.importAnother();
  await app.importer.chooseFile(till);
  await expect(app.importer.previewTable()).toContainText('C-9');
  await expect(page.getByTestId('read-as-last')).toHaveCount(0);
  await app.importer.toSource();
  await expect(app.importer.step('source').getByLabel('A new source')).toBeChecked();
  await expect(app.importer.step('source').getByLabel('A source already in the vault')).not.toBeChecked();

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '3');
  await app.profiles.search('anais cote');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Anaïs Côté']);
});
