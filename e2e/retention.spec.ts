/**
 * Retention end to end (issue 20): a shop's customers are imported with their orders, one whose last order
 * is four years old and one who ordered last month. A rule "customer relationship, 3 years from last
 * purchase, anonymize" is added in the Rules tab; the Due tab then lists the old customer alone (checked
 * with axe), and her page says she is due. A sweep is previewed (exact counts), approved by typing the
 * number of people and run: she is anonymized with a certificate the Erasure area lists, the recent
 * customer stays, and the Due list is empty.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/app-page';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

/** A day `years` years and `days` days before today, at noon UTC (no zone can move it across a day boundary that matters here). */
function daysAgo(years: number, days: number): string {
  const at = new Date();
  at.setUTCFullYear(at.getUTCFullYear() - years);
  at.setUTCDate(at.getUTCDate() - days);
  return `${at.toISOString().slice(0, 10)}T12:00:00Z`;
}

function customers(): unknown[] {
  const person = (id: number, first: string, last: string, orders: string[]) => ({
    customer: { id, first_name: first, last_name: last, email: `${first.toLowerCase()}.${last.toLowerCase()}@exemple.ca` },
    orders: orders.map((date, index) => ({ id: `${id}-${index}`, date, total: '42.50' })),
  });
  return [person(1, 'Marie', 'Tremblay', [daysAgo(5, 0), daysAgo(4, 10)]), person(2, 'Zoé', 'Côté', [daysAgo(0, 30)])];
}

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect(blocking.map((finding) => `${finding.id}: ${finding.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function goToRetention(app: AppPage): Promise<void> {
  await app.navigation().getByRole('button', { name: 'Retention', exact: true }).click();
  await expect(app.page.getByTestId('retention-screen')).toBeVisible();
}

test('a rule makes an old customer due; a sweep previewed, approved and run anonymizes her with a certificate', async ({ app, page }, testInfo) => {
  const file = testInfo.outputPath('boutique.json');
  fs.writeFileSync(file, JSON.stringify(customers()));
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(file, 'Boutique', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '2');

  // No rule yet: nobody is due.
  await goToRetention(app);
  const tabs = page.getByRole('tablist', { name: 'Retention' });
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Due');
  await expect(page.getByTestId('due-none')).toBeVisible();

  // The rule, in the Rules tab.
  await tabs.getByRole('tab', { name: 'Rules' }).click();
  await expect(page.getByTestId('retention-rules-none')).toBeVisible();
  const form = page.getByTestId('retention-rule-form');
  await form.getByLabel('Purpose').selectOption('customer_relationship');
  await form.getByLabel('Keep for').fill('3');
  await form.getByLabel('Unit').selectOption('year');
  await form.getByLabel('Counted from').selectOption('last_purchase');
  await form.getByLabel('Then').selectOption('anonymize');
  await expect(form.getByTestId('retention-rule-summary')).toHaveText('Keeps Customer relationship data 3 years from last purchase, then: Anonymize.');
  await form.getByRole('button', { name: 'Add the rule' }).click();
  await expect(page.getByTestId('retention-rule-notice')).toContainText(/^Rule \d+ added/);
  const rule = page.getByTestId('retention-rule-row');
  await expect(rule).toHaveCount(1);
  await expect(rule.getByTestId('retention-rule-keep')).toHaveText('3 years from last purchase');
  await expect(rule).toContainText('Customer relationship');

  // The Due tab: Marie alone, to anonymize; the chart and its table; axe.
  await tabs.getByRole('tab', { name: 'Due' }).click();
  const rows = page.getByTestId('due-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Marie Tremblay');
  await expect(rows.first()).toContainText('Customer relationship');
  await expect(rows.first()).toHaveAttribute('data-action', 'anonymize');
  await expect(page.getByTestId('due-toAnonymize')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('due-toReview')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('due-held')).toHaveAttribute('data-count', '0');
  const chart = page.getByTestId('chart-due');
  await chart.getByText('Show as table').click();
  await expect(chart.getByTestId('due-chart-table').locator('tbody tr')).toHaveCount(1);
  await noSeriousViolations(page);
  const profileId = Number(await rows.first().getAttribute('data-profile'));
  expect(profileId).toBeGreaterThan(0);

  // Her page says she is due, and until when.
  await rows.first().getByRole('button', { name: 'Marie Tremblay' }).click();
  const retention = page.getByTestId('profile-retention');
  await expect(retention).toHaveAttribute('data-due', 'true');
  await expect(retention.getByTestId('profile-retention-due')).toHaveText('Due');
  await expect(retention.getByTestId('profile-retention-purposes')).toContainText('Customer relationship');

  // The sweep: previewed, approved by typing the number of people, run.
  await goToRetention(app);
  await tabs.getByRole('tab', { name: 'Sweeps' }).click();
  await expect(page.getByTestId('sweeps-none')).toBeVisible();
  await page.getByRole('button', { name: 'Preview a sweep' }).click();
  const preview = page.getByTestId('sweep-preview');
  await expect(preview).toHaveAttribute('data-people', '1', { timeout: 30_000 });
  await expect(preview.getByTestId('sweep-people')).toHaveText('1 person will be anonymized.');
  await expect(preview.getByTestId('erasure-removed').locator('tr[data-kind="records"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('sweep-row').first()).toHaveAttribute('data-status', 'previewed');
  await noSeriousViolations(page);
  const approve = page.getByTestId('sweep-approve');
  const submit = approve.getByRole('button', { name: 'Approve and anonymize 1 person' });
  await approve.getByLabel('Type 1 to confirm').fill('2');
  await expect(submit).toBeDisabled();
  await approve.getByLabel('Type 1 to confirm').fill('1');
  await expect(submit).toBeEnabled();
  await submit.click();
  const done = page.getByTestId('sweep-done');
  await expect(done).toHaveAttribute('data-erased', '1', { timeout: 30_000 });
  await expect(done).toContainText('1 person anonymized, with an erasure certificate.');
  const certificateId = Number((await done.getAttribute('data-certificates')) ?? '');
  expect(certificateId).toBeGreaterThan(0);
  await expect(page.getByTestId('sweep-row').first()).toHaveAttribute('data-status', 'done');

  // The certificate, in the Erasure area, for her.
  await done.getByRole('button', { name: 'Open the certificates' }).click();
  const certificate = page.locator(`[data-testid="erasure-certificate-row"][data-id="${certificateId}"]`);
  await expect(certificate).toHaveAttribute('data-profile', String(profileId));
  await expect(certificate).toContainText('Retention');

  // She is anonymized; Zoé stays; nobody is due any more.
  const erased = (await app.callApi('profiles.get', { id: profileId })).body as { ok: boolean; value?: { status: string; displayName: string } };
  expect(erased.value?.status).toBe('erased');
  expect(JSON.stringify(erased.value)).not.toMatch(/Marie|Tremblay/);
  await goToRetention(app);
  await expect(page.getByTestId('due-none')).toBeVisible();
  await expect(page.getByTestId('due-toAnonymize')).toHaveAttribute('data-count', '0');

  // A rule the law requires: badged, and its retirement refused in words.
  await tabs.getByRole('tab', { name: 'Rules' }).click();
  await form.getByLabel('Purpose').selectOption('customer_relationship');
  await form.getByLabel('Keep for').fill('6');
  await form.getByLabel('Required by law').check();
  await expect(form.getByRole('button', { name: 'Add the rule' })).toBeDisabled();
  await form.getByLabel('Legal reference').fill('Income Tax Act, s. 230(4)');
  await form.getByRole('button', { name: 'Add the rule' }).click();
  const obligation = page.locator('[data-testid="retention-rule-row"][data-obligation="true"]');
  await expect(obligation.getByTestId('retention-rule-obligation')).toHaveText('Required by law');
  const obligationId = await obligation.getAttribute('data-id');
  await obligation.getByRole('button', { name: `Retire rule ${obligationId}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Retire the rule' }).click();
  await expect(page.getByTestId('retention-retire-error')).toHaveText(
    `Retention rule ${obligationId} is a legal obligation: only an obligation at least as long may replace it, and it cannot be retired.`,
  );
  await expect(obligation).toHaveAttribute('data-retired', 'false');
});

