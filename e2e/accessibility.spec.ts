/**
 * Every screen a user meets, checked with axe-core against WCAG 2.1 A and AA: the start screens, each
 * step of the import wizard (a French CSV with accents, two values to review and a rejected row), Data
 * quality, the Overview with what needs attention and its charts' tables open, People, Identities, Sources, the audit
 * trail (an entry's side panel included), Users and Settings in English, then the main ones again in
 * French. A `serious` or `critical`
 * WCAG violation fails the test, with each rule, its impact, the elements it found and what to fix; the
 * walk goes on after one, so a single run lists every screen's problems. The rest (moderate and minor
 * violations, axe's best practices, and what axe could not decide, such as a contrast over a gradient)
 * is written to axe-report.txt in the test's output folder and attached to its report, without failing.
 * About 25 s on its own, some 15 of them in axe's 48 runs.
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import type { AreaName } from './pages/app-page';
import { expect, test } from './fixtures';
import { FRENCH_CLIENTS, NOBODY_ROW } from './french-clients';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

/** What the interface is held to: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

const FRENCH_AREAS: Record<AreaName, string> = {
  Overview: 'Vue d’ensemble',
  Import: 'Importer',
  People: 'Personnes',
  Identities: 'Identités',
  Requests: 'Demandes',
  Consent: 'Consentement',
  'Data quality': 'Qualité des données',
  Sources: 'Sources',
  'Audit trail': 'Journal d’audit',
  Users: 'Utilisateurs',
  Settings: 'Paramètres',
};

interface Finding {
  readonly id: string;
  readonly impact?: string | null;
  readonly tags: readonly string[];
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: ReadonlyArray<{ readonly target: unknown; readonly failureSummary?: string }>;
}

const isWcag = (finding: Finding): boolean => finding.tags.some((tag) => WCAG_21_AA.includes(tag));
const isBlocking = (finding: Finding): boolean => isWcag(finding) && BLOCKING.has(finding.impact ?? '');

/** One block per rule: `[impact] rule (criteria) — help`, then each element's selector and what axe says is wrong with it. */
function describe(heading: string, findings: readonly Finding[]): string {
  const blocks = findings.map((finding) => {
    const criteria = finding.tags.filter((tag) => /^wcag\d{3,}$/.test(tag) || tag === 'best-practice').join(', ');
    const nodes = finding.nodes.map((node) => {
      const summary = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
      return `    ${JSON.stringify(node.target)}${summary ? `\n      ${summary}` : ''}`;
    });
    return `  [${finding.impact ?? 'unknown'}] ${finding.id} (${criteria}) — ${finding.help}\n  ${finding.helpUrl}\n${nodes.join('\n')}`;
  });
  return `${heading}:\n${blocks.join('\n')}`;
}

class AxeWalk {
  private readonly report: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly testInfo: TestInfo,
  ) {}

  /** Runs axe on the page as it is now; serious and critical WCAG violations fail the test (softly, so the walk goes on). */
  async check(state: string): Promise<void> {
    // Legacy mode runs axe in the page itself: the default opens a new tab for every run to merge the
    // results of frames, which this app has none of, and takes twice as long.
    const results = await new AxeBuilder({ page: this.page })
      .withTags([...WCAG_21_AA, 'best-practice'])
      .setLegacyMode()
      .analyze();
    const blocking = results.violations.filter(isBlocking);
    const other = results.violations.filter((finding) => !isBlocking(finding));
    const undecided = results.incomplete.filter(isWcag);
    if (other.length > 0) this.report.push(describe(`${state}, not blocking`, other));
    if (undecided.length > 0) this.report.push(describe(`${state}, for a person to check (axe could not decide)`, undecided));
    expect.soft(blocking.length, `Accessibility violations (serious or critical) on ${describe(state, blocking)}`).toBe(0);
  }

  /** Writes what did not fail the test next to its other output, and attaches it to its report. */
  async attachReport(): Promise<void> {
    if (this.report.length === 0) return;
    const file = this.testInfo.outputPath('axe-report.txt');
    fs.writeFileSync(file, `${this.report.join('\n\n')}\n`, 'utf8');
    await this.testInfo.attach('axe-report.txt', { path: file, contentType: 'text/plain' });
  }
}

