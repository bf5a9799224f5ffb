/**
 * The consent intake gate end to end: a mailing list declared on consent only is imported; its pending
 * subscriber (an unconfirmed double opt-in is no consent) is held — counted in the import result, absent from
 * People's search, listed under Held for a lawful basis — and released from the keyboard with a basis and its
 * evidence, after which the person is found and the audit trail says so with ids only.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

/** Serious and critical WCAG 2.1 A/AA findings on the page as it is now (e2e/accessibility.spec.ts checks the same way). */
async function blockingFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  return results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical').map((finding) => `${finding.id}: ${finding.help}`);
}

const LIST = [
  'Email Address,First Name,Last Name,status,OPTIN_TIME,CONFIRM_TIME',
  'zoe.martin@exemple.fr,Zoé,Martin,subscribed,2024-03-01 10:00:00,2024-03-01 10:05:12',
  'paul.durand@exemple.fr,Paul,Durand,pending,2024-04-02 09:00:00,',
].join('\r\n');

test('a record from a consent-based source without consent is held, then released with evidence', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('newsletter.csv');
  fs.writeFileSync(csv, `${LIST}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  await app.importer.declareNewSource('Newsletter', 'email marketing');
  await app.importer.step('source').getByLabel('Lawful basis').selectOption('consent');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');
  await expect(app.importer.count('held')).toHaveAttribute('data-value', '1');
  const held = page.getByTestId('import-held');
  await expect(held).toContainText('1 record was held for a lawful basis');
  await held.getByRole('button', { name: 'Open the held records' }).click();

  const list = page.getByTestId('held-list');
  await expect(list.getByTestId('held-count')).toHaveAttribute('data-total', '1');
  const row = list.getByTestId('held-row');
  await expect(row).toContainText('Paul Durand');
  await expect(row).toContainText('paul.durand@exemple.fr');
  await expect(row).toContainText('No consent on file for Email marketing');
  expect(await blockingFindings(page)).toEqual([]);

  // From the keyboard: select the record, open Release…, fill the dialog.
  await row.getByRole('checkbox', { name: 'Select the record Paul Durand' }).focus();
  await page.keyboard.press('Space');
  await list.getByRole('button', { name: 'Release…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Release 1 held record' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Lawful basis')).toHaveValue('consent');
  expect(await blockingFindings(page)).toEqual([]);
  await dialog.getByLabel('How the consent was given').selectOption('paper');
  await dialog.getByLabel('Evidence reference').fill('FORM-42');
  await dialog.getByRole('button', { name: 'Release', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(list.getByTestId('held-done')).toContainText('1 record released: it now belongs to a profile.');
  await expect(list.getByTestId('held-none')).toBeVisible();

  await page.getByRole('button', { name: 'Back to people' }).click();
  await app.profiles.search('paul');
  const detail = await app.profiles.openResult('Paul Durand');
  const email = detail.getByTestId('profile-consent').getByTestId('consent-email_marketing');
  await expect(email).toContainText('Granted');

  const audit = await app.callApi('audit.list', { filter: { action: 'consent.released' } });
  const [entry] = (audit.body as { value: { entries: Array<{ objectType: string; details: Record<string, unknown> }> } }).value.entries;
  expect(entry).toMatchObject({ objectType: 'source_record', details: { records: 1, basis: 'consent' } });
  expect(JSON.stringify(entry)).not.toMatch(/FORM-42|Paul|paul\./);
});