test('the Retention screen in French: a rule in words, its tabs checked with axe', async ({ app, page }) => {
  await app.openNewVault(ADMIN);
  await app.goTo('Settings');
  await app.settings.chooseLanguage('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await app.navigation('Navigation principale').getByRole('button', { name: 'Conservation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Délais de conservation' })).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'Délais de conservation' });
  await expect(page.getByTestId('due-none')).toHaveText('Personne n’est à échéance ce jour-là.');
  await noSeriousViolations(page);

  await tabs.getByRole('tab', { name: 'Règles' }).click();
  const form = page.getByTestId('retention-rule-form');
  await form.getByLabel('Finalité').selectOption('customer_relationship');
  await form.getByLabel('Conserver pendant').fill('3');
  await form.getByLabel('Compté à partir de').selectOption('last_purchase');
  await form.getByRole('button', { name: 'Ajouter la règle' }).click();
  await expect(page.getByTestId('retention-rule-keep')).toHaveText('3 ans à compter du dernier achat');
  await noSeriousViolations(page);

  await tabs.getByRole('tab', { name: 'Balayages' }).click();
  await page.getByRole('button', { name: 'Aperçu d’un balayage' }).click();
  await expect(page.getByTestId('sweep-people')).toHaveText('0 personne sera anonymisée.', { timeout: 30_000 });
  await expect(page.getByTestId('sweep-wizard')).toContainText('Personne à anonymiser\u00a0: il n’y a rien à approuver.');
  await noSeriousViolations(page);
});
