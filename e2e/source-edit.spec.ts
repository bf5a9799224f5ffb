/**
 * A file source edited from the Sources screen, with no import: a CSV is imported as a new source, then
 * its lawful basis and one column of its saved mapping are changed (the columns shown without values,
 * then next to the rows of a file chosen for that); the register shows the new basis, the audit trail
 * says what changed, and the next import of the source starts from the edited mapping.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const CLIENTS = [
  'No client;Prénom;Nom;Courriel;Téléphone',
  'C-001;Hélène;Tremblay;helene.tremblay@exemple.ca;(514) 555-0199',
  'C-002;Anaïs;Côté;anais.cote@exemple.ca;418 555 0142',
].join('\r\n');

interface PreviewReply {
  readonly ok: boolean;
  readonly value: { readonly mappingFrom: string; readonly mapping: { readonly columns: ReadonlyArray<{ readonly column: string }> } };
}

test('a source’s lawful basis and mapping are edited without importing, and the next import uses the edited mapping', async ({ app, page, custodia }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${CLIENTS}\r\n`, 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique', 'customer relationship');
  await app.importer.toMapping();
  await expect(app.importer.fieldOf('Téléphone')).toHaveValue('phone');
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');

  // Customer relationship may rest on consent too in this vault: the catalog allows the basis the edit chooses.
  await app.callApi('purposes.update', { code: 'customer_relationship', bases: ['consent', 'contract'] });
  await app.goTo('Sources');
  const row = app.sources.sourceRow('Boutique');
  await expect(row).toContainText('Contract');

  // From the keyboard: Edit opens the editor, its title focused; Escape closes it and Edit has the focus again.
  await app.sources.editSourceButton('Boutique').focus();
  await page.keyboard.press('Enter');
  const editor = app.sources.sourceEditor();
  await expect(editor.getByRole('heading', { name: 'Edit the source “Boutique”' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(app.sources.editSourceButton('Boutique')).toBeFocused();

  await app.sources.editSourceButton('Boutique').click();
  // No file at hand: the saved mapping's columns, without values.
  await expect(editor.getByTestId('mapping-from')).toContainText('This is the mapping saved with “Boutique”');
  await expect(editor.locator('tr[data-column="Nom"] td.samples')).toHaveText('no file chosen');
  await editor.getByLabel('Lawful basis').selectOption('consent');
  // Each purpose has its own basis; one on the source's basis follows it.
  await expect(editor.getByLabel('Basis of “customer relationship”')).toHaveValue('consent');
  await editor.getByLabel('Imported as, for column Téléphone').selectOption('');

  // Values from a file chosen for that: the edit is kept, and nothing is imported.
  await editor.getByTestId('source-sample-input').setInputFiles(csv);
  await expect(editor.getByTestId('mapping-from')).toContainText('Values from the first rows of clients.csv');
  await expect(editor.locator('tr[data-column="Nom"] td.samples')).toContainText('Tremblay · Côté');
  await expect(editor.getByLabel('Imported as, for column Téléphone')).toHaveValue('');
  // Browser mode uploaded a copy to read its first rows; no import will read it, so it is gone already.
  // (The serving process's own folder under staging/ stays, empty, until it locks.)
  const stagedFiles = (): string[] => {
    const staging = path.join(custodia.vaultDir, 'staging');
    return fs.readdirSync(staging, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  };
  await expect.poll(stagedFiles).toEqual([]);

  await editor.getByRole('button', { name: 'Save the changes' }).click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('source-edit-outcome')).toContainText('The changes to “Boutique” were saved.');
  await expect(app.sources.editSourceButton('Boutique')).toBeFocused();
  await expect(row).toContainText('Consent');
  await expect(row).not.toContainText('Contract');

  // Newest first: the edit, after the entry of the import that created the source.
  const audit = await app.callApi('audit.list', { filter: { action: 'source.saved' } });
  const [edit] = (audit.body as { value: { entries: Array<{ details: Record<string, unknown> }> } }).value.entries;
  expect(edit?.details).toMatchObject({
    changed: ['purposes', 'lawfulBasis', 'mapping'],
    lawfulBasisBefore: 'contract',
    lawfulBasisAfter: 'consent',
    mappingChanged: true,
  });
  const runs = await app.callApi('import.runs', {});
  expect((runs.body as { value: unknown[] }).value).toHaveLength(1);

  // The next file from the source starts from the edited mapping.
  await app.goTo('Import');
  await app.importer.importAnother();
  const previewed = page.waitForResponse(
    (response) => response.url().endsWith('/api/call') && (response.request().postData() ?? '').includes('"source":"Boutique"'),
  );
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  await expect(app.importer.step('source').getByLabel('Source', { exact: true })).toHaveValue('Boutique');
  await app.importer.toMapping();
  const reply = (await (await previewed).json()) as PreviewReply;
  expect(reply.value.mappingFrom).toBe('source');
  expect(reply.value.mapping.columns.map((column) => column.column)).not.toContain('Téléphone');
  await expect(app.importer.mappingFrom()).toContainText('This is the mapping saved with “Boutique”');
  await expect(app.importer.fieldOf('Téléphone')).toHaveValue('');
  await expect(app.importer.fieldOf('Nom')).toHaveValue('familyName');
});
