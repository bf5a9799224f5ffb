/**
 * A new source starts declared in the country its file's rows are from (the preview's suggestion), where
 * it used to say "None" and then silently take the mapping's country: the steward sees, and can change,
 * the country phone numbers without + will be read in, before the first import.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const CLIENTS = [
  'no_client;prénom;nom;téléphone;ville;pays',
  '1;Camille;Durand;06 12 34 56 78;Lyon;France',
  '2;Hugo;Martin;01 42 68 53 00;Paris;France',
  '3;Léa;Bernard;04 78 00 00 01;Lyon;France',
].join('\n');

test('a new source is offered the country of its file’s rows, and its phones are read in it', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients-lyon.csv');
  fs.writeFileSync(csv, `${CLIENTS}\n`, 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  const country = app.importer.step('source').getByLabel('Default country');
  await expect(country).toHaveValue('FR');
  await app.importer.declareNewSource('Boutique Lyon', 'customer relationship');
  await expect(country).toHaveValue('FR');
  await app.importer.toMapping();
  await expect(page.getByLabel('Country of phones and postal codes')).toHaveValue('FR');
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '3');

  const sources = (await app.callApi('sources.list', {})).body as { value: Array<{ name: string; defaultCountry: string | null }> };
  expect(sources.value).toEqual([expect.objectContaining({ name: 'Boutique Lyon', defaultCountry: 'FR' })]);
  const found = (await app.callApi('profiles.search', { query: 'camille' })).body as { value: { hits: Array<{ phones: string[] }> } };
  expect(found.value.hits[0]?.phones).toEqual(['+33612345678']);
});
