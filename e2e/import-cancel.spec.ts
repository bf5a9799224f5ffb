/**
 * A long import cancelled from the wizard: the run stops between batches, the wizard says it was
 * cancelled (not that it failed), the import history keeps the run as cancelled with what it wrote, the
 * vault holds exactly those whole batches, and the same file imported again adds the rest, no duplicates.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test as base } from './fixtures';
import type { AppPage } from './pages/app-page';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

// Long enough to run for several seconds in browser mode (about 20,000 rows/s on a 2-core machine).
const ROWS = 200_000;
/** Every this-many-th row has no customer number and nothing that identifies anyone, so rejects are counted in each batch too. */
const REJECT_EVERY = 1_000;
const REJECTED = Math.floor(ROWS / REJECT_EVERY);
const VALID = ROWS - REJECTED;

const GIVEN = ['Hélène', 'Łukasz', 'François', 'Zoé', 'Anaïs', 'Jérôme', 'Gaëlle', 'Benoît'];
const FAMILY = ['Tremblay', 'Wójcik', 'Gagné', 'Lefèvre', 'Côté', 'Bélanger', 'Nowak', 'Pâquet'];
const CITIES = ['Montréal', 'Łódź', 'Québec', 'Lévis', 'Paris', 'Kraków'];

/** Streams the rows to disk; line n + 1 holds customer n (line 1 is the header). */
async function writeCustomers(file: string): Promise<void> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('No client,Prénom,Nom,Courriel,Ville\n');
  let chunk = '';
  for (let n = 1; n <= ROWS; n++) {
    chunk +=
      n % REJECT_EVERY === 0
        ? `,,,,${CITIES[n % CITIES.length]}\n`
        : `C-${n},${GIVEN[n % GIVEN.length]},${FAMILY[(n >> 3) % FAMILY.length]},client${n}@exemple.fr,${CITIES[n % CITIES.length]}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}

/**
 * The large file, in a temporary folder of its own rather than the test's output folder: another
 * Playwright run started meanwhile empties test-results/, and the file is read twice, seconds apart.
 */
const test = base.extend<{ customersCsv: string }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  customersCsv: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-e2e-cancel-'));
    try {
      const file = path.join(dir, 'clients-200k.csv');
      await writeCustomers(file);
      await use(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
});

interface RunCounts {
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** A row of the import history's counts, as shown (numbers formatted for the locale). */
async function shownCounts(row: Locator): Promise<RunCounts> {
  const cells = (await row.locator('td.num').allTextContents()).map((text) => Number(text.replace(/\D/g, '')));
  // The sixth, records kept with values to review, is not part of what a cancelled run is checked for.
  expect(cells).toHaveLength(6);
  const [read, inserted, updated, unchanged, rejected] = cells as [number, number, number, number, number];
  return { read, inserted, updated, unchanged, rejected };
}

/** Chooses the file and goes through preview, source and mapping, up to the Start button. */
async function throughWizard(app: AppPage, csv: string, newSource: boolean): Promise<void> {
  await app.importer.chooseFile(csv);
  await expect(app.importer.step('preview')).toBeVisible({ timeout: 30_000 });
  await expect(app.importer.previewTable()).toContainText('client1@exemple.fr');
  await app.importer.toSource();
  if (newSource) await app.importer.declareNewSource('Boutique Montréal', 'customer relationship');
  else await expect(app.importer.step('source').getByLabel('A source already in the vault')).toBeChecked();
  await app.importer.toMapping();
  await expect(app.importer.fieldOf('No client')).toHaveValue('sourceRecordId');
  await expect(app.importer.fieldOf('Courriel')).toHaveValue('email');
}

test('a long import cancelled from the wizard keeps whole batches, and the same file again adds the rest', async ({ app, customersCsv: csv }, testInfo) => {
  test.setTimeout(120_000);

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await throughWizard(app, csv, true);

  await app.importer.step('mapping').getByRole('button', { name: 'Start the import' }).click();
  const job = app.importer.step('run').getByTestId('job-progress');
  await expect(job).toBeVisible();
  // The bar fills as batches are written: cancel once some are in, well before the end.
  const bar = job.locator('progress');
  await expect.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('value'))).toBeLessThan(ROWS / 2);
  await job.getByRole('button', { name: 'Cancel' }).click();

  const cancelled = app.importer.step('run').getByTestId('import-cancelled');
  await expect(cancelled).toBeVisible({ timeout: 30_000 });
  await expect(cancelled).toContainText('Import cancelled. Rows written before you cancelled stay in the vault');
  await expect(app.importer.error()).toHaveCount(0);
  await expect(app.importer.result()).toHaveCount(0);
  await expect(job).toHaveCount(0);
  // What it wrote before it stopped, read back from the history (checked against it below).
  const shownInWizard = app.importer.step('run').getByTestId('import-cancelled-counts');
  await expect(shownInWizard).toBeVisible();
  const wizardCounts = Object.fromEntries(
    await Promise.all(
      ['read', 'inserted', 'updated', 'unchanged', 'rejected'].map(async (count) => [
        count,
        Number(await shownInWizard.locator(`[data-count="${count}"]`).getAttribute('data-value')),
      ]),
    ),
  );

  // The import history keeps the run, cancelled, with what it wrote.
  await app.goTo('Sources');
  await app.sources.tab('Import history');
  await expect(app.sources.runs()).toHaveCount(1);
  const run = app.sources.runs().first();
  await expect(run.locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');
  await expect(run).toContainText('Cancelled');
  await expect(run).toContainText('clients-200k.csv');
  const first = await shownCounts(run);
  testInfo.annotations.push({ type: 'cancelled run', description: JSON.stringify(first) });
  expect(wizardCounts).toEqual(first);
  expect(first.read).toBeGreaterThan(0);
  expect(first.read).toBeLessThan(ROWS);
  // Whole batches only: every row read was written or rejected, none left half-done.
  expect(first.inserted + first.rejected).toBe(first.read);
  expect(first.rejected).toBe(Math.floor(first.read / REJECT_EVERY));
  expect(first.updated + first.unchanged).toBe(0);

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', String(first.inserted));

  // The same file again, into the same source: the rows already in are unchanged, the rest added.
  await app.goTo('Import');
  await app.importer.importAnother();
  await throughWizard(app, csv, false);
  await app.importer.start();
  await expect(app.importer.count('read')).toHaveAttribute('data-value', String(ROWS));
  await expect(app.importer.count('unchanged')).toHaveAttribute('data-value', String(first.inserted));
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', String(VALID - first.inserted));
  await expect(app.importer.count('updated')).toHaveAttribute('data-value', '0');
  await expect(app.importer.count('rejected')).toHaveAttribute('data-value', String(REJECTED));

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', String(VALID));

  await app.goTo('Sources');
  await app.sources.tab('Import history');
  await expect(app.sources.runs()).toHaveCount(2);
  // Completed, with the file's rows that are nobody rejected: said so, not a plain green "Completed".
  await expect(app.sources.runs().first().locator('[data-status]')).toHaveAttribute('data-status', 'completed-with-rejects');
  await expect(app.sources.runs().nth(1).locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');
});

test('a cancel pressed at once, before any progress, stops the import and leaves no half-written batch', async ({ app, customersCsv: csv }, testInfo) => {
  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await throughWizard(app, csv, true);

  await app.importer.step('mapping').getByRole('button', { name: 'Start the import' }).click();
  const job = app.importer.step('run').getByTestId('job-progress');
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.importer.step('run').getByTestId('import-cancelled')).toBeVisible({ timeout: 30_000 });
  await expect(app.importer.error()).toHaveCount(0);
  await expect(app.importer.result()).toHaveCount(0);

  // Stopped while the file was read or hashed there is no run; stopped later, a cancelled one with whole batches.
  await app.goTo('Sources');
  await app.sources.tab('Import history');
  // The Refresh button shows once the history is loaded, empty or not.
  await expect(app.page.getByRole('tabpanel').getByRole('button', { name: 'Refresh' })).toBeVisible();
  const runs = await app.sources.runs().count();
  expect(runs).toBeLessThanOrEqual(1);
  let inserted = 0;
  if (runs === 1) {
    const run = app.sources.runs().first();
    await expect(run.locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');
    const counts = await shownCounts(run);
    expect(counts.read).toBeLessThan(ROWS);
    expect(counts.inserted + counts.rejected).toBe(counts.read);
    inserted = counts.inserted;
    testInfo.annotations.push({ type: 'cancelled run', description: JSON.stringify(counts) });
  }
  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', String(inserted));
});
