/**
 * Undoing a large import from the history runs as a job: the confirmation shows its progress and a
 * Cancel button. Cancelled part-way, the records removed stay removed, the confirmation counts what is
 * left, and Remove again takes the rest.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
// Enough batches (2,000 records each) for the undo to run for a few seconds.
const ROWS = 40_000;

function customers(): string {
  const lines = ['No client,Prénom,Nom,Courriel,Ville'];
  for (let n = 1; n <= ROWS; n++) lines.push(`C-${n},Zoé${n},Côté${n},client${n}@exemple.fr,Montréal`);
  return `${lines.join('\n')}\n`;
}

/** The number at the start of the plan's first sentence ("40,000 records this import added…"). */
async function planned(text: Promise<string>): Promise<number> {
  return Number((await text).split(' ')[0]!.replace(/\D/g, ''));
}

test('an undo cancelled part-way keeps what it removed, and Remove again takes the rest', async ({ app, page }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('clients-40k.csv');
  fs.writeFileSync(file, customers(), 'utf8');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');
  await app.importer.importIntoNewSource(file, 'Boutique Montréal', 'customer relationship');
  await expect(app.importer.count('inserted')).toHaveAttribute('data-value', String(ROWS), { timeout: 60_000 });

  await app.goTo('Sources');
  await app.sources.tab('Import history');
  const run = app.sources.runs().first();
  await run.getByRole('button', { name: 'Remove what this import added…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove what this import added?' });
  const plan = dialog.getByTestId('undo-plan');
  await expect(plan).toContainText('40,000 records this import added to Boutique Montréal will be removed');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();

  const job = dialog.getByTestId('job-progress');
  await expect(job).toBeVisible();
  await expect(job).toContainText('Removing records');
  const bar = job.locator('progress');
  await expect.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
  await job.getByRole('button', { name: 'Cancel' }).click();

  await expect(dialog.getByTestId('undo-stopped')).toContainText('The records removed so far stay removed');
  await expect(job).toHaveCount(0);
  // The counts read again: what is left.
  await expect.poll(() => planned(plan.locator('p').first().innerText()), { timeout: 15_000 }).toBeLessThan(ROWS);
  const left = await planned(plan.locator('p').first().innerText());
  expect(left).toBeGreaterThan(0);
  await expect(run.getByTestId('run-undone')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: `${left.toLocaleString('en')} records removed.` })).toBeVisible();
  await expect(run.getByTestId('run-undone')).toHaveText('Undone');

  await app.goTo('People');
  await expect(app.profiles.total()).toHaveAttribute('data-total', '0');
});
