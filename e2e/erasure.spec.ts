/**
 * Erasure end to end (issue 18): an erasure request is opened and verified against the person found by
 * search; from the request, the person is previewed (exact counts, the household member who shares the
 * phone and the family email said to stay untouched), confirmed by typing their number and erased; the
 * certificate comes back with its hash, a clean scan and a PDF that names no one. The person is then not
 * found by search, the household member still is; re-importing the same file keeps the erased person out
 * (1 row suppressed); the Erasure area lists the certificate with the same hash; the request is closed as
 * fulfilled; the audit trail's erasure entries hold no name, email or phone. The preview is checked with axe.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

/** A household (Marie and Paul Tremblay: one phone, one family email) and three other customers. */
const CLIENTS = [
  'No client;Prénom;Nom;Courriel;Téléphone;Ville;Code postal;Pays',
  'C-101;Marie;Tremblay;famille.tremblay@exemple.ca;(514) 555-0199;Montréal;H2X 1Y4;Canada',
  'C-102;Paul;Tremblay;famille.tremblay@exemple.ca;(514) 555-0199;Montréal;H2X 1Y4;Canada',
  'C-103;Łukasz;Wójcik;lukasz.wojcik@przyklad.pl;+48 42 123 45 67;Łódź;90-001;Pologne',
  'C-104;Anaïs;Côté;anais.cote@exemple.ca;418 555 0142;Lévis;G6V 6N3;Canada',
  'C-105;Zoé;Lefebvre;zoe.lefebvre@exemple.fr;01 42 68 53 00;Paris;75001;France',
].join('\r\n');

