/**
 * The import wizard end to end, in browser mode (the file is uploaded and staged by the backend): a
 * French `;` CSV with accents, two rows kept with a value to review and one rejected, its rejects downloaded as CSV, the same file imported
 * again without changing anything, then people found with accent-free searches. And the role rule:
 * auditors never see imports or people.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS, NOBODY_ROW } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const AUDITOR = { name: 'Oscar Auditor', passphrase: 'audit the ledger every quarter' };
/** Two rows kept with a value to review (a bad email, no customer number), and one rejected (nobody in it). */
const CLIENTS = `${FRENCH_CLIENTS}\r\n${NOBODY_ROW}\r\n`;

test('a French CSV with rejected rows is imported, its rejects downloaded, and its people found without accents', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients-été.csv');
  fs.writeFileSync(csv, CLIENTS, 'utf8');
  const empty = testInfo.outputPath('vide.csv');
  fs.writeFileSync(empty, '');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');

  // A file that cannot be imported is explained, and the wizard stays on the first step.
  await app.importer.chooseFile(empty);
  await expect(app.importer.error()).toHaveAttribute('data-code', 'FILE_EMPTY');
  await expect(app.importer.error()).toContainText('This file is empty: there is nothing to import.');

  await app.importer.chooseFile(csv);
  await expect(app.importer.step('preview')).toBeVisible();
  await expect(page.getByTestId('import-file-name')).toHaveText('clients-été.csv');
  await expect(app.importer.previewTable()).toContainText('Hélène');
  await expect(app.importer.previewTable()).toContainText('Łódź');
  await expect(page.getByLabel('Delimiter')).toContainText('Automatic: Semicolon (;)');

  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique Montréal', 'customer relationship');
  await app.importer.toMapping();
  await expect(app.importer.mappingFrom()).toContainText('Custodia suggested this mapping');
  await expect(app.importer.fieldOf('No client')).toHaveValue('sourceRecordId');
  await expect(app.importer.fieldOf('Courriel')).toHaveValue('email');
  await app.importer.start();

  await expect(app.importer.count('read')).toHaveAttribute('data-value', '6');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', '1');
  await expect(app.importer.count('flagged')).toHaveAttribute('data-value', '2');
  await expect(app.importer.result()).toContainText('Import complete: 5 customer records added or updated.');
  await expect(page.getByTestId('import-flagged')).toContainText('2 records were kept with values that could not be read');
  await expect(app.importer.rejectedRows()).toHaveCount(1);
  await expect(app.importer.rejectedRows().nth(0)).toHaveAttribute('data-line', '7');
  // Reasons are said by the interface from their codes, not copied from the backend's text.
  await expect(app.importer.rejectedRows().nth(0).getByRole('listitem')).toHaveText([
    'No customer number, name, email or phone: nothing identifies a person',
    'No customer number in column No client',
  ]);

  const download = await app.importer.downloadRejects();
  expect(download.suggestedFilename()).toBe('clients-été-rejected-rows.csv');
  const rejects = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = rejects.trim().split(/\r?\n/);
  // The file's own columns after the line and the reasons, with its own `;`, to correct in a spreadsheet and import again.
  expect(lines[0]).toBe('line;reasons;No client;Prénom;Nom;Courriel;Téléphone;Ville;Code postal;Pays;Optin infolettre;Date achat;Montant');
  expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual(['7']);
  expect(rejects).toContain('75001');

  // The same file again, dropped on the window this time, into the same source: its saved mapping
  // comes back and nothing changes.
  await app.importer.importAnother();
  await app.importer.dropFile('clients-été.csv', CLIENTS);
  await expect(app.importer.step('preview')).toBeVisible();
  await app.importer.toSource();
  await expect(app.importer.step('source').getByLabel('A source already in the vault')).toBeChecked();
  await expect(app.importer.step('source').getByRole('combobox', { name: 'Source', exact: true })).toHaveValue('Boutique Montréal');
  await app.importer.toMapping();
  await expect(app.importer.mappingFrom()).toContainText('This is the mapping saved with “Boutique Montréal”');
  await app.importer.start();
  await expect(app.importer.result()).toContainText('Nothing changed: the vault already held every valid row of this file, and 1 row was rejected.');
  await expect(app.importer.count('unchanged')).toHaveAttribute('data-value', '5');

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '5');
  await expect(app.profiles.listRows()).toHaveCount(5);

  await app.profiles.search('helene');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Hélène Tremblay']);
  let detail = await app.profiles.openResult('Hélène Tremblay');
  await expect(detail.getByTestId('profile-record')).toContainText('C-001');
  // Stored as +15145550199; read as people write it.
  await expect(detail.getByTestId('profile-summary')).toContainText('+1 514 555 0199');
  await expect(detail.getByTestId('profile-record')).toContainText('written “(514) 555-0199”');
  await expect(detail.getByTestId('profile-events')).toContainText('125.50');
  await expect(detail.getByTestId('profile-consents')).toContainText('Given');
  await app.profiles.back();

  // By customer number, in any case.
  await app.profiles.search('c-001');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Hélène Tremblay']);

  await app.profiles.search('lodz');
  await expect(app.profiles.results().getByRole('button')).toHaveText(['Łukasz Wójcik']);
  detail = await app.profiles.openResult('Łukasz Wójcik');
  await expect(detail.getByTestId('profile-summary')).toContainText('Łódź');
  // Written in the source exactly as it is shown: nothing more to say about it.
  await expect(detail.getByTestId('profile-summary')).toContainText('+48 42 123 45 67');
  await expect(detail.getByTestId('profile-record')).not.toContainText('written “+48');
});

test('an auditor sees the register of sources and the import history, read-only, but neither Import nor People', async ({ app }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, CLIENTS, 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique Montréal', 'customer relationship');

  await app.goTo('Users');
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);
  await app.lock();
  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);

  const nav = app.navigation();
  await expect(nav.getByRole('button', { name: 'Sources' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Import' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'People' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Data quality' })).toHaveCount(0);

  await app.goTo('Sources');
  // The register is what an auditor reviews: each source's purposes and lawful basis, with nothing to edit.
  const register = app.sources.sourceRow('Boutique Montréal');
  await expect(register).toContainText('customer relationship');
  await expect(register).toContainText('Contract');
  await expect(register.getByRole('button')).toHaveCount(0);
  await expect(register.locator('[data-status]')).toHaveText('Completed with 1 rejected row');

  await app.sources.tab('Import history');
  await expect(app.sources.runs()).toHaveCount(1);
  await expect(app.sources.runs().first()).toContainText('Boutique Montréal');
  await expect(app.sources.runs().first()).toContainText('clients.csv');
  // A row rejected: not a green "Completed".
  await expect(app.sources.runs().first().locator('[data-status]')).toHaveAttribute('data-status', 'completed-with-rejects');
  await expect(app.sources.runs().first()).toContainText('Completed with 1 rejected row');
  // The counts, never the rows: no way to open the rejected rows.
  await expect(app.sources.runs().first().getByRole('button')).toHaveCount(0);

  const attempt = await app.callApi('profiles.search', { query: 'helene' });
  expect(attempt.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
