/**
 * Issue 16's whole flow in one session, as a steward lives it: a file with a consent column is imported and
 * the Consent review shows its coverage; a person's withdrawal is recorded by hand in the person view; their
 * state changes, the review's counts follow and the audit trail shows the recording (ids only); then a
 * mailing list declared on consent only brings a subscriber without consent, who is held, absent from People,
 * and released with evidence.
 */
import fs from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const LIST = ['Email Address,First Name,Last Name,status,OPTIN_TIME,CONFIRM_TIME', 'paul.durand@exemple.fr,Paul,Durand,pending,2024-04-02 09:00:00,'].join('\r\n');

/** The states table row of one purpose: [granted, withdrawn, …] as the table shows them. */
async function statesOf(chart: Locator, purpose: string): Promise<string[]> {
  return chart.locator('tbody tr').filter({ hasText: purpose }).locator('td').allInnerTexts();
}

test('import with consent → coverage → a withdrawal by hand → state, review and audit follow → a held record is released', async ({ app, page }, testInfo) => {
  const clients = testInfo.outputPath('clients.csv');
  fs.writeFileSync(clients, `${FRENCH_CLIENTS}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(clients);
  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');

  // Coverage: the "Optin infolettre" column is email marketing, three yes and two no.
  await app.goTo('Consent');
  const review = page.getByTestId('consent-review');
  const states = review.getByTestId('chart-states');
  await states.getByText('Show as table').click();
  expect((await statesOf(states, 'Email marketing')).slice(0, 2)).toEqual(['3', '2']);
  await expect(review.getByTestId('chart-coverage')).toBeVisible();

  // Hélène withdraws, by phone, recorded from the keyboard in her person view.
  await app.goTo('People');
  await app.profiles.search('helene');
  const detail = await app.profiles.openResult('Hélène Tremblay');
  const email = detail.getByTestId('profile-consent').getByTestId('consent-email_marketing');
  await expect(email).toContainText('Granted');
  await email.getByRole('button', { name: 'Withdraw consent for Email marketing' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Record a withdrawal: Email marketing' });
  await dialog.getByLabel('How the person told you').selectOption('phone');
  await dialog.getByLabel('Evidence reference').fill('call 2026-118');
  await dialog.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(email).toContainText('Withdrawn');

  // The review's counts follow the ledger.
  await app.goTo('Consent');
  const after = page.getByTestId('consent-review').getByTestId('chart-states');
  await after.getByText('Show as table').click();
  expect((await statesOf(after, 'Email marketing')).slice(0, 2)).toEqual(['2', '3']);

  // The audit trail shows the recording, with ids only.
  await app.goTo('Audit trail');
  await expect(page.getByTestId('audit-list')).toContainText('Consent event recorded by hand');
  const audit = await app.callApi('audit.list', { filter: { action: 'consent.recorded' } });
  const entries = (audit.body as { value: { entries: Array<{ details: Record<string, unknown> }> } }).value.entries;
  expect(entries).toHaveLength(1);
  expect(JSON.stringify(entries[0])).not.toMatch(/Hélène|Tremblay|call 2026/);

  // A mailing list on consent alone: the pending subscriber has no consent and is held.
  const list = testInfo.outputPath('newsletter.csv');
  fs.writeFileSync(list, `${LIST}\r\n`, 'utf8');
  await app.goTo('Import');
  await app.importer.importAnother();
  await app.importer.chooseFile(list);
  await app.importer.toSource();
  await app.importer.declareNewSource('Newsletter', 'email marketing');
  await app.importer.step('source').getByLabel('Lawful basis').selectOption('consent');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('held')).toHaveAttribute('data-value', '1');
  const found = (await app.callApi('profiles.search', { query: 'durand' })).body as { value: { hits: unknown[] } };
  expect(found.value.hits).toEqual([]);
  await page.getByTestId('import-held').getByRole('button', { name: 'Open the held records' }).click();
  const held = page.getByTestId('held-list');
  const row = held.getByTestId('held-row');
  await expect(row).toContainText('Paul Durand');
  await row.getByRole('checkbox', { name: 'Select the record Paul Durand' }).check();
  await held.getByRole('button', { name: 'Release…' }).click();
  const release = page.getByRole('dialog', { name: 'Release 1 held record' });
  await release.getByLabel('How the consent was given').selectOption('paper');
  await release.getByLabel('Evidence reference').fill('FORM-42');
  await release.getByRole('button', { name: 'Release', exact: true }).click();
  await expect(held.getByTestId('held-done')).toContainText('1 record released');
  const released = (await app.callApi('profiles.search', { query: 'durand' })).body as { value: { hits: unknown[] } };
  expect(released.value.hits).toHaveLength(1);
});
