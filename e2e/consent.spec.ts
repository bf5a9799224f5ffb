/**
 * Consent end to end: an import's consent column becomes ledger events, a person's withdrawal is recorded
 * by hand from the keyboard with its evidence, the state changes and the audit trail says so (ids only),
 * and an administrator adds a purpose to the catalog.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

test('a person’s consent comes from an import, is withdrawn by hand, and the catalog takes a new purpose', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  // A purpose the catalog lacks is said at once, not when the import is refused.
  const source = app.importer.step('source');
  await source.getByLabel('A new source').check();
  await source.getByLabel('New purpose').fill('online orders');
  await source.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(source.getByRole('alert')).toContainText('“online orders” is not in the purpose catalog.');
  await app.importer.declareNewSource('Boutique', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');

  await app.goTo('People');
  await app.profiles.search('helene');
  const detail = await app.profiles.openResult('Hélène Tremblay');
  const consent = detail.getByTestId('profile-consent');
  // The column "Optin infolettre" is the default catalog's email marketing; the source declared customer relationship on contract.
  const email = consent.getByTestId('consent-email_marketing');
  await expect(email).toContainText('Granted');
  await expect(consent.getByTestId('consent-customer_relationship')).toContainText('Contract');
  // Consent cannot be the basis of legal records: only an objection is offered there.
  await expect(consent.getByTestId('consent-legal_records').getByRole('button')).toHaveText(['Object']);

  // Withdrawing, from the keyboard, as granting would be.
  await email.getByRole('button', { name: 'Withdraw consent for Email marketing' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Record a withdrawal: Email marketing' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('How the person told you').selectOption('phone');
  await dialog.getByLabel('Evidence reference').fill('call 2026-118');
  await dialog.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(consent.getByTestId('consent-recorded')).toContainText('Recorded: Email marketing is now “Withdrawn”.');
  await expect(email).toContainText('Withdrawn');
  await email.getByText('Events (2)').click();
  await expect(email).toContainText('recorded by Alice Admin · Phone');
  await expect(email).toContainText('evidence: call 2026-118');

  const audit = await app.callApi('audit.list', { filter: { action: 'consent.recorded' } });
  const [entry] = (audit.body as { value: { entries: Array<{ objectType: string; details: Record<string, unknown> }> } }).value.entries;
  expect(entry).toMatchObject({ objectType: 'profile' });
  expect(Object.keys(entry!.details)).toEqual(['eventId']);

  await app.goTo('Settings');
  const catalog = page.getByTestId('purpose-catalog');
  await expect(catalog.getByTestId('purpose-customer_relationship')).toContainText('1 source(s)');
  await page.getByRole('button', { name: 'Add a purpose' }).click();
  const form = page.getByTestId('purpose-form');
  await form.getByLabel('Code').fill('loyalty');
  await form.getByLabel('Name (English)').fill('Loyalty programme');
  await form.getByLabel('Name (French)').fill('Programme de fidélité');
  await form.getByTestId('purpose-bases').getByLabel('Consent').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('purpose-saved')).toContainText('The purpose Loyalty programme was added.');
  await expect(catalog.getByTestId('purpose-loyalty')).toContainText('Consent');
});
