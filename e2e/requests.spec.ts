/**
 * Requests end to end: a request opened from the form with its deadline, the requester's identity verified
 * from the keyboard with the person found by search, the deadline extended, the register listing the
 * overdue request first and highlighted, the request closed, the home screen showing what is overdue
 * first, and the audit trail holding ids and counts only. The Requests screen is checked with axe.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

configure({ useWebWorkers: false });

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(bytes)));
  const files = new Map<string, Buffer>();
  for (const entry of await reader.getEntries()) if (!entry.directory) files.set(entry.filename, Buffer.from(await entry.getData(new Uint8ArrayWriter())));
  await reader.close();
  return files;
}

/** A day counted in the vault's time zone, which the test sets to Toronto (it differs from UTC's each night). */
function daysAgo(days: number): string {
  // Today's date in Toronto, then whole calendar days back: subtracting hours would cross a change of offset.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect(blocking.map((finding) => `${finding.id}: ${finding.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a request is opened, verified against a person found by search, extended and closed; overdue ones come first', async ({ app, page }, testInfo) => {
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
  // Who the organisation is, for the access package's report, and the vault's time zone.
  await app.goTo('Settings');
  const settings = page.getByTestId('requests-settings');
  await settings.getByLabel('Organisation’s name').fill('Boutique Exemple');
  await settings.getByLabel('Vault’s time zone').selectOption('America/Toronto');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#requests-settings')).toContainText('Saved.');

  // An older request, received 40 days ago under Quebec's 30 days: overdue.
  const late = await app.callApi('requests.open', { type: 'erasure', jurisdiction: 'quebec', requesterName: 'Marc Gagnon', receivedOn: daysAgo(40) });
  expect(late.status).toBe(200);

  await app.goTo('Requests');
  const screen = page.getByTestId('requests-screen');
  await expect(screen.getByTestId('request-row')).toHaveCount(1);
  await page.getByTestId('request-open-button').click();
  const form = page.getByTestId('request-open-form');
  await form.getByLabel('Type of request').selectOption('access');
  await form.getByLabel('Law that applies').selectOption('eu');
  await form.getByLabel('Requester’s name').fill('Hélène Tremblay');
  await form.getByLabel('Received by (email, letter, phone, in person…)').fill('email');
  await expect(form.getByTestId('request-due-preview')).toContainText('The deadline follows from the date and the law');
  await noSeriousViolations(page);
  await form.getByRole('button', { name: 'Open the request' }).click();

  await expect(page.getByTestId('request-notice')).toContainText(/^Request 2 opened: due /);
  const detail = page.getByTestId('request-detail');
  await expect(detail.getByTestId('request-status')).toHaveText('Open');
  await expect(detail.getByTestId('request-requester')).toHaveText('Hélène Tremblay');
  await expect(detail.getByTestId('request-legal-source')).toHaveText('GDPR Art. 12(3): one month, extendable by two further months');

  // Verify, from the keyboard: the method, the identifiers that matched, the person found by search.
  const verify = page.getByTestId('request-verify-form');
  await verify.getByLabel('How was the identity verified?').fill('video call');
  await verify.getByLabel('Email', { exact: true }).check();
  await verify.getByLabel('Name', { exact: true }).check();
  await verify.getByLabel('Document seen (optional)').fill('passport');
  const search = verify.getByLabel('Name, email, phone or customer number.');
  await search.fill('helene');
  await search.press('Enter');
  const hit = verify.getByTestId('request-person-hits').getByRole('checkbox', { name: /Hélène Tremblay/ });
  await hit.focus();
  await page.keyboard.press('Space');
  await expect(verify).toContainText('1 person selected');
  await noSeriousViolations(page);
  await verify.getByRole('button', { name: 'Record the verification' }).click();
  await expect(detail.getByTestId('request-status')).toHaveText('Verified');
  await expect(detail.getByTestId('request-verifications')).toContainText('video call');
  await expect(detail.getByTestId('request-verifications')).toContainText('Identifiers that matched: Name, Email');
  await expect(detail.getByTestId('request-matched').getByRole('listitem')).toHaveCount(1);
  await expect(detail.getByTestId('request-matched')).toContainText('1 record at verification');

  // The access package for a period, in French: downloaded, its manifest holding each file's SHA-256, the PDF naming the person.
  const packageForm = page.getByTestId('request-package-form');
  await packageForm.getByLabel('From (included)').fill('2026-01-01');
  await packageForm.getByLabel('To (included)').fill(daysAgo(0));
  await packageForm.getByLabel('Language of the report').selectOption('fr');
  await noSeriousViolations(page);
  const [download] = await Promise.all([page.waitForEvent('download'), packageForm.getByRole('button', { name: 'Build and download the package' }).click()]);
  expect(download.suggestedFilename()).toBe(`access-package-2-2026-01-01_${daysAgo(0)}.zip`);
  const zipPath = testInfo.outputPath('package.zip');
  await download.saveAs(zipPath);
  const archive = fs.readFileSync(zipPath);
  await expect(page.getByTestId('request-package-result')).toHaveAttribute('data-sha256', sha256(archive));
  await expect(page.getByTestId('request-packages').getByTestId('request-package')).toHaveCount(1);
  const files = await unzip(archive);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { files: { name: string; sha256: string }[] };
  expect(manifest.files.map((file) => file.name).sort()).toEqual([...files.keys()].filter((name) => name !== 'manifest.json').sort());
  for (const file of manifest.files) expect(sha256(files.get(file.name)!)).toBe(file.sha256);
  const pdfPath = testInfo.outputPath('report.pdf');
  fs.writeFileSync(pdfPath, files.get('report.pdf')!);
  const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdfText).toContain('Renseignements personnels détenus à votre sujet');
  expect(pdfText).toContain('Hélène');
  expect(pdfText).toContain('Tremblay');
  expect(pdfText).toContain('Ce rapport présente ce que Boutique Exemple détient à votre sujet');
  expect(pdfText).toContain('America/Toronto');

  // The EU allows one extension, with its reason.
  const extend = page.getByTestId('request-extend-form');
  await extend.getByLabel('Reason for the extension').fill('Records in several systems');
  await extend.getByRole('button', { name: /^Extend to / }).click();
  await expect(detail.getByTestId('request-extended')).toContainText('Records in several systems');
  await expect(page.getByTestId('request-extend-refused')).toHaveText('The deadline was already extended: the law allows one extension.');

  // The register: the overdue request first, highlighted and said in words.
  await detail.getByRole('button', { name: 'Back to the list' }).click();
  const rows = screen.getByTestId('request-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-overdue', 'true');
  await expect(rows.first()).toContainText('Overdue by 10 days');
  await expect(rows.first()).toContainText('Marc Gagnon');
  await expect(rows.nth(1)).toContainText('Hélène Tremblay');
  await expect(screen.getByTestId('chart-requests')).toBeVisible();
  await noSeriousViolations(page);

  // Closing the verified request as fulfilled.
  await rows.nth(1).getByRole('button').click();
  const close = page.getByTestId('request-close-form');
  await close.getByLabel('Outcome').selectOption('fulfilled');
  await close.getByRole('button', { name: 'Close the request' }).click();
  await expect(detail.getByTestId('request-outcome')).toContainText('Fulfilled');
  await detail.getByRole('button', { name: 'Back to the list' }).click();
  await expect(screen.getByTestId('request-row')).toHaveCount(1);
  await screen.getByLabel('Show').selectOption('closed');
  await expect(screen.getByTestId('request-row')).toContainText('Fulfilled');

  // Home: the overdue request is the first thing that needs attention.
  await app.goTo('Overview');
  await expect(page.getByTestId('attention-item').first()).toHaveAttribute('data-kind', 'requestsOverdue');
  await page.getByTestId('attention-item').first().click();
  await expect(page.getByTestId('requests-screen')).toBeVisible();

  const audit = await app.callApi('audit.list', { filter: { objectType: 'request' } });
  const entries = (audit.body as { value: { entries: Array<{ action: string }> } }).value.entries;
  expect(entries.map((entry) => entry.action).sort()).toEqual([
    'request.closed',
    'request.extended',
    'request.matched',
    'request.opened',
    'request.opened',
    'request.packaged',
    'request.verified',
  ]);
  expect(JSON.stringify(entries)).not.toMatch(/Hélène|Tremblay|Marc|passport|video/);
});
