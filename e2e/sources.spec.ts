/** Connectors in the interface: a watched folder is tested, added, synced by itself, and synced on demand. */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

test('a watched-folder connector is tested, added and synced', async ({ app }, testInfo) => {
  const folder = testInfo.outputPath('exports');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(`${folder}/clients.csv`, 'id;Prénom;Nom;Courriel\r\n1;Hélène;Tremblay;helene@exemple.ca\r\n2;Zoé;Roy;zoe@exemple.ca\r\n', 'utf8');

  await app.open();
  await app.start.createVault(ADMIN.name, ADMIN.passphrase);
  await app.start.acknowledgeRecoveryCode();
  await app.goTo('Sources');
  await app.sources.tab('Connectors');
  const card = await app.sources.addFolderConnector('Boutique dossier', folder, 'customer relationship');
  await expect(card).toContainText('Watched folder');
  await expect(card).toContainText('On demand only');

  // The folder is watched: the file waiting there is imported without asking.
  await app.sources.tab('Import history');
  await expect(async () => {
    await app.page.getByRole('button', { name: 'Refresh' }).click();
    await expect(app.sources.runs().first()).toContainText('Completed', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(app.sources.runs().first()).toContainText('Boutique dossier');
  expect(fs.existsSync(`${folder}/processed/clients.csv`)).toBe(true);

  // On demand, with nothing new in the folder: a sync that completes with no run.
  await app.sources.tab('Connectors');
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('sync-result')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

  await card.getByRole('button', { name: 'Disable' }).click();
  await expect(card).toContainText('Disabled');
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeDisabled();
});
