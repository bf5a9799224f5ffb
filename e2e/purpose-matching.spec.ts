/**
 * A source's own purpose words, matched in the mapping step: one mapped to a catalog purpose (saved with the
 * mapping), one added to the catalog by an administrator; each purpose of the source on its own basis; and
 * the person view saying whether each purpose may be used now, and why.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const SHOP = [
  { customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' }, consents: [{ purpose: 'Club Fidélité', granted: 'yes', date: '2025-01-01' }] },
  { customer: { id: 2, first_name: 'Bo', last_name: 'Berg', email: 'bo@exemple.fr' }, consents: [{ purpose: 'Horoscope', granted: 'yes', date: '2025-01-02' }] },
];

test('a file’s purpose words the catalog lacks are matched in the mapping step, and each purpose has its basis', async ({ app }, testInfo) => {
  const file = testInfo.outputPath('shop.json');
  fs.writeFileSync(file, JSON.stringify(SHOP), 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(file);
  await app.importer.toSource();
  await app.importer.declareNewSource('Shop', 'customer relationship');
  // A second purpose, on consent: the only basis email marketing allows, whatever the source's.
  const source = app.importer.step('source');
  await source.getByLabel('New purpose').fill('email marketing');
  await source.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(source.getByLabel('Basis of “email marketing”')).toHaveValue('consent');
  await expect(source.getByLabel('Basis of “customer relationship”')).toHaveValue('contract');
  await app.importer.toMapping();

  const matches = app.importer.step('mapping').getByTestId('purpose-matches');
  await expect(matches).toContainText('2 are still unmatched');
  await matches.getByLabel('Catalog purpose for “Club Fidélité”').selectOption('email_marketing');
  await matches.getByRole('button', { name: 'Add “Horoscope” to the catalog' }).click();
  // Now in the catalog by its own code: nothing left to match, the chosen match stays listed.
  await expect(matches.getByLabel('Catalog purpose for “Horoscope”')).toHaveCount(0);
  await expect(matches).toContainText('each is matched to a catalog purpose below');
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');
  await expect(app.importer.count('flagged')).toHaveAttribute('data-value', '0');

  const sources = (await app.callApi('sources.list', {})).body as { value: Array<{ purposes: unknown; mapping: { purposeAliases?: unknown } }> };
  expect(sources.value[0]).toMatchObject({
    purposes: [
      { purpose: 'customer relationship', basis: 'contract' },
      { purpose: 'email marketing', basis: 'consent' },
    ],
    mapping: { purposeAliases: { 'Club Fidélité': 'email_marketing' } },
  });

  await app.goTo('People');
  await app.profiles.search('zoe');
  const detail = await app.profiles.openResult('Zoé Martin');
  const email = detail.getByTestId('profile-consent').getByTestId('consent-email_marketing');
  await expect(email).toContainText('Granted');
  await expect(email).toContainText('Yes: consent is in force');
});
