/**
 * JSON exports whose records sit inside an object (`{"customers": […]}`): the preview offers the lists
 * it found, chooses the only one by itself, and the import reads the records from it.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const customers = [
  { id: 'c-1', first_name: 'Hélène', last_name: 'Lefèvre', email: 'helene@exemple.fr' },
  { id: 'c-2', first_name: 'Anna', last_name: 'Wiśniewska', email: 'anna@wp.pl' },
];

test('the records of a JSON object are found, chosen when alone, and imported', async ({ app, page }, testInfo) => {
  const single = testInfo.outputPath('export.json');
  fs.writeFileSync(single, JSON.stringify({ meta: { exportedAt: '2026-03-01' }, customers }));
  const two = testInfo.outputPath('two-lists.json');
  fs.writeFileSync(two, JSON.stringify({ orders: [{ sku: 'A1' }], data: { customers } }));

  await app.openNewVault(ADMIN);
  await app.goTo('Import');

  // Two lists: the steward chooses; until then nothing can be read.
  await app.importer.chooseFile(two);
  const choice = app.importer.step('preview').getByTestId('records-path-choice');
  await expect(choice).toHaveValue('');
  await expect(choice.locator('option')).toHaveText(['Choose a list…', 'orders', 'data.customers', 'Another path…']);
  await expect(app.importer.step('preview').getByRole('button', { name: 'Next: source' })).toBeDisabled();
  await choice.selectOption('data.customers');
  await expect(app.importer.previewTable().locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Choose another file' }).click();

  // One list: chosen at once.
  await app.importer.chooseFile(single);
  await expect(app.importer.step('preview').getByTestId('records-path-choice')).toHaveValue('customers');
  await expect(app.importer.previewTable().locator('tbody tr')).toHaveCount(2);
  await expect(app.importer.previewTable()).toContainText('Wiśniewska');
  await app.importer.toSource();
  await app.importer.declareNewSource('CRM', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', '0');
});
