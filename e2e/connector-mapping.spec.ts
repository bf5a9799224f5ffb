/**
 * A connector's mapping reviewed from its card: before the first sync, the suggestion is shown next to the
 * rows the connector reads; the steward changes the record key and a column, saves, and finds the change
 * saved when reopening (and in the audit trail as a change of the connector's mapping). A watched folder
 * set to "On demand only" imports nothing until Sync now; once its files were all imported it is reviewed
 * with the rows of the last one, from processed/.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { startApi, TOKEN } from './test-api';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

test('a connector’s mapping is reviewed next to its rows, changed, saved and found again', async ({ app }) => {
  const api = await startApi();
  try {
    await app.openNewVault(ADMIN);
    await app.goTo('Sources');
    await app.sources.tab('Connectors');
    const card = await app.sources.addRestConnector(
      'CRM API',
      { baseUrl: api.baseUrl, path: 'v1/customers', authValue: TOKEN, recordsPath: 'data' },
      'customer relationship',
    );

    // From the keyboard: the button opens the mapping in the card, its title focused.
    await card.getByRole('button', { name: 'Review the mapping' }).focus();
    await app.page.keyboard.press('Enter');
    const panel = card.getByTestId('connector-mapping');
    await expect(panel.getByRole('heading', { name: 'Columns and fields of “CRM API”' })).toBeFocused();
    await expect(panel.getByTestId('mapping-from')).toContainText('this is the one the first sync would save', { timeout: 30_000 });
    await expect(panel.getByTestId('connector-mapping-rows')).toContainText('2 rows read from the connector');
    // Each column is shown with the values the connector just returned.
    await expect(panel.locator('tr[data-column="last_name"] td.samples')).toContainText('Tremblay · Roy');
    const recordKey = panel.getByLabel('Customer identifier');
    await expect(recordKey).toHaveValue('id');

    await recordKey.selectOption('email');
    await panel.getByLabel('Imported as, for column last_name').selectOption('');
    await panel.getByRole('button', { name: 'Save the mapping' }).click();
    await expect(panel).toHaveCount(0);
    await expect(card).toContainText('The mapping of “CRM API” was saved; the next sync uses it.');
    await expect(card.getByRole('button', { name: 'Review the mapping' })).toBeFocused();

    // Reopened: the saved mapping, with both changes.
    await card.getByRole('button', { name: 'Review the mapping' }).click();
    await expect(panel.getByTestId('mapping-from')).toContainText('This is the mapping saved with “CRM API”', { timeout: 30_000 });
    await expect(panel.getByLabel('Customer identifier')).toHaveValue('email');
    await expect(panel.getByLabel('Imported as, for column last_name')).toHaveValue('');
    await expect(panel.getByLabel('Imported as, for column first_name')).not.toHaveValue('');

    // Saving it untouched sends nothing; Cancel closes it too, the focus back on the button.
    await panel.getByRole('button', { name: 'Save the mapping' }).click();
    await expect(card).toContainText('Nothing was changed.');
    await card.getByRole('button', { name: 'Review the mapping' }).click();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Review the mapping' })).toBeFocused();

    const audit = await app.callApi('audit.list', { filter: { action: 'connector.updated' } });
    expect(audit.body).toMatchObject({ ok: true, value: { total: 1, entries: [{ details: { changed: ['mapping'] } }] } });
    const sources = await app.callApi('sources.list', {});
    const saved = (sources.body as { value: Array<{ name: string; mapping: { recordKey: string; columns: Array<{ column: string }> } }> }).value.find(
      (source) => source.name === 'CRM API',
    );
    expect(saved?.mapping.recordKey).toBe('email');
    expect(saved?.mapping.columns.map((column) => column.column)).not.toContain('last_name');

    // The next sync uses the reviewed mapping as it stands: it is not replaced by a new suggestion.
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('sync-result')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
    const after = await app.callApi('sources.list', {});
    expect(JSON.stringify(after.body)).toContain('"recordKey":"email"');
  } finally {
    await api.close();
  }
});

test('a watched folder whose files were all imported is reviewed with the rows of the last one', async ({ app }, testInfo) => {
  const folder = testInfo.outputPath('exports');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(`${folder}/clients.csv`, 'id;first_name;last_name;email\r\n1;Hélène;Tremblay;helene@exemple.ca\r\n2;Zoé;Roy;zoe@exemple.ca\r\n', 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Sources');
  await app.sources.tab('Connectors');
  const card = await app.sources.addFolderConnector('Exports', folder, 'customer relationship');
  // On demand only: adding it imports nothing; the file waits until Sync now.
  await expect(card).toContainText('On demand only');
  await app.page.waitForTimeout(2_000);
  expect(fs.existsSync(`${folder}/clients.csv`)).toBe(true);
  expect((await app.callApi('import.runs', {})).body).toEqual({ ok: true, value: [] });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('sync-result')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  // Imported and moved aside, which empties the folder.
  expect(fs.existsSync(`${folder}/processed/clients.csv`)).toBe(true);

  await card.getByRole('button', { name: 'Review the mapping' }).click();
  const panel = card.getByTestId('connector-mapping');
  await expect(panel.getByTestId('mapping-from')).toContainText('This is the mapping saved with “Exports”', { timeout: 30_000 });
  await expect(panel).toContainText('these rows come from clients.csv, already imported (in processed/)');
  await expect(panel.locator('tr[data-column="last_name"] td.samples')).toContainText('Tremblay · Roy');
  await expect(panel.getByText('not in the rows read')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Cancel' }).click();

  // A newer export without the email column: the review says so in the connector's words, not the file's.
  fs.writeFileSync(`${folder}/clients-2.csv`, 'id;first_name;last_name\r\n3;Noël;Côté\r\n', 'utf8');
  await card.getByRole('button', { name: 'Review the mapping' }).click();
  await expect(panel.locator('tr[data-column="last_name"] td.samples')).toContainText('Côté', { timeout: 30_000 });
  await expect(panel.locator('tr[data-column="email"] th')).toContainText('not in the rows read');
  await expect(panel).toContainText('The rows read have no column email, which the saved mapping uses.');
  await expect(panel).not.toContainText('this file');
});
