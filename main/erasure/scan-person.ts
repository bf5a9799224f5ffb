/** The verification scan for one person: every table, the decrypted pages and the vault folder's files. */
import type { JobControl } from '../core/job-control';
import type { OpenVault } from '../vault/index';
import type { ScanSummary } from './contract';
import { scanVaultFiles } from './files-scan';
import { needleForms, verificationScan } from './scan/index';
import type { PersonIdentifier } from './scope';
import { textForms } from './traces';

export async function scanPerson(vault: OpenVault, identifiers: readonly PersonIdentifier[], nameTexts: readonly string[], job: JobControl): Promise<ScanSummary> {
  const started = performance.now();
  const forms = needleForms([...identifiers.flatMap((identifier) => [identifier.raw, identifier.value]), ...nameTexts]);
  const scanned = await verificationScan({ db: vault.db, raw: vault.raw, file: vault.files.db, key: vault.key, forms, pages: true, job });
  const files = scanVaultFiles(vault.files.dir, textForms(identifiers));
  return {
    clean: scanned.clean && files.fileHits === 0,
    tablesScanned: scanned.tablesScanned,
    rowsScanned: scanned.rowsScanned,
    pagesScanned: scanned.pagesScanned,
    filesScanned: files.filesScanned,
    tableHits: scanned.tableHits,
    pageHits: scanned.pageHits,
    fileHits: files.fileHits,
    shared: scanned.shared,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
