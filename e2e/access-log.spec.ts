/**
 * Access to a person is traceable (Law 25 s. 3.1–3.2, GDPR Art. 5(2)): a steward opens a person, and the
 * auditor finds that access by the person's profile number, with who and when, and never the search text.
 */
import fs from 'node:fs';
import { FRENCH_CLIENTS } from './french-clients';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const STEWARD = { name: 'Sam Steward', passphrase: 'steward passphrase 2026' };
const AUDITOR = { name: 'Audrey Auditor', passphrase: 'auditor passphrase 2026' };

test('a steward opens a person and the auditor sees that access', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n`);
  await app.openNewVault(ADMIN);
  await app.goTo('Users');
  await app.users.addUser(STEWARD.name, 'steward', STEWARD.passphrase);
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique Montréal', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');
  await app.lock();

  await app.start.unlock(STEWARD.name, STEWARD.passphrase);
  await app.goTo('People');
  await app.profiles.search('helene');
  await app.profiles.openResult('Hélène Tremblay');
  const found = (await app.callApi('profiles.search', { query: 'tremblay' })).body as { value: { hits: { id: number }[] } };
  const profileId = found.value.hits[0]!.id;
  await app.lock();

  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);
  await app.goTo('Audit trail');
  await page.getByLabel('Person (profile number)').fill(String(profileId));
  const viewed = app.audit.row('profile.viewed');
  await expect(viewed).toHaveCount(1);
  await expect(viewed).toContainText(STEWARD.name);
  await expect(viewed).toContainText('Person opened');
  await expect(viewed).toContainText(`Person ${profileId}`);
  await expect(viewed).not.toContainText('Tremblay');
  // Searches are recorded as a fact and a count: the text looked for is nowhere in the trail.
  await page.getByLabel('Person (profile number)').fill('');
  await page.getByLabel('Action').selectOption('profiles.searched');
  await expect(app.audit.row('profiles.searched').first()).toContainText(STEWARD.name);
  await expect(page.getByTestId('audit-list')).not.toContainText('helene');
  // What did the steward look at: their entries only, each person by number.
  await page.getByLabel('Action').selectOption('profile.viewed');
  await page.getByLabel('Actor').selectOption({ label: STEWARD.name });
  await expect(app.audit.total()).toHaveAttribute('data-total', '1');
  await expect(app.audit.row('profile.viewed')).toContainText(`Person ${profileId}`);
  await page.getByLabel('Actor').selectOption({ label: AUDITOR.name });
  await expect(app.audit.total()).toHaveAttribute('data-total', '0');
});
