/**
 * A shop in Toronto whose Polish customers' mobiles were typed without their country code: read as
 * Canadian numbers they cannot be, so the import keeps them as sent and flags them. The result says so
 * and leads to Data quality, narrowed to that import; the steward sees the counts, opens a person, then
 * reads the phones again as Polish numbers (previewed, then applied) and nothing is left to review.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const CLIENTS = [
  'No client;Prénom;Nom;Téléphone;Ville',
  'T-1;Anna;Kowalska;601 234 567;Toronto',
  'T-2;Piotr;Nowak;602 345 678;Toronto',
  'T-3;Emma;Tremblay;(416) 555-0199;Toronto',
].join('\n');

test('flagged phones are reviewed and read again as another country’s', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients-toronto.csv');
  fs.writeFileSync(csv, `${CLIENTS}\n`, 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique Toronto', 'customer relationship');
  await app.importer.step('source').getByLabel('Default country').selectOption('CA');
  await app.importer.toMapping();
  await expect(app.importer.fieldOf('Téléphone')).toHaveValue('phone');
  await app.importer.start();

  // Kept, not rejected: three people, two of them with a phone to review.
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '3');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', '0');
  await expect(app.importer.count('flagged')).toHaveAttribute('data-value', '2');
  const flagged = page.getByTestId('import-flagged');
  await expect(flagged).toContainText('2 records were kept with values that could not be read');

  // The landing page says there is something to review.
  await app.goTo('Overview');
  await expect(page.locator('[data-testid="attention-item"][data-kind="flaggedRecords"]')).toContainText('Boutique Toronto: 2 records to review in Data quality.');
  await app.goTo('Import');

  await flagged.getByRole('button', { name: 'Review them in Data quality' }).click();
  await expect(app.quality.heading()).toBeVisible();
  await expect(app.navigation().getByRole('button', { name: 'Data quality' })).toHaveAttribute('aria-current', 'page');
  await expect(app.quality.headline()).toHaveText(
    'The import you came from kept 2 records of Boutique Toronto with values as sent because they could not be read.',
  );
  await expect(page.getByRole('img', { name: /^Bar chart of the flagged records of Boutique Toronto/ })).toBeVisible();
  await expect(app.quality.counts()).toHaveCount(1);
  await expect(app.quality.counts().first()).toContainText('Phone');
  await expect(app.quality.counts().first()).toContainText('Téléphone: not a valid phone number');
  await expect(
    app.quality
      .counts()
      .first()
      .getByRole('button', { name: /^List the values of 2 records: Phone, column Téléphone/ }),
  ).toBeVisible();
  await expect(app.quality.flags()).toHaveCount(2);
  await expect(app.quality.flags().first()).toContainText('601 234 567');
  await expect(app.quality.flags().first()).toContainText('T-1');

  // A person opens in place, and going back finds the list as it was.
  const detail = await app.quality.openPerson('Anna Kowalska');
  await expect(detail.getByTestId('profile-record')).toContainText('T-1');
  await app.quality.back();
  await expect(app.quality.flags()).toHaveCount(2);

  const plan = await app.quality.previewPhones('PL');
  await expect(plan).toContainText('2 flagged values: 2 will be read and stored, 0 stay flagged, in 2 records.');
  const done = await app.quality.apply();
  await expect(done).toContainText('Done: 2 values were read and stored, in 2 records; 0 are still flagged.');
  await expect(app.quality.headline()).toHaveText('Nothing left to review in Boutique Toronto: every value could be read.');
  await expect(app.quality.flags()).toHaveCount(0);

  const found = (await app.callApi('profiles.search', { query: 'kowalska' })).body as { value: { hits: Array<{ phones: string[] }> } };
  expect(found.value.hits[0]?.phones).toEqual(['+48601234567']);

  await app.goTo('Data quality');
  await expect(page.getByTestId('quality-clean')).toHaveText('All sources are clean: every value imported so far could be read.');
  await app.goTo('Overview');
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  await expect(page.getByTestId('attention-none')).toBeVisible();
  await expect(page.locator('[data-testid="attention-item"][data-kind="flaggedRecords"]')).toHaveCount(0);
});
