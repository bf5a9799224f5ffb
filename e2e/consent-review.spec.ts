/**
 * The consent review end to end: an import's consent column shows as coverage, a grant recorded without
 * evidence appears under "Without evidence", is withdrawn in bulk from the keyboard after a preview of
 * the count, the count falls, the audit trail holds ids and counts only, and the person opens from the list.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

test('the review shows coverage, lists a grant without evidence, and withdraws it in bulk after a preview', async ({ app, page }, testInfo) => {
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

  const found = (await app.callApi('profiles.search', { query: 'helene' })).body as { value: { hits: { id: number }[] } };
  const helene = found.value.hits[0]!.id;
  await app.callApi('consent.record', { profileId: helene, purpose: 'sms_marketing', kind: 'grant', method: 'phone' });

  await app.goTo('Consent');
  const review = page.getByTestId('consent-review');
  await expect(review.getByTestId('review-count-unevidenced')).toHaveAttribute('data-count', '1');
  // The states per purpose, as a table: the newsletter column's answers are email marketing's.
  const states = review.getByTestId('chart-states');
  await states.getByText('Show as table').click();
  await expect(states.locator('tbody tr').filter({ hasText: 'Email marketing' })).toBeVisible();

  await review.getByTestId('review-card-unevidenced').focus();
  await page.keyboard.press('Enter');
  const list = page.getByTestId('review-list');
  await expect(list.getByTestId('review-row')).toHaveCount(1);
  await list.getByRole('checkbox', { name: /^Choose Hélène Tremblay, SMS marketing$/ }).check();
  await list.getByTestId('review-act-selected').click();
  const dialog = page.getByRole('dialog', { name: 'Record withdrawals' });
  await expect(dialog.getByTestId('review-bulk-preview')).toHaveText('This records 1 event in the ledger (1 person), each in the audit trail.');
  await dialog.getByRole('button', { name: 'Record 1 event' }).click();
  await expect(dialog).toBeHidden();
  await expect(list.getByTestId('review-done')).toHaveText('1 event recorded (1 person).');
  await expect(review.getByTestId('review-count-unevidenced')).toHaveAttribute('data-count', '0');

  const audit = await app.callApi('audit.list', { filter: { action: 'consent.bulk_recorded' } });
  const [entry] = (audit.body as { value: { entries: Array<{ details: Record<string, unknown> }> } }).value.entries;
  expect(entry!.details).toEqual({ finding: 'unevidenced', count: 1, people: 1 });

  // Sources disagree: nobody.
  await review.getByTestId('review-card-disagree').click();
  await expect(page.getByTestId('review-list')).toContainText('Nobody in this list.');

  // A person in a list opens in the person view.
  await app.callApi('consent.record', { profileId: helene, purpose: 'profiling', kind: 'grant', method: 'paper' });
  await app.goTo('Overview');
  await app.goTo('Consent');
  await page.getByTestId('review-card-unevidenced').click();
  await page.getByTestId('review-list').getByRole('button', { name: 'Hélène Tremblay' }).click();
  await expect(page.getByTestId('profile-consent').getByTestId('consent-profiling')).toContainText('Granted');
});
