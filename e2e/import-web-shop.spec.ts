/**
 * A web shop's NDJSON export: nested names and addresses, orders with a `placed_at` date and a gift
 * recipient's `ship_to`. The suggestion maps the customer's fields and the orders' date, never the
 * recipient; the steward adds a column the suggestion left out, and every order arrives with its date.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const customer = (index: number) => ({
  customer_id: `wsg_${index}`,
  email: `client${index}@videotron.ca`,
  name: { given: 'Amélie', family: `Tremblay${index}` },
  address: { line1: `${4520 + index} rue Saint-Denis`, city: 'Montréal', postal_code: 'H2X 1Y4', country: 'CA' },
  orders: [
    {
      order_id: `o-${index}`,
      placed_at: `2024-03-0${index}T13:25:00-05:00`,
      total: '42.50',
      currency: 'CAD',
      status: 'fulfilled',
      ship_to: { name: 'Jean Roy', city: 'Laval' },
    },
  ],
  consents: [{ purpose: 'newsletter', granted: true, at: '2024-01-10T09:00:00-05:00' }],
});

test('a web shop’s nested records are mapped, a recipient never, and a left-out column can be added', async ({ app, page }, testInfo) => {
  const file = testInfo.outputPath('customers.ndjson');
  fs.writeFileSync(file, [1, 2, 3].map((index) => JSON.stringify(customer(index))).join('\n') + '\n');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(file);
  await app.importer.toSource();
  await app.importer.declareNewSource('Web shop', 'customer relationship');
  await app.importer.toMapping();

  await expect(app.importer.fieldOf('name.given')).toHaveValue('givenName');
  await expect(app.importer.fieldOf('address.line1')).toHaveValue('street');
  await expect(app.importer.fieldOf('orders[].placed_at')).toHaveValue('event.at');
  await expect(page.locator('tr[data-column="orders[].placed_at"] td.samples')).toContainText('2024-03-01T13:25:00-05:00');
  await expect(page.locator('tr[data-column="orders[].ship_to.name"]')).toHaveCount(0);

  const add = page.getByTestId('mapping-add-column');
  await expect(add.getByRole('option', { name: 'orders[].ship_to.name (someone else’s details)' })).toHaveCount(1);
  await add.getByLabel('Add a column found in the first rows').selectOption('orders[].status');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('tr[data-column="orders[].status"] td.samples')).toContainText('fulfilled');
  await app.importer.fieldOf('orders[].status').selectOption('event.type');

  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '3');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', '0');
});
