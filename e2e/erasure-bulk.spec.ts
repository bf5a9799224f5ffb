/**
 * Bulk erasure end to end: two erasure requests, opened and verified through the API for two people of an
 * imported file, wait in Erasure › Waiting requests; both are selected (select-all), previewed (2 people,
 * the summed counts, nobody left out), confirmed by typing the number of people and erased with one job.
 * Both certificates are then listed, and neither person is found by search any more. Axe checks the list
 * and the preview.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

const CLIENTS = [
  'No client;Prénom;Nom;Courriel;Téléphone;Ville;Code postal;Pays',
  'C-201;Marie;Tremblay;marie.tremblay@exemple.ca;(514) 555-0101;Montréal;H2X 1Y4;Canada',
  'C-202;Anaïs;Côté;anais.cote@exemple.ca;418 555 0142;Lévis;G6V 6N3;Canada',
  'C-203;Zoé;Lefebvre;zoe.lefebvre@exemple.fr;01 42 68 53 00;Paris;75001;France',
].join('\r\n');

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect(blocking.map((finding) => `${finding.id}: ${finding.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

interface Reply<T> {
  readonly status: number;
  readonly body: { value: T };
}

test('two verified erasure requests are previewed together and erased with one confirmation', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${CLIENTS}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '3');

  // Two erasure requests, each verified for the person search finds.
  const requestIds: number[] = [];
  for (const name of ['Marie Tremblay', 'Anaïs Côté']) {
    const search = (await app.callApi('profiles.search', { query: name })) as Reply<{ hits: { id: number }[] }>;
    expect(search.status).toBe(200);
    expect(search.body.value.hits).toHaveLength(1);
    const opened = (await app.callApi('requests.open', { type: 'erasure', jurisdiction: 'eu', requesterName: name })) as Reply<{ id: number }>;
    expect(opened.status).toBe(200);
    const verified = (await app.callApi('requests.verify', {
      id: opened.body.value.id,
      method: 'video call',
      identifiers: ['name', 'email'],
      profileIds: [search.body.value.hits[0]!.id],
    })) as Reply<{ status: string }>;
    expect(verified.status).toBe(200);
    expect(verified.body.value.status).toBe('verified');
    requestIds.push(opened.body.value.id);
  }

  // Erasure › Waiting requests: both listed, both selected at once.
  await app.navigation().getByRole('button', { name: 'Erasure', exact: true }).click();
  await page.getByRole('tab', { name: 'Waiting requests' }).click();
  const panel = page.getByTestId('erasure-bulk');
  const rows = panel.getByTestId('erasure-waiting-row');
  await expect(rows).toHaveCount(2);
  await expect(panel.getByRole('button', { name: /^Preview the erasure of/ })).toBeDisabled();
  await noSeriousViolations(page);
  await panel.getByRole('checkbox', { name: 'Select all waiting requests' }).check();
  for (const id of requestIds) await expect(panel.getByRole('checkbox', { name: `Select request no. ${id}` })).toBeChecked();
  await expect(panel.getByTestId('erasure-waiting-selected')).toHaveText('2 requests selected');
  await panel.getByRole('button', { name: 'Preview the erasure of 2 requests…' }).click();

  // The preview: 2 people, their records and identifiers summed, nobody left out.
  const preview = panel.getByTestId('erasure-bulk-preview');
  await expect(preview).toHaveAttribute('data-people', '2', { timeout: 20_000 });
  await expect(preview.getByTestId('erasure-bulk-people')).toHaveText('2 people will be erased.');
  await expect(preview.locator('tr[data-kind="records"]')).toHaveAttribute('data-count', '2');
  await expect(preview.locator('tr[data-kind="identifiers"]')).toHaveAttribute('data-count', '4');
  await expect(preview).toContainText('Every selected request can be erased.');
  await expect(panel.getByRole('heading', { level: 3, name: 'What the erasure removes' })).toBeFocused();
  await noSeriousViolations(page);

  // Typed confirmation: the number of people.
  const confirm = panel.getByLabel('Type 2 to confirm');
  const submit = panel.getByRole('button', { name: 'Erase 2 people irreversibly' });
  await confirm.fill('3');
  await expect(submit).toBeDisabled();
  await confirm.fill('2');
  await expect(submit).toBeEnabled();
  await submit.click();

  const done = panel.getByTestId('erasure-bulk-done');
  await expect(done).toHaveAttribute('data-erased', '2', { timeout: 30_000 });
  await expect(done).toContainText('2 people were erased.');
  const certificates = ((await done.getAttribute('data-certificates')) ?? '').split(',').map(Number);
  expect(certificates).toHaveLength(2);

  // Both certificates in the Certificates tab, one per request.
  await done.getByRole('button', { name: 'See the certificates' }).click();
  await expect(page.getByRole('tab', { name: 'Certificates' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Certificates' })).toBeFocused();
  const certificateRows = page.getByTestId('erasure-certificate-row');
  await expect(certificateRows).toHaveCount(2);
  await expect(certificateRows.evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-id'))).sort())).resolves.toEqual(
    [...certificates].sort(),
  );
  for (const id of requestIds) await expect(page.getByTestId('erasure-certificates')).toContainText(`Request no. ${id}`);

  // Nobody waits any more.
  await page.getByRole('tab', { name: 'Waiting requests' }).click();
  await panel.getByRole('button', { name: 'Back to the waiting requests' }).click();
  await expect(panel.getByTestId('erasure-waiting-none')).toBeVisible();

  // Search: both gone, the third customer still there.
  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '1');
  await app.profiles.search('marie');
  await expect(page.getByTestId('search-status')).toHaveText('Nobody matches “marie”.');
  await app.profiles.search('anaïs');
  await expect(page.getByTestId('search-status')).toHaveText('Nobody matches “anaïs”.');
  await app.profiles.search('zoé lefebvre');
  await expect(app.profiles.results().getByRole('button', { name: /Zoé Lefebvre/ })).toHaveCount(1);
});
