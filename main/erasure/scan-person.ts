/** The verification scan for one person (or a bulk erasure's people): every table, the decrypted pages and the vault folder's files. */
import type { JobControl } from '../core/job-control';
import type { OpenVault } from '../vault/index';
import type { ScanSummary } from './contract';
import { scanVaultFiles } from './files-scan';
import { needleForms, verificationScan, type IdentifierValue } from './scan/index';
import type { PersonIdentifier } from './scope';
import { textForms } from './traces';

/** Tables that hold the records a legal-obligation hold keeps: the person's identifiers are there by right. */
const KEPT_RECORD_TABLES = ['source_record', 'identifier', 'event', 'consent_event', 'contact_preference', 'record_flag', 'profile_member'].map((table) => ({
  table,
}));

export interface ScannedPerson {
  readonly identifiers: readonly PersonIdentifier[];
  readonly nameTexts: readonly string[];
  readonly erasedRecordIds: readonly number[];
  readonly erasedProfileIds: readonly number[];
  /** Records kept under a legal obligation: their tables are not counted against the erasure. */
  readonly keptRecords: number;
}

/** `repair`: after an erasure, stale copies of the people's forms in pages' gaps are rebuilt away (scan/repair.ts). */
export async function scanPeople(vault: OpenVault, people: readonly ScannedPerson[], job: JobControl, { repair }: { repair: boolean }): Promise<ScanSummary> {
  const started = performance.now();
  const values: IdentifierValue[] = people.flatMap((person) => [
    ...person.identifiers.flatMap((identifier) => [
      { kind: identifier.kind, value: identifier.raw },
      { kind: identifier.kind, value: identifier.value },
    ]),
    ...person.nameTexts.map((value) => ({ kind: 'name' as const, value })),
  ]);
  const scanned = await verificationScan({
    raw: vault.raw,
    file: vault.files.db,
    key: vault.key,
    forms: needleForms(values),
    pages: true,
    erasedRecordIds: people.flatMap((person) => person.erasedRecordIds),
    erasedProfileIds: people.flatMap((person) => person.erasedProfileIds),
    keptIn: people.some((person) => person.keptRecords > 0) ? KEPT_RECORD_TABLES : [],
    repair,
    job,
  });
  const files = scanVaultFiles(vault.files.dir, textForms(people.flatMap((person) => person.identifiers)));
  const leakedRows = scanned.tableHits.reduce((sum, hit) => sum + hit.rows - hit.sharedRows, 0);
  return {
    clean: scanned.clean && files.fileHits === 0,
    tablesScanned: scanned.tablesScanned,
    rowsScanned: scanned.rowsScanned,
    pagesScanned: scanned.pagesScanned + scanned.walFramesScanned,
    filesScanned: files.filesScanned,
    tableHits: leakedRows + scanned.ftsResidue,
    pageHits: scanned.pageHits + scanned.unreadablePages,
    unreadablePages: scanned.unreadablePages,
    fileHits: files.fileHits,
    shared: scanned.shared,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    ...(scanned.rebuilt.length === 0 ? {} : { rebuilt: [...scanned.rebuilt] }),
  };
}