/** Opens every chart's table on the Overview. */
async function showChartTables(page: Page, label: string): Promise<void> {
  const charts = page.getByTestId('home-charts').locator('details');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) await chart.getByText(label, { exact: true }).click();
  await expect(page.getByTestId('home-charts').locator('details[open] table')).toHaveCount(3);
}

test('every screen meets WCAG 2.1 AA as axe checks it, in English and in French', async ({ app, page }, testInfo) => {
  // One long walk through every screen twice (about 30 s alone): room for a machine shared with other work.
  test.setTimeout(180_000);
  const csv = testInfo.outputPath('clients-été.csv');
  fs.writeFileSync(csv, `${FRENCH_CLIENTS}\r\n${NOBODY_ROW}\r\n`, 'utf8');
  // A watched folder with an export waiting, for the connectors list and a connector's mapping review.
  const folder = testInfo.outputPath('exports');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(`${folder}/clients.csv`, 'id;Prénom;Nom;Courriel\r\n1;Noël;Côté;noel@exemple.ca\r\n2;Zoé;Roy;zoe@exemple.ca\r\n', 'utf8');
  const axe = new AxeWalk(page, testInfo);
  try {
    // Before the vault exists, then the recovery code shown once.
    await app.open();
    await expect(app.start.heading('Create your vault')).toBeVisible();
    await axe.check('Create your vault');
    // Sent empty: each field says what is missing.
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await expect(page.getByLabel('Your user name')).toHaveAttribute('aria-invalid', 'true');
    await axe.check('Create your vault, with its errors');
    await app.start.createVault(ADMIN.name, ADMIN.passphrase);
    await axe.check('Recovery code');
    await app.start.acknowledgeRecoveryCode();
    await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${ADMIN.name}` })).toBeVisible();
    await axe.check('Overview');

    // The import wizard, step by step, to a result with values to review and a rejected row.
    await app.goTo('Import');
    await expect(app.importer.step('file')).toBeVisible();
    await axe.check('Import: file');
    await app.importer.chooseFile(csv);
    await expect(app.importer.previewTable()).toContainText('Łódź');
    await axe.check('Import: preview');
    await app.importer.toSource();
    await axe.check('Import: source');
    await app.importer.declareNewSource('Boutique Montréal', 'customer relationship');
    await axe.check('Import: source (a new source, declared)');
    await app.importer.toMapping();
    await axe.check('Import: mapping');
    await app.importer.start();
    await expect(app.importer.rejectedRows()).toHaveCount(1);
    await expect(app.importer.count('flagged')).toHaveAttribute('data-value', '2');
    await axe.check('Import: result with values to review and a rejected row');

    // Data quality, from the result: the values the import kept as sent, then a correction previewed.
    await page.getByRole('button', { name: 'Review them in Data quality' }).click();
    await expect(app.quality.flags()).toHaveCount(2);
    await axe.check('Data quality: one import’s flagged values');
    await app.goTo('Data quality');
    await expect(app.quality.counts()).toHaveCount(2);
    await axe.check('Data quality: a source');
    await app.quality.counts().first().getByRole('button').click();
    await expect(app.quality.flags()).toHaveCount(1);
    await axe.check('Data quality: one field and column listed');

    // The Overview with something to attend to, each chart's table shown; then a tile's way to the fix.
    await app.goTo('Overview');
    await expect(page.locator('[data-testid="attention-item"][data-kind="runRejectedSome"]')).toBeVisible();
    await expect(page.locator('[data-testid="attention-item"][data-kind="flaggedRecords"]')).toBeVisible();
    await showChartTables(page, 'Show as table');
    await axe.check('Overview: what needs attention, and the charts with their tables');
    await page.locator('[data-testid="attention-item"][data-kind="runRejectedSome"]').click();
    await expect(page.getByTestId('run-rejects').getByTestId('rejects-table')).toBeVisible();
    await axe.check('Sources: import history opened from the Overview, its rejected rows shown');

    // People: the list, a search, one person.
    await app.goTo('People');
    await expect(app.profiles.listRows()).toHaveCount(5);
    await axe.check('People: list');
    await app.profiles.search('helene');
    await expect(app.profiles.results().getByRole('button')).toHaveText(['Hélène Tremblay']);
    await axe.check('People: search results');
    const detail = await app.profiles.openResult('Hélène Tremblay');
    await expect(detail.getByTestId('profile-record')).toContainText('C-001');
    await axe.check('People: a person');
    await detail.getByRole('button', { name: 'Withdraw consent for Email marketing' }).click();
    const consentDialog = page.getByRole('dialog', { name: 'Record a withdrawal: Email marketing' });
    await expect(consentDialog).toBeVisible();
    await axe.check('People: a person, recording a withdrawal of consent');
    await consentDialog.getByRole('button', { name: 'Cancel' }).click();
    await app.profiles.back();

    // Identities: the status, a resolution's result, the settings with a dry run, the conflicts.
    await app.goTo('Identities');
    await expect(app.identity.heading()).toBeVisible();
    await axe.check('Identities: before any resolution');
    await app.identity.resolve();
    await axe.check('Identities: a resolution’s result and the review queue');
    await app.identity.setThresholds(5, -2);
    await app.identity.dryRun();
    await axe.check('Identities: settings, with a dry run');
    await app.identity.tab(/^Conflicts/).click();
    await expect(page.getByTestId('conflicts-panel')).toBeVisible();
    await axe.check('Identities: conflicts');
    await app.identity.tab('Golden record rules').click();
    await expect(page.getByTestId('survivorship-rules')).toBeVisible();
    await page.getByTestId('survivorship-rules').getByLabel('Rule for City').selectOption('sourcePriority');
    await axe.check('Identities: golden record rules, a source order shown');

    // Sources: the register, a source's editor, the import history, the connectors.
    await app.goTo('Sources');
    await expect(app.sources.sourceRow('Boutique Montréal')).toBeVisible();
    await axe.check('Sources: register');
    await app.sources.editSourceButton('Boutique Montréal').click();
    await expect(app.sources.sourceEditor().getByTestId('mapping-from')).toBeVisible();
    await axe.check('Sources: source editor');
    await app.sources.sourceEditor().getByRole('button', { name: 'Cancel' }).click();
    await expect(app.sources.sourceEditor()).toHaveCount(0);
    await app.sources.tab('Import history');
    await expect(app.sources.runs()).toHaveCount(1);
    await axe.check('Sources: import history');
    await app.sources.tab('Connectors');
    await expect(page.getByRole('button', { name: 'Add a connector' })).toBeVisible();
    await axe.check('Sources: connectors (none yet)');
    await page.getByRole('button', { name: 'Add a connector' }).click();
    const form = page.getByRole('form', { name: 'Add a connector' });
    await expect(form).toBeVisible();
    await axe.check('Sources: add a connector (empty form)');
    await form.getByLabel('Name', { exact: true }).fill('Exports');
    await form.getByLabel('Kind').selectOption('folder');
    await form.getByLabel('Folder', { exact: true }).fill(folder);
    await form.getByLabel('Wait for files (seconds)').fill('0');
    await form.getByLabel('New purpose').fill('customer relationship');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(form.getByTestId('connector-test-result')).toBeVisible({ timeout: 30_000 });
    await axe.check('Sources: add a connector (folder, tested)');
    await form.getByRole('button', { name: 'Add the connector' }).click();
    const card = app.sources.connector('Exports');
    await expect(card).toBeVisible();
    // On demand only: nothing is imported until Sync now.
    expect(fs.existsSync(`${folder}/processed/clients.csv`)).toBe(false);
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => fs.existsSync(`${folder}/processed/clients.csv`), { timeout: 30_000 }).toBe(true);
    await axe.check('Sources: connectors list');
    await card.getByRole('button', { name: 'Remove Exports' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove the connector Exports?' });
    await expect(dialog).toBeVisible();
    await axe.check('Sources: remove a connector (confirmation)');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await card.getByRole('button', { name: 'Review the mapping' }).click();
    await expect(card.getByTestId('connector-mapping').locator('td.samples').first()).toBeVisible({ timeout: 30_000 });
    await axe.check('Sources: a connector’s mapping review');
    await card.getByTestId('connector-mapping').getByRole('button', { name: 'Cancel' }).click();

    // The audit trail: its entries, then a verification.
    await app.goTo('Audit trail');
    await expect(app.audit.rows().first()).toBeVisible();
    await axe.check('Audit trail: entries');
    await app.audit.openEntry('import.completed');
    await axe.check('Audit trail: an entry’s side panel');
    await page.keyboard.press('Escape');
    await expect(app.audit.panel()).toHaveCount(0);
    await app.audit.verify();
    await axe.check('Audit trail: verification');
    await app.audit.tab('Export');
    await axe.check('Audit trail: export');
    await app.audit.tab('Checkpoints');
    await axe.check('Audit trail: checkpoints');

    await app.goTo('Users');
    await expect(app.users.row(ADMIN.name)).toBeVisible({ timeout: 30_000 });
    await axe.check('Users');
    // Sent empty: each field of the form says what is missing.
    const addUser = page.getByRole('form', { name: 'Add a user' });
    await addUser.getByRole('button', { name: 'Add the user' }).click();
    await expect(addUser.getByLabel('User name')).toHaveAttribute('aria-invalid', 'true');
    await axe.check('Users: add a user, with its errors');

    await app.goTo('Settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await axe.check('Settings');
    await page.getByRole('button', { name: 'Change the passphrase' }).click();
    await expect(page.getByLabel('Current passphrase')).toHaveAttribute('aria-invalid', 'true');
    await axe.check('Settings: change the passphrase, with its errors');
    await page.getByRole('button', { name: 'Add a purpose' }).click();
    await expect(page.getByTestId('purpose-form')).toBeVisible();
    await axe.check('Settings: add a purpose to the catalog');

    await app.lock();
    await axe.check('Unlock');
    await app.start.fillUnlock(ADMIN.name, 'not the right passphrase');
    await expect(app.start.unlockError()).toBeVisible();
    await axe.check('Unlock, wrong passphrase');
    await page.getByRole('button', { name: 'Forgot your passphrase? Use the recovery code' }).click();
    await expect(app.start.heading('Recover access')).toBeVisible();
    await axe.check('Recover access');
    await page.getByRole('button', { name: 'Back to unlock' }).click();
    await app.start.unlock(ADMIN.name, ADMIN.passphrase);

    // The main screens again in French: labels, names and languages change with the words.
    const goToInFrench = (area: AreaName): Promise<void> =>
      app.navigation('Navigation principale').getByRole('button', { name: FRENCH_AREAS[area], exact: true }).click();
    await app.goTo('Settings');
    await app.settings.chooseLanguage('fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await axe.check('Paramètres (fr)');
    await goToInFrench('Overview');
    await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${ADMIN.name}` })).toBeVisible();
    await expect(page.locator('[data-testid="attention-item"]').first()).toBeVisible();
    await showChartTables(page, 'Afficher en tableau');
    await axe.check('Vue d’ensemble, avec les tableaux des graphiques (fr)');
    await goToInFrench('Import');
    await expect(app.importer.step('file')).toBeVisible();
    await axe.check('Importer : fichier (fr)');
    await app.importer.chooseFile(csv);
    await expect(app.importer.previewTable()).toContainText('Łódź');
    await axe.check('Importer : aperçu (fr)');
    await app.importer
      .step('preview')
      .getByRole('button', { name: /^Suivant\s:\ssource$/ })
      .click();
    await expect(app.importer.step('source')).toBeVisible();
    await axe.check('Importer : source (fr)');
    await app.importer
      .step('source')
      .getByRole('button', { name: /^Suivant\s:\scorrespondance$/ })
      .click();
    await expect(app.importer.step('mapping')).toBeVisible({ timeout: 30_000 });
    await axe.check('Importer : correspondance (fr)');
    await app.importer.step('mapping').getByRole('button', { name: 'Lancer l’importation' }).click();
    await expect(app.importer.result()).toBeVisible({ timeout: 60_000 });
    await expect(app.importer.rejectedRows()).toHaveCount(1);
    await axe.check('Importer : résultat avec lignes rejetées (fr)');
    await goToInFrench('Data quality');
    await expect(app.quality.counts()).toHaveCount(2);
    await axe.check('Qualité des données (fr)');
    await goToInFrench('People');
    // The CSV's five people and the watched folder's two.
    await expect(app.profiles.listRows()).toHaveCount(7);
    await axe.check('Personnes : liste (fr)');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('helene');
    await expect(app.profiles.results().getByRole('button')).toHaveText(['Hélène Tremblay']);
    await axe.check('Personnes : résultats (fr)');
    await app.profiles.results().getByRole('button', { name: 'Hélène Tremblay' }).click();
    await expect(page.getByTestId('profile-detail').getByTestId('profile-record')).toContainText('C-001');
    await axe.check('Personnes : une personne (fr)');
    await goToInFrench('Identities');
    await expect(page.getByRole('heading', { level: 1, name: 'Identités' })).toBeVisible();
    await axe.check('Identités (fr)');
    await page.getByRole('tab', { name: 'Paramètres' }).click();
    await expect(page.getByTestId('identity-settings')).toBeVisible();
    await axe.check('Identités : paramètres (fr)');
    await goToInFrench('Sources');
    await expect(app.sources.sourceRow('Boutique Montréal')).toBeVisible();
    await axe.check('Sources : registre (fr)');
    await app.sources.sourceRow('Boutique Montréal').getByRole('button', { name: 'Modifier la source Boutique Montréal' }).click();
    await expect(app.sources.sourceEditor().getByTestId('mapping-from')).toBeVisible();
    await axe.check('Sources : modifier une source (fr)');
    await page.keyboard.press('Escape');
    await expect(app.sources.sourceEditor()).toHaveCount(0);
    await page.getByRole('tab', { name: 'Historique des importations' }).click();
    await expect(app.sources.runs().first()).toBeVisible();
    await axe.check('Sources : historique des importations (fr)');
    await page.getByRole('tab', { name: 'Connecteurs' }).click();
    await expect(card).toBeVisible();
    await axe.check('Sources : connecteurs (fr)');
    await goToInFrench('Audit trail');
    await expect(app.audit.rows().first()).toBeVisible();
    await axe.check('Journal d’audit : entrées (fr)');
    await app.audit.openEntry('import.completed');
    await axe.check('Journal d’audit : une entrée dans le panneau latéral (fr)');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Vérification' }).click();
    await page.locator('#verify-chain').getByRole('button', { name: 'Vérifier le journal d’audit' }).click();
    await expect(page.locator('#verify-chain').getByTestId('verify-result')).toBeVisible({ timeout: 30_000 });
    await axe.check('Journal d’audit : vérification (fr)');
    await goToInFrench('Users');
    await expect(app.users.row(ADMIN.name)).toBeVisible({ timeout: 30_000 });
    await axe.check('Utilisateurs (fr)');
    await page.keyboard.press('Control+L');
    await expect(app.start.heading('Déverrouiller le coffre')).toBeVisible();
    await axe.check('Déverrouiller (fr)');
  } finally {
    await axe.attachReport();
  }
});
