/**
 * A steward resolves identities across a CRM and a web shop (main/identity/test-people.ts: 20 returning
 * customers, households, and two shop customers known by a name alone with a typo). Strict thresholds are
 * tried in a dry run and saved through the settings; the resolution merges the 20 and leaves the two
 * doubtful pairs for review. One is accepted with the keyboard: the person then holds both sources; Undo
 * makes them two people again. The person shows their golden record; an administrator then orders the
 * sources for given names with the keyboard and saves the rules.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { writeTestSources } from '../main/identity/test-people';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

/**
 * The review pair and the person's identity sections need data the accessibility walk's vault lacks (a
 * pair in doubt, a merge): they are checked here, held to the same WCAG 2.1 AA rules.
 */
async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect.soft(blocking.map((finding) => `${finding.id}: ${finding.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`), state).toEqual([]);
}

test('review a doubtful pair with the keyboard, see both sources in the person, and undo the merge', async ({ app, page }, testInfo) => {
  test.setTimeout(150_000);
  const files = writeTestSources(testInfo.outputPath());
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(files.crm, 'CRM', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '65');
  await app.importer.importAnother();
  await app.importer.importIntoNewSource(files.shop, 'Web shop', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '22');

  await app.goTo('Identities');
  await expect(app.identity.heading()).toBeVisible();
  await expect(app.identity.profiles()).toHaveText('87');
  await expect(page.getByTestId('review-empty')).toContainText('Resolve identities to look for people recorded more than once');

  // Strict thresholds, tried before they are saved: the dry run changes nothing.
  await app.identity.setThresholds(5, -2);
  const dry = await app.identity.dryRun();
  await expect(dry).toContainText('With these settings: 67 people (now 87), 20 records would move to another person, 2 pairs would wait for review.');
  await expect(app.identity.profiles()).toHaveText('87');
  await app.identity.saveSettings();

  await app.identity.tab(/^Review/).click();
  const result = await app.identity.resolve();
  await expect(result).toContainText('People: 87 before, 67 now; 20 records moved to another person; 2 pairs to review.');
  await expect(app.identity.profiles()).toHaveText('67');
  await expect(app.identity.tab('Review (2)')).toBeVisible();

  const pair = app.identity.pair();
  await expect(pair.getByRole('heading', { name: 'Pair 1 of 2' })).toBeVisible();
  // Side by side, with what differs marked in words.
  const comparison = pair.getByTestId('pair-comparison');
  await expect(comparison.locator('tr[data-field="source"] td')).toHaveText(['CRM', 'Web shop']);
  await expect(comparison.locator('tr[data-field="name"]')).toHaveAttribute('data-agreement', 'same');
  await expect(comparison.locator('tr[data-field="birthDate"]')).toContainText('missing on one side');
  await expect(pair.getByTestId('evidence-list')).toContainText('Family names are identical');
  await expect(pair.getByRole('img', { name: /^Waterfall chart of the evidence/ })).toBeVisible();
  await expect(pair.getByRole('button', { name: /^Same person/ })).toHaveAttribute('aria-keyshortcuts', 'S A');
  const crmId = await comparison.locator('tr[data-field="externalId"] td').first().innerText();
  await expectAccessible(page, 'a review pair');

  // Accept with the keyboard: the next pair shows, focus on its heading.
  await page.keyboard.press('s');
  await expect(app.identity.notice()).toContainText('are now one person');
  await expect(pair.getByRole('heading', { name: 'Pair 1 of 1' })).toBeFocused();
  await expect(app.identity.profiles()).toHaveText('66');

  // The person holds both sources, and says why.
  await app.identity.notice().getByRole('button', { name: 'Open the person' }).click();
  const detail = page.getByTestId('profile-detail');
  await expect(detail.getByTestId('profile-record')).toHaveCount(2);
  await expect(detail.getByTestId('profile-record').locator('h3')).toContainText([/^CRM/, /^Web shop/]);
  await expect(detail.getByTestId('identity-member')).toHaveCount(2);
  await expect(detail.getByTestId('identity-member').filter({ has: page.getByRole('heading', { name: /^Web shop/ }) })).toContainText('Joined by a steward');
  await expect(detail.getByTestId('merge-history').locator('tbody tr')).toHaveCount(1);
  // The golden record says which value each field keeps, from which source, by which rule.
  const golden = detail.getByTestId('profile-golden');
  await expect(golden.getByRole('heading', { name: 'Golden record' })).toBeVisible();
  await expect(golden.getByTestId('golden-givenName')).toContainText(/Given name.*Web shop.*Most frequent/);
  await expect(golden.getByTestId('golden-city')).toContainText('Most recent');
  await detail.getByText(/^Show the evidence for Web shop/).click();
  await expect(detail.getByTestId('identity-member').filter({ has: page.getByRole('heading', { name: /^Web shop/ }) }).getByTestId('evidence-list')).toBeVisible();
  await expectAccessible(page, 'a merged person, the evidence open');
  await detail.getByRole('button', { name: '← Back to Identities' }).click();

  // Undo from the notice, by its key: two people again.
  await expect(app.identity.notice()).toBeVisible();
  await page.keyboard.press('u');
  await expect(app.identity.notice()).toContainText('are two people again');
  await expect(app.identity.profiles()).toHaveText('67');
  const found = (await app.callApi('profiles.search', { query: crmId })).body as { value: { hits: Array<{ sources: string[] }> } };
  expect(found.value.hits[0]?.sources).toEqual(['CRM']);

  // The home screen says a pair is waiting, and leads to it.
  await app.goTo('Overview');
  const tile = page.locator('[data-testid="attention-item"][data-kind="identityReview"]');
  await expect(tile).toContainText('1 pair of records may be the same person');
  await tile.click();
  await expect(app.identity.heading()).toBeVisible();
  await expect(app.identity.pair().getByRole('heading', { name: 'Pair 1 of 1' })).toBeVisible();

  // The administrator trusts the web shop first for given names, ordered with the keyboard, and saves.
  await app.identity.tab('Golden record rules').click();
  const rules = page.getByTestId('survivorship-rules');
  await rules.getByLabel('Rule for Given name').selectOption('sourcePriority');
  const order = rules.getByRole('list', { name: 'Sources for Given name, most trusted first' });
  await expect(order.getByRole('listitem')).toContainText(['1. CRM', '2. Web shop']);
  await order.getByRole('button', { name: 'Move Web shop up for Given name' }).focus();
  await page.keyboard.press('Enter');
  await expect(order.getByRole('listitem')).toContainText(['1. Web shop', '2. CRM']);
  await expect(order.getByRole('button', { name: 'Move Web shop down for Given name' })).toBeFocused();
  await expectAccessible(page, 'the golden record rules');
  await rules.getByRole('button', { name: 'Save the rules' }).click();
  await expect(rules.getByTestId('survivorship-saved')).toContainText(/^Rules saved\. \d+ (person was|people were) renamed after their golden record\.$/);
  const saved = (await app.callApi('identity.survivorship', {})).body as { value: { rules: { givenName: { rule: string; sources: number[] } } } };
  expect(saved.value.rules.givenName.rule).toBe('sourcePriority');
  expect(saved.value.rules.givenName.sources).toHaveLength(2);
});