/** Whatever of Marie could be written down: her given name, her number, the family email and phone. */
const MARIE_TRACES = /Marie|Tremblay|famille|exemple\.ca|555.?0199|5145550199|C-101/i;

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect(blocking.map((finding) => `${finding.id}: ${finding.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('an erasure request is verified, the person erased with a certificate, kept out of a re-import and out of search', async ({ app, page }, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${CLIENTS}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');

  // An erasure request from Marie, opened from the form.
  await app.goTo('Requests');
  await page.getByTestId('request-open-button').click();
  const form = page.getByTestId('request-open-form');
  await form.getByLabel('Type of request').selectOption('erasure');
  await form.getByLabel('Law that applies').selectOption('eu');
  await form.getByLabel('Requester’s name').fill('Marie Tremblay');
  await form.getByLabel('Received by (email, letter, phone, in person…)').fill('email');
  await form.getByRole('button', { name: 'Open the request' }).click();
  await expect(page.getByTestId('request-notice')).toContainText(/^Request 1 opened: due /);
  const detail = page.getByTestId('request-detail');
  await expect(detail.getByTestId('request-status')).toHaveText('Open');

  // Her identity verified, matched to the person found by search (Marie, not Paul).
  const verify = page.getByTestId('request-verify-form');
  await verify.getByLabel('How was the identity verified?').fill('video call');
  await verify.getByLabel('Email', { exact: true }).check();
  await verify.getByLabel('Name', { exact: true }).check();
  const search = verify.getByLabel('Name, email, phone or customer number.');
  await search.fill('marie tremblay');
  await search.press('Enter');
  await verify
    .getByTestId('request-person-hits')
    .getByRole('checkbox', { name: /Marie Tremblay/ })
    .check();
  await expect(verify).toContainText('1 person selected');
  await verify.getByRole('button', { name: 'Record the verification' }).click();
  await expect(detail.getByTestId('request-status')).toHaveText('Verified');
  const matched = detail.getByTestId('request-matched').getByRole('listitem');
  await expect(matched).toHaveCount(1);
  const profileId = Number(await matched.getAttribute('data-profile'));
  expect(profileId).toBeGreaterThan(0);

  // The preview from the request: exact counts, the household member untouched.
  const section = page.getByTestId('request-erasure');
  await expect(section.getByTestId('erase-button')).toHaveCount(1);
  await section.getByRole('button', { name: `Erase person no. ${profileId}…` }).click();
  const dialog = page.getByTestId('erase-dialog');
  await expect(dialog).toHaveAttribute('data-step', 'preview');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Erase Marie Tremblay: what goes');
  await expect(dialog).toContainText('For erasure request no. 1.');
  const removed = dialog.getByTestId('erasure-removed');
  await expect(removed.locator('tr[data-kind="records"]')).toHaveAttribute('data-count', '1');
  await expect(removed.locator('tr[data-kind="records"]')).toContainText('Source records');
  await expect(removed.locator('tr[data-kind="identifiers"]')).toHaveAttribute('data-count', '2');
  await expect(removed.locator('tr[data-kind="identifiers"]')).toContainText('Identifiers (emails, phones)');
  await expect(dialog.getByTestId('erasure-shared')).toHaveAttribute('data-count', '1');
  await expect(dialog.getByTestId('erasure-shared')).toHaveText('1 other person shares an email or a phone with this person and stays untouched.');
  await expect(dialog.getByTestId('erasure-preview')).toHaveAttribute('data-blocked', 'false');
  await noSeriousViolations(page);

  // Confirmed by typing her number; the button stays disabled for any other text.
  await dialog.getByRole('button', { name: 'Continue to confirmation' }).click();
  await expect(dialog).toHaveAttribute('data-step', 'confirm');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Erase Marie Tremblay: confirm');
  const confirm = dialog.getByLabel(`Type ${profileId} to confirm`);
  const submit = dialog.getByRole('button', { name: 'Erase irreversibly' });
  await confirm.fill(String(profileId + 1));
  await expect(submit).toBeDisabled();
  await confirm.fill(String(profileId));
  await expect(submit).toBeEnabled();
  await submit.click();

  // The certificate: its number, its hash, a clean scan.
  await expect(dialog).toHaveAttribute('data-step', 'done', { timeout: 30_000 });
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Marie Tremblay was erased');
  const done = dialog.getByTestId('erasure-done');
  const certificateId = Number(await done.getAttribute('data-certificate'));
  const hash = (await done.getAttribute('data-hash')) ?? '';
  expect(certificateId).toBeGreaterThan(0);
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(done).toHaveAttribute('data-clean', 'true');
  await expect(done).toContainText(`Erasure certificate no. ${certificateId} was issued.`);

  // Its PDF, in English: the certificate's number and hash, no name, email or phone of Marie.
  await done.getByLabel('Certificate language').selectOption('en');
  const [download] = await Promise.all([page.waitForEvent('download'), done.getByRole('button', { name: 'Download the certificate (PDF)' }).click()]);
  expect(download.suggestedFilename()).toBe(`erasure-certificate-${certificateId}.pdf`);
  const pdfPath = testInfo.outputPath('certificate.pdf');
  await download.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdfText).toContain(`Erasure certificate no. ${certificateId}`);
  expect(pdfText.replace(/\s/g, '')).toContain(hash);
  expect(pdfText).not.toMatch(MARIE_TRACES);

  // Closing the dialog reads the request again: closed as fulfilled by the erasure, nobody left to erase.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('request-status')).toHaveText('Closed');
  await expect(detail.getByTestId('request-outcome')).toContainText('Fulfilled');
  await expect(page.getByTestId('request-erasure')).toHaveCount(0);
  await expect(detail.getByTestId('request-requester')).not.toContainText('Marie');

  // Search: Marie is gone, Paul (same phone, same email) is still there.
  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '4');
  await app.profiles.search('marie');
  await expect(page.getByTestId('search-status')).toHaveText('Nobody matches “marie”.');
  await app.profiles.search('famille.tremblay@exemple.ca');
  await expect(app.profiles.results().getByRole('button')).toHaveText([/Paul Tremblay/]);
  await app.profiles.search('paul tremblay');
  await expect(app.profiles.results().getByRole('button', { name: /Paul Tremblay/ })).toHaveCount(1);

  // The same file again, into the same source: Marie's row is kept out, the rest already held.
  await app.goTo('Import');
  await app.importer.importAnother();
  await app.importer.chooseFile(csv);
  await app.importer.toSource();
  await expect(app.importer.step('source').getByLabel('Source', { exact: true })).toHaveValue('Boutique');
  await app.importer.toMapping();
  await app.importer.start();
  const counts = app.importer.step('run').getByTestId('import-counts');
  await expect(counts.locator('[data-count="suppressed"]')).toHaveAttribute('data-value', '1');
  await expect(counts.locator('[data-count="suppressed"]')).toContainText('Erased, not imported');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '0');
  await expect(app.importer.count('unchanged')).toHaveAttribute('data-value', '4');
  await expect(page.getByTestId('import-suppressed')).toHaveText(
    '1 row belonged to a person erased from the vault: the suppression list kept it out, and nothing of it was stored.',
  );
  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '4');
  await app.profiles.search('marie');
  await expect(page.getByTestId('search-status')).toHaveText('Nobody matches “marie”.');

  // The Erasure area: the certificate listed, its detail with the same hash.
  await app.navigation().getByRole('button', { name: 'Erasure', exact: true }).click();
  const rows = page.getByTestId('erasure-certificate-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-id', String(certificateId));
  await expect(rows).toHaveAttribute('data-profile', String(profileId));
  await expect(rows).toHaveAttribute('data-clean', 'true');
  await expect(rows).toContainText('Request no. 1');
  await rows.getByRole('button', { name: `No. ${certificateId}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Erasure certificate no. ${certificateId}` })).toBeVisible();
  await expect(page.getByTestId('erasure-certificate-hash')).toHaveText(hash);
  await expect(page.getByTestId('erasure-certificate').getByTestId('erasure-scan')).toHaveAttribute('data-clean', 'true');

  // The register: the request among the closed ones, fulfilled.
  await app.goTo('Requests');
  const screen = page.getByTestId('requests-screen');
  await expect(screen.getByTestId('request-row')).toHaveCount(0);
  await screen.getByLabel('Show').selectOption('closed');
  await expect(screen.getByTestId('request-row')).toHaveCount(1);
  await expect(screen.getByTestId('request-row')).toContainText('Fulfilled');

  // The audit trail: one commit and one verification, with ids, counts and the hash; nothing of Marie.
  const audit = await app.callApi('audit.list', {});
  expect(audit.status).toBe(200);
  const entries = (audit.body as { value: { entries: Array<{ action: string; objectId: string | null; details: Record<string, unknown> }> } }).value.entries;
  const committed = entries.filter((entry) => entry.action === 'erasure.committed');
  const verified = entries.filter((entry) => entry.action === 'erasure.verified');
  expect(committed).toHaveLength(1);
  expect(verified).toHaveLength(1);
  expect(committed[0]!.objectId).toBe(String(profileId));
  expect(committed[0]!.details).toMatchObject({ certificateId, requestId: 1, records: 1 });
  expect(verified[0]!.objectId).toBe(String(certificateId));
  expect(verified[0]!.details).toMatchObject({ clean: true, hash });
  expect(JSON.stringify([...committed, ...verified])).not.toMatch(MARIE_TRACES);
});
