/**
 * Communication authorisations end to end: in the person view, do-not-contact on one channel from the
 * keyboard, a purpose's cell then reads "Do not contact", "Do not contact at all" closes every channel, one
 * click lifts it again, and the audit trail keeps ids only.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

test('a person’s do-not-contact is recorded in the person view and the grid shows it', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');

  await app.goTo('People');
  await app.profiles.search('helene');
  const detail = await app.profiles.openResult('Hélène Tremblay');
  const section = detail.getByTestId('profile-contact');
  await expect(section.getByTestId('contact-email_marketing-email')).toContainText('Allowed');
  await section.getByLabel('How the person told you').selectOption('email');
  await section.getByLabel('Evidence (optional)').fill('msg 2026-7');

  await section.getByRole('button', { name: 'Do not contact by Email' }).focus();
  await page.keyboard.press('Enter');
  await expect(section.getByTestId('contact-recorded')).toContainText('Recorded: Email, Every purpose: Refused.');
  await expect(section.getByTestId('contact-every-email')).toHaveAttribute('data-dnc', 'true');
  await expect(section.getByTestId('contact-email_marketing-email')).toContainText('Do not contact');
  await expect(section.getByTestId('contact-email_marketing-email')).toHaveAttribute('data-allowed', 'false');
  await expect(section.getByTestId('contact-email_marketing-sms')).toHaveAttribute('data-allowed', 'true');

  await section.getByTestId('contact-none-at-all').click();
  await expect(section.getByTestId('contact-recorded')).toContainText('Recorded: do not contact on any channel.');
  for (const channel of ['email', 'sms', 'phone', 'post']) await expect(section.getByTestId(`contact-every-${channel}`)).toHaveAttribute('data-dnc', 'true');

  await section.getByRole('button', { name: 'Allow contact by SMS again' }).click();
  await expect(section.getByTestId('contact-every-sms')).toHaveAttribute('data-dnc', 'false');
  await section.getByText('Entries by channel').click();
  await expect(section.getByTestId('contact-entries')).toContainText('msg 2026-7');

  const audit = await app.callApi('audit.list', { filter: { action: 'contact.recorded' } });
  const entries = (audit.body as { value: { entries: Array<{ objectType: string; details: Record<string, unknown> }> } }).value.entries;
  expect(entries).toHaveLength(3);
  expect(entries.map((entry) => Object.keys(entry.details))).toEqual([['entryIds'], ['entryIds'], ['entryIds']]);
});
