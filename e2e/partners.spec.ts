/**
 * Partner access registers end to end (issue 19), in browser mode: a partner is added and an agreement signed
 * for email marketing with two fields; the extract's preview counts who is included and who is left out and
 * why; the file is produced with those two fields only and its SHA-256 is on the register; the person's page
 * and their access package list the disclosure. A lease that has expired refuses, in words.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS } from './french-clients';
import type { AppPage } from './pages/app-page';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const PARTNER = 'Courrier Boréal';
const AUDITOR = { name: 'Audrey Auditor', passphrase: 'auditor passphrase 2026' };

configure({ useWebWorkers: false });

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function dayIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(bytes)));
  const files = new Map<string, Buffer>();
  for (const entry of await reader.getEntries()) if (!entry.directory) files.set(entry.filename, Buffer.from(await entry.getData(new Uint8ArrayWriter())));
  await reader.close();
  return files;
}

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect(blocking.map((finding) => `${finding.id}: ${finding.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function goToPartners(app: AppPage): Promise<void> {
  await app.navigation().getByRole('button', { name: 'Partners', exact: true }).click();
  await expect(app.page.getByTestId('partners-screen')).toBeVisible();
}

async function api<T>(app: AppPage, method: string, input: unknown): Promise<T> {
  const reply = await app.callApi(method, input);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body as { value: T }).value;
}

test('agreement → preview with exclusions → file → register → the person’s page and access package; an expired lease refuses', async ({
  app,
  page,
}, testInfo) => {
  const csv = testInfo.outputPath('clients.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n`, 'utf8');
  await app.openNewVault(ADMIN);
  await app.goTo('Users');
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(csv, 'Boutique', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', '5');
  const settings = await api<{ timeZone: string }>(app, 'requests.settings', {});
  const today = dayIn(settings.timeZone);
  const nextYear = `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`;

  // A partner in Quebec: no transfer assessment needed.
  await goToPartners(app);
  const screen = page.getByTestId('partners-screen');
  const partnerForm = page.getByTestId('partner-form');
  await partnerForm.getByLabel('Name', { exact: true }).fill(PARTNER);
  await partnerForm.getByLabel('Role').selectOption('processor');
  await partnerForm.getByLabel('Country').selectOption('CA');
  await partnerForm.getByLabel('Province or state').fill('QC');
  await partnerForm.getByRole('button', { name: 'Add the partner' }).click();
  await expect(page.getByTestId('partner-notice')).toHaveText(`Partner “${PARTNER}” added.`);
  const partnerRow = page.getByTestId('partner-row').filter({ hasText: PARTNER });
  await expect(partnerRow).toHaveAttribute('data-missing', 'false');
  await expect(partnerRow).toContainText('Not needed');

  // An agreement for email marketing: the email and the given name, nothing else.
  await screen.getByRole('tab', { name: 'Agreements' }).click();
  const sign = page.getByTestId('agreement-form');
  await sign.getByLabel('Partner', { exact: true }).selectOption({ label: PARTNER });
  await sign.getByLabel('Title').fill('Infolettre 2027');
  await sign.getByTestId('agreement-purposes').getByLabel('Email marketing').check();
  await sign.getByTestId('agreement-fields').getByLabel('Email', { exact: true }).check();
  await sign.getByTestId('agreement-fields').getByLabel('Given name', { exact: true }).check();
  await sign.getByLabel('Lawful basis').selectOption('consent');
  await sign.getByLabel('Valid from').fill(today);
  await sign.getByLabel('Valid to').fill(nextYear);
  await sign.getByLabel('Folder', { exact: true }).fill(testInfo.outputPath('deliveries'));
  await sign.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(page.getByTestId('agreement-notice')).toContainText('Infolettre 2027');
  const agreementRow = page.getByTestId('agreement-row').filter({ hasText: 'Infolettre 2027' });
  await expect(agreementRow).toHaveAttribute('data-state', 'active');
  const agreementId = Number(await agreementRow.getAttribute('data-id'));
  await noSeriousViolations(page);

  // Its detail and history.
  await agreementRow.getByRole('button').click();
  const detail = page.getByTestId('agreement-detail');
  await expect(detail.getByTestId('agreement-fields-list')).toHaveText('Given name, Email');
  await expect(detail.getByTestId('agreement-events').locator('li[data-kind="created"]')).toHaveCount(1);
  await detail
    .getByRole('button', { name: /Agreements/ })
    .first()
    .click();

  // The preview: five people, three who said yes to the newsletter, two left out with the reason.
  await screen.getByRole('tab', { name: 'Extract' }).click();
  const extractForm = page.getByTestId('extract-form');
  await extractForm.getByLabel('Agreement', { exact: true }).selectOption(String(agreementId));
  await extractForm.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('extract-preview');
  await expect(preview).toHaveAttribute('data-refusal', '', { timeout: 30_000 });
  await expect(preview).toHaveAttribute('data-included', '3');
  await expect(preview).toHaveAttribute('data-excluded', '2');
  await expect(preview.getByTestId('extract-counts')).toHaveText('5 people in the audience: 3 included, 2 left out.');
  const exclusions = preview.getByTestId('extract-exclusions');
  await expect(exclusions.locator('tbody tr')).not.toHaveCount(0);
  await expect(preview.getByTestId('extract-sample').locator('thead th')).toHaveText(['Given name', 'Email']);
  await noSeriousViolations(page);

  // The file, with those two fields only; its hash on the screen, on disk and on the register.
  const produce = page.getByTestId('extract-produce-form');
  const outFile = testInfo.outputPath('extract.csv');
  await produce.getByLabel('File', { exact: true }).fill(outFile);
  await produce.getByRole('button', { name: 'Produce the file' }).click();
  const result = page.getByTestId('extract-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-people', '3');
  const hash = (await result.getAttribute('data-sha256')) ?? '';
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  const written = fs.readFileSync(outFile);
  expect(sha256(written)).toBe(hash);
  const text = written.toString('utf8');
  expect(text).toContain('helene.tremblay@exemple.ca');
  expect(text).not.toMatch(/Tremblay[^@]|555|Montréal|H2X/);
  expect(text).not.toContain('lukasz.wojcik');

  await screen.getByRole('tab', { name: 'Register' }).click();
  const registerRow = page.getByTestId('register-row').filter({ hasText: PARTNER });
  await expect(registerRow).toHaveCount(1);
  await expect(registerRow).toHaveAttribute('data-sha256', hash);
  await expect(registerRow).toHaveAttribute('data-people', '3');
  await expect(page.getByTestId('register-totals')).toHaveAttribute('data-people', '3');
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const registerCsv = testInfo.outputPath('register.csv');
  await exported.saveAs(registerCsv);
  expect(fs.readFileSync(registerCsv, 'utf8')).toContain(hash);
  await expect(page.getByTestId('register-exported')).toContainText('1 entry exported');

  // A weekly schedule for the agreement, added and removed.
  await screen.getByRole('tab', { name: 'Schedules' }).click();
  const scheduleForm = page.getByTestId('schedule-form');
  await scheduleForm.getByLabel('Agreement', { exact: true }).selectOption(String(agreementId));
  await scheduleForm.getByLabel('Every').selectOption('weekly');
  await scheduleForm.getByLabel('Day of the week').selectOption('1');
  await scheduleForm.getByRole('button', { name: 'Add the schedule' }).click();
  const scheduleRow = page.getByTestId('schedule-row');
  await expect(scheduleRow).toHaveCount(1);
  await expect(scheduleRow).toContainText('Every Monday at 06:00');
  await scheduleRow.getByRole('button', { name: /^Remove schedule/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('schedules-none')).toBeVisible();

  // Hélène's page lists the disclosure.
  await app.goTo('People');
  await app.profiles.search('helene');
  const person = await app.profiles.openResult('Hélène Tremblay');
  const disclosures = person.getByTestId('profile-disclosures');
  await expect(disclosures.getByTestId('register-row')).toHaveCount(1);
  await expect(disclosures).toContainText(PARTNER);

  // Her access package lists it too: an access request verified against her, its package built from its page.
  const found = await api<{ hits: { id: number; displayName?: string }[] }>(app, 'profiles.search', { query: 'helene tremblay' });
  const helene = found.hits[0]?.id ?? 0;
  expect(helene).toBeGreaterThan(0);
  const request = await api<{ id: number }>(app, 'requests.open', { type: 'access', jurisdiction: 'eu', requesterName: 'Hélène Tremblay' });
  await api(app, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['name', 'email'], profileIds: [helene] });
  await app.goTo('Requests');
  await page.getByTestId('request-row').first().getByRole('button').click();
  const packageForm = page.getByTestId('request-package-form');
  await packageForm.getByLabel('Language of the report').selectOption('en');
  const [download] = await Promise.all([page.waitForEvent('download'), packageForm.getByRole('button', { name: 'Build and download the package' }).click()]);
  const zipPath = testInfo.outputPath('package.zip');
  await download.saveAs(zipPath);
  const files = await unzip(fs.readFileSync(zipPath));
  const pdfPath = testInfo.outputPath('report.pdf');
  fs.writeFileSync(pdfPath, files.get('report.pdf') ?? Buffer.alloc(0));
  const report = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const data = [...files.entries()].filter(([name]) => name !== 'report.pdf').map(([, bytes]) => bytes.toString('utf8'));
  expect(report).toContain(PARTNER);
  expect(data.some((content) => content.includes(PARTNER) && content.includes(hash))).toBe(true);

  // A lease that has ended refuses. An agreement cannot start before its partner was added, so the vault's
  // day is moved on instead: signed for one day at UTC−11, read at UTC+14, that day is always over.
  await api(app, 'requests.saveSettings', { timeZone: 'Pacific/Pago_Pago' });
  const oldPartner = await api<{ id: number }>(app, 'partners.add', { name: 'Listes Anciennes', role: 'third_party', country: 'CA', subdivision: 'QC' });
  const day = dayIn('Pacific/Pago_Pago');
  const old = await api<{ id: number }>(app, 'agreements.add', {
    partnerId: oldPartner.id,
    title: 'Campagne d’un jour',
    purposes: ['email_marketing'],
    basis: 'consent',
    fields: ['email'],
    validFrom: day,
    validTo: day,
    delivery: { kind: 'folder', folder: testInfo.outputPath('old') },
  });
  await api(app, 'requests.saveSettings', { timeZone: 'Pacific/Kiritimati' });
  await goToPartners(app);
  await screen.getByRole('tab', { name: 'Agreements' }).click();
  await expect(page.getByTestId('agreement-row').filter({ hasText: 'Campagne d’un jour' })).toHaveAttribute('data-state', 'expired');
  await screen.getByRole('tab', { name: 'Extract' }).click();
  await page.getByTestId('extract-form').getByLabel('Agreement', { exact: true }).selectOption(String(old.id));
  await page.getByTestId('extract-form').getByRole('button', { name: 'Preview' }).click();
  const refused = page.getByTestId('extract-preview');
  await expect(refused).toHaveAttribute('data-refusal', 'expired', { timeout: 30_000 });
  await expect(refused.getByTestId('extract-refusal')).toHaveText(`Agreement ${String(old.id)} has expired: renew it before sending another extract.`);
  await expect(page.getByTestId('extract-produce-form')).toHaveCount(0);
  // The API refuses the run as well, with the same reason.
  const run = await app.callApi('extracts.run', { agreementId: old.id, outFile: testInfo.outputPath('refused.csv') });
  const runJob = (run.body as { value?: { jobId?: string } }).value?.jobId;
  if (runJob === undefined) expect(JSON.stringify(run.body)).toContain('leaseExpired');
  else await expect.poll(async () => (await api<{ status: string }>(app, 'jobs.get', { jobId: runJob })).status).toBe('failed');
  expect(fs.existsSync(testInfo.outputPath('refused.csv'))).toBe(false);
  await goToPartners(app);
  await screen.getByRole('tab', { name: 'Register' }).click();
  await expect(page.getByTestId('register-row')).toHaveCount(1);

  // Revoking is final, so it asks twice.
  await screen.getByRole('tab', { name: 'Agreements' }).click();
  await page.getByTestId('agreement-row').filter({ hasText: 'Campagne d’un jour' }).getByRole('button').click();
  const oldDetail = page.getByTestId('agreement-detail');
  await oldDetail.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason', { exact: true }).fill('Campaign over');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Revoke agreement no. ${String(old.id)} for good?`);
  await dialog.getByRole('button', { name: 'Revoke for good' }).click();
  await expect(page.getByTestId('agreement-act-notice')).toHaveText(`Agreement no. ${String(old.id)} revoked.`);
  await expect(oldDetail.getByTestId('lease-state')).toHaveAttribute('data-state', 'revoked');
  await expect(oldDetail.getByTestId('agreement-events').locator('li[data-kind="revoked"]')).toContainText('Campaign over');
  await expect(oldDetail.getByTestId('agreement-acts')).toHaveCount(0);

  // The auditor reads partners, agreements and the register, and changes nothing.
  await app.lock();
  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);
  await goToPartners(app);
  await expect(page.getByTestId('partner-row')).toHaveCount(2);
  await expect(page.getByTestId('partner-form')).toHaveCount(0);
  await expect(screen.getByRole('tab', { name: 'Extract' })).toHaveCount(0);
  await screen.getByRole('tab', { name: 'Agreements' }).click();
  await expect(page.getByTestId('agreement-row')).toHaveCount(2);
  await expect(page.getByTestId('agreement-form')).toHaveCount(0);
  await screen.getByRole('tab', { name: 'Register' }).click();
  await expect(page.getByTestId('register-row')).toHaveCount(1);
  await expect(page.getByTestId('register-row')).toHaveAttribute('data-sha256', hash);
  await noSeriousViolations(page);
});
