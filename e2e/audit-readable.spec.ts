/**
 * The audit trail reads in words: an auditor sees an import by its source's name, opens the whole entry
 * with its counts labelled and its hash, walks the chain to the next entry, narrows the trail to one user
 * and exports it with that filter said on screen and written in the file.
 */
import fs from 'node:fs';
import { FRENCH_CLIENTS } from './french-clients';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const AUDITOR = { name: 'Audrey Auditor', passphrase: 'auditor passphrase 2026' };

test('an auditor reads an import by name, opens it whole, and exports one user’s entries with the filter shown', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n`);
  await app.openNewVault(ADMIN);
  await app.goTo('Users');
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique Montréal', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');
  await app.lock();

  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);
  await app.goTo('Audit trail');
  const completed = app.audit.row('import.completed');
  await expect(completed).toContainText('Import completed');
  await expect(completed).toContainText(/Run \d+ of “Boutique Montréal”/);
  await expect(completed).toContainText('Rows read: 5');
  await expect(page.getByTestId('audit-list')).not.toContainText('import_run');

  // The whole entry: labelled counts, the source by name, the full hash, and its neighbours in the chain.
  const panel = await app.audit.openEntry('import.completed');
  const seq = Number(await panel.getAttribute('data-seq'));
  await expect(panel.getByRole('heading', { name: `Entry #${seq}` })).toBeFocused();
  const details = panel.getByTestId('audit-entry-details');
  await expect(details.locator('[data-key="inserted"]')).toContainText('Inserted5');
  await expect(details.locator('[data-key="sourceId"]')).toContainText('Source “Boutique Montréal”');
  await expect(panel.getByTestId('audit-entry-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await panel.getByTestId('audit-entry-next').click();
  await expect(panel).toHaveAttribute('data-seq', String(seq + 1));
  await expect(panel.getByRole('heading', { name: `Entry #${seq + 1}` })).toBeFocused();
  await panel.getByTestId('audit-entry-previous').click();
  await expect(panel).toHaveAttribute('data-seq', String(seq));
  await page.keyboard.press('Escape');
  await expect(app.audit.panel()).toHaveCount(0);
  await expect(completed.getByRole('button')).toBeFocused();

  // What did Alice do: only her entries, and the export says so before and after it runs.
  await page.getByLabel('Actor').selectOption({ label: ADMIN.name });
  await expect(app.audit.total()).toContainText('matching');
  const matching = Number(await app.audit.total().getAttribute('data-total'));
  await expect(page.getByTestId('audit-list').locator('.col-actor').filter({ hasNotText: ADMIN.name })).toHaveCount(0);
  await app.audit.tab('Export');
  await expect(page.getByTestId('export-scope')).toContainText(`Exporting ${matching} entries matching: actor = ${ADMIN.name}`);
  await page.getByLabel('Output folder').fill(testInfo.outputPath('audit-export'));
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toContainText(`${matching} entries exported`);
  const csvFile = (await result.locator('code').filter({ hasText: /\.csv$/ }).innerText()).trim();
  const firstLine = fs.readFileSync(csvFile, 'utf8').split('\r\n')[0];
  expect(firstLine).toMatch(/^# custodia-audit-export\/1; head #\d+; filter: actorId=1$/);
});
