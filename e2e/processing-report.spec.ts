/**
 * The records of processing from the app: an administrator downloads the CSV in French from Settings, an
 * auditor the PDF in English from the Audit area; both say what the vault knows (a partner whose transfer
 * assessment is missing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const AUDITOR = { name: 'Audrey Auditor', passphrase: 'auditor passphrase 2026' };

test('an administrator and an auditor download the records of processing, in the language and format they choose', async ({ app, page }, testInfo) => {
  await app.openNewVault(ADMIN);
  const added = await app.callApi('partners.add', { name: 'Mailer Toronto', role: 'third_party', country: 'CA', subdivision: 'ON' });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  await app.goTo('Users');
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);

  await app.goTo('Settings');
  const section = page.locator('#processing');
  await section.getByLabel('Language of the report').selectOption('fr');
  await section.getByLabel('Format').selectOption('csv');
  const [csv] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download the report' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^records-of-processing-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvPath = testInfo.outputPath('records.csv');
  await csv.saveAs(csvPath);
  const text = fs.readFileSync(csvPath, 'utf8');
  expect(text.startsWith('\ufeffsection,référence,nom,')).toBe(true);
  expect(text).toMatch(/destinataire,1,Mailer Toronto,Tiers,.*Manquante/);
  await expect(section.getByTestId('processing-exported')).toContainText('records-of-processing-');

  await app.lock();
  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);
  await app.goTo('Audit trail');
  await page.getByRole('tab', { name: 'Records of processing' }).click();
  const panel = page.locator('#processing');
  const [pdf] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download the report' }).click()]);
  const pdfPath = testInfo.outputPath('records.pdf');
  await pdf.saveAs(pdfPath);
  const words = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(words).toContain('Records of processing activities');
  expect(words).toContain('Mailer Toronto');
  expect(words).toContain('Missing');

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const blocking = results.violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect(blocking.map((finding) => finding.id)).toEqual([]);
});
