/**
 * A file dropped on the window from any area opens the import wizard with it, as if dropped on the
 * Import screen (browser mode: the dropped file is uploaded and staged by the backend). A role that may
 * not import is told so, and nothing is opened.
 */
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const AUDITOR = { name: 'Oscar Auditor', passphrase: 'audit the ledger every quarter' };

const CLIENTS = ['id;first_name;last_name;city', 'C-001;Hélène;Tremblay;Montréal', 'C-002;Łukasz;Wójcik;Łódź'].join('\r\n');

test('a CSV dropped on the People screen opens the import wizard at its preview', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.goTo('People');
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();

  await app.importer.dropFile('clients-drop.csv', `${CLIENTS}\r\n`);

  await expect(app.navigation().getByRole('button', { name: 'Import', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(app.importer.step('preview')).toBeVisible();
  await expect(page.getByTestId('import-file-name')).toHaveText('clients-drop.csv');
  await expect(app.importer.previewTable()).toContainText('Hélène');
  await expect(app.importer.previewTable()).toContainText('Łódź');
  await expect(page.getByLabel('Delimiter')).toContainText('Automatic: Semicolon (;)');

  // The wizard goes on as usual with the dropped file.
  await app.importer.toSource();
  await app.importer.declareNewSource('Drop', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');
});

test('an auditor who drops a file is told that the role cannot import it', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.goTo('Users');
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);
  await app.lock();
  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);

  await app.goTo('Sources');
  await app.importer.dropFile('clients-drop.csv', `${CLIENTS}\r\n`);

  const refused = page.getByTestId('drop-refused');
  await expect(refused).toContainText('Your role (Auditor) cannot import files, so “clients-drop.csv” was not opened.');
  await expect(app.navigation().getByRole('button', { name: 'Import' })).toHaveCount(0);
  await expect(app.importer.step('preview')).toHaveCount(0);
  await refused.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toHaveCount(0);
});
