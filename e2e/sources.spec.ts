/**
 * Connectors in the interface: a watched folder on demand only is tested and added without being synced,
 * then synced on demand;
 * a REST connector is edited without its stored header value ever being replaced by the mask.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { startApi, TOKEN } from './test-api';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
test('a watched-folder connector is tested, added and synced', async ({ app }, testInfo) => {
  const folder = testInfo.outputPath('exports');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(`${folder}/clients.csv`, 'id;Prénom;Nom;Courriel\r\n1;Hélène;Tremblay;helene@exemple.ca\r\n2;Zoé;Roy;zoe@exemple.ca\r\n', 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Sources');
  await app.sources.tab('Connectors');
  const card = await app.sources.addFolderConnector('Boutique dossier', folder, 'customer relationship');
  await expect(card).toContainText('Watched folder');
  await expect(card).toContainText('On demand only');

  // On demand only: adding it imports nothing, the file waits in the folder.
  await app.page.waitForTimeout(2_000);
  await app.sources.tab('Import history');
  await expect(app.sources.runs()).toHaveCount(0);
  expect(fs.existsSync(`${folder}/clients.csv`)).toBe(true);

  // Synced on demand: the file is imported and moved aside.
  await app.sources.tab('Connectors');
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('sync-result')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  expect(fs.existsSync(`${folder}/processed/clients.csv`)).toBe(true);
  await app.sources.tab('Import history');
  await expect(app.sources.runs().first()).toContainText('Completed');
  await expect(app.sources.runs().first()).toContainText('Boutique dossier');

  // Again, with nothing new in the folder: a sync that completes with no run.
  await app.sources.tab('Connectors');
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('sync-result')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(card.getByTestId('sync-result')).not.toContainText('clients.csv');

  await card.getByRole('button', { name: 'Disable' }).click();
  await expect(card).toContainText('Disabled');
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeDisabled();
});

test('a REST connector is edited: a setting changes with the stored header value kept, then the header is removed', async ({ app }) => {
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

    // From the keyboard: Edit opens the form in the card on its first field, prefilled; the stored value reads "Unchanged".
    await card.getByRole('button', { name: 'Edit' }).focus();
    await app.page.keyboard.press('Enter');
    const form = app.sources.editForm('CRM API');
    await expect(form.getByLabel('Base address')).toBeFocused();
    await expect(form.getByLabel('Base address')).toHaveValue(api.baseUrl);
    await expect(form.getByLabel('Path', { exact: true })).toHaveValue('v1/customers');
    await expect(form.getByLabel('Authentication header')).toHaveValue('Authorization');
    await expect(form.getByLabel('Header value')).toHaveValue('Unchanged');
    await expect(form.getByLabel('Header value')).not.toBeEditable();
    // Unsaved settings are tested with the stored value, which the backend adds and never sends here.
    await form.getByLabel('Path', { exact: true }).fill('v2/clients');
    await form.getByLabel('Records path').fill('items');
    api.seen.length = 0;
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(form.getByTestId('connector-test-result')).toContainText('Connected: 2 rows read', { timeout: 30_000 });
    expect(api.seen.length).toBeGreaterThan(0);
    expect(api.seen.every((header) => header === TOKEN)).toBe(true);
    await form.getByLabel('Path', { exact: true }).fill('v1/customers');
    await form.getByLabel('Records path').fill('data');

    // Replacing is a choice: an empty new value is refused, and the stored one can be kept again.
    await form.getByRole('button', { name: 'Replace the value' }).click();
    await expect(form.getByLabel('New header value')).toBeFocused();
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await expect(form.getByText('Type the new value, or keep the stored one.')).toBeVisible();
    await expect(form.getByTestId('connector-form-problems')).toBeVisible();
    await expect(form.getByLabel('New header value')).toBeFocused();
    await form.getByRole('button', { name: 'Keep the stored value' }).click();
    await expect(form.getByLabel('Header value')).toHaveValue('Unchanged');
    await expect(form.getByTestId('connector-form-problems')).toHaveCount(0);

    // What the form sends is watched: neither the mask nor the secret may travel back.
    const updates: string[] = [];
    app.page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (request.url().endsWith('/api/call') && body.includes('"connectors.update"')) updates.push(body);
    });
    await form.getByLabel('Path', { exact: true }).fill('v2/clients');
    await form.getByLabel('Records path').fill('items');
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await expect(form).toHaveCount(0);
    await expect(card).toContainText('The changes to “CRM API” were saved.');
    await expect(card.getByRole('button', { name: 'Edit' })).toBeFocused();
    expect(updates).toHaveLength(1);
    expect(JSON.parse(updates[0]!)).toMatchObject({ input: { name: 'CRM API', config: { path: 'v2/clients', recordsPath: 'items' } } });
    expect(updates[0]).not.toContain('••••');
    expect(updates[0]).not.toContain('authHeader');
    const settings = await app.sources.settings('CRM API');
    await expect(settings).toContainText('v2/clients');
    await expect(settings).toContainText('••••');

    // The stored header value still opens the API, at its new address: it was not replaced by the mask.
    api.seen.length = 0;
    await card.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(card.getByTestId('connector-test-result')).toContainText('Connected: 2 rows read', { timeout: 30_000 });
    expect(api.seen.length).toBeGreaterThan(0);
    expect(api.seen.every((header) => header === TOKEN)).toBe(true);
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('sync-result')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

    // Only the configuration was sent, so the audit entry names it alone; the list still masks the secret.
    const audit = await app.callApi('audit.list', { filter: { action: 'connector.updated' } });
    expect(audit.body).toMatchObject({ ok: true, value: { entries: [{ details: { changed: ['config'] } }] } });
    const listed = await app.callApi('connectors.list', {});
    expect(listed.body).toMatchObject({
      ok: true,
      value: [{ name: 'CRM API', config: { path: 'v2/clients', recordsPath: 'items', authHeader: { name: 'Authorization', value: '••••' } } }],
    });

    // Saving an untouched form sends nothing; Cancel gives the focus back to Edit.
    await app.sources.editConnector('CRM API');
    await app.sources.editForm('CRM API').getByRole('button', { name: 'Save the changes' }).click();
    await expect(card).toContainText('Nothing was changed.');
    await app.sources.editConnector('CRM API');
    await app.sources.editForm('CRM API').getByRole('button', { name: 'Cancel' }).click();
    await expect(card.getByRole('button', { name: 'Edit' })).toBeFocused();
    expect(updates).toHaveLength(1);
    const again = await app.callApi('audit.list', { filter: { action: 'connector.updated' } });
    expect(again.body).toMatchObject({ ok: true, value: { total: 1 } });

    // Removing the header: Replace, then empty its name too, as the hint says; the API then gets none.
    await app.sources.editConnector('CRM API');
    const removing = app.sources.editForm('CRM API');
    await removing.getByRole('button', { name: 'Replace the value' }).click();
    await expect(removing).toContainText('To send no header at all, empty the header name too.');
    await removing.getByLabel('Authentication header').fill('');
    await removing.getByRole('button', { name: 'Save the changes' }).click();
    await expect(removing).toHaveCount(0);
    expect(updates).toHaveLength(2);
    expect(JSON.parse(updates[1]!)).toMatchObject({ input: { name: 'CRM API', config: { authHeader: null } } });
    const unauthenticated = await app.callApi('connectors.list', {});
    expect(JSON.stringify(unauthenticated.body)).not.toContain('authHeader');
    api.seen.length = 0;
    await card.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(card.getByRole('alert')).toContainText('The API refused access (HTTP 401)', { timeout: 30_000 });
    expect(api.seen.length).toBeGreaterThan(0);
    expect(api.seen.every((header) => header === '')).toBe(true);
  } finally {
    await api.close();
  }
});
