/**
 * Browser mode uploads each chosen file to the vault's staging folder, a copy with personal data in the
 * clear. Whatever the wizard lets go of goes at once: a file it cannot read, a file replaced by another;
 * the one imported goes when its run is over. Nothing waits for the next lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };

/** Every staged file: staging/<the serving process>/<one folder per upload>/<the file's own name>. */
function stagedCopies(vaultDir: string): string[] {
  const below = (folder: string): string[] => (fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.join(folder, name)) : []);
  return below(path.join(vaultDir, 'staging'))
    .flatMap(below)
    .flatMap(below)
    .map((file) => path.basename(file));
}

test('the wizard keeps no staged copy it no longer needs', async ({ app, page, custodia }, testInfo) => {
  const empty = testInfo.outputPath('vide.csv');
  fs.writeFileSync(empty, '');
  const first = testInfo.outputPath('premier.csv');
  fs.writeFileSync(first, 'id;nom\n1;Hélène\n');
  const second = testInfo.outputPath('second.csv');
  fs.writeFileSync(second, 'id;nom\n2;Łukasz\n');

  await app.openNewVault(ADMIN);
  await app.goTo('Import');

  await app.importer.chooseFile(empty);
  await expect(app.importer.error()).toHaveAttribute('data-code', 'FILE_EMPTY');
  await expect.poll(() => stagedCopies(custodia.vaultDir)).toEqual([]);

  await app.importer.chooseFile(first);
  await expect(app.importer.previewTable()).toContainText('Hélène');
  expect(stagedCopies(custodia.vaultDir)).toEqual(['premier.csv']);

  await page.getByRole('button', { name: 'Choose another file' }).click();
  await expect.poll(() => stagedCopies(custodia.vaultDir)).toEqual([]);
  await app.importer.chooseFile(second);
  await expect(app.importer.previewTable()).toContainText('Łukasz');
  expect(stagedCopies(custodia.vaultDir)).toEqual(['second.csv']);

  await app.importer.toSource();
  await app.importer.declareNewSource('Boutique', 'customer relationship');
  await app.importer.toMapping();
  await app.importer.start();
  await expect(app.importer.count('read')).toHaveAttribute('data-value', '1');
  await expect.poll(() => stagedCopies(custodia.vaultDir)).toEqual([]);
});
