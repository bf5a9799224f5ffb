/**
 * The verification scan run after an erasure commits: proof that no identifier of the erased person is
 * left, in any table (search index included) nor in the decrypted pages of the file. The result holds
 * counts and form positions only, so it can go into the audit log and the certificate as is; the forms
 * themselves stay with the caller, in memory.
 *
 * The caller checkpoints first (`PRAGMA wal_checkpoint(TRUNCATE)`), so vault.db holds every page; a -wal
 * that is not empty is read as well.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { JobControl } from '../../core/job-control';
import type { Needle } from './needles';
import { scanPages } from './pages';
import { rebuildOwnersOf } from './repair';
import { scanTables, type TableHit, type TableScanOptions } from './tables';

export { needleForms, phoneDigitForms, stripAccents, MIN_FORM_LENGTH, type IdentifierValue, type Needle, type NeedleKind } from './needles';
export { scanTables, tombstonedDocs, type TableHit, type TableScan, type TableScanOptions } from './tables';
export { hmacKey, lowerAscii, pageDecryptor, scanPages, type PageScan } from './pages';

export interface VerificationScanInput {
  /** The vault's connection (better-sqlite3). */
  readonly raw: Database.Database;
  /** vault.db; its -wal is read when not empty. */
  readonly file: string;
  /** The vault's raw 32-byte SQLCipher key. */
  readonly key: Buffer;
  readonly forms: readonly Needle[];
  /** Whether to decrypt and search every page as well (the slow half). */
  readonly pages: boolean;
  readonly erasedRecordIds?: Iterable<number>;
  readonly erasedProfileIds?: Iterable<number>;
  /** Where the erasure keeps an identifier on purpose (see TableScanOptions). */
  readonly keptIn?: TableScanOptions['keptIn'];
  /**
   * After an erasure: when no row holds a form but a page still does (a stale copy in a page's gap, repair.ts),
   * rebuild the b-trees owning those pages and search the pages again. Never for a person still in the vault.
   */
  readonly repair?: boolean;
  readonly job?: JobControl;
}

export interface VerificationScan {
  /** No form outside other people's rows, no erased search document awaiting a merge, and (when pages were read) none in any page, every page readable. */
  readonly clean: boolean;
  readonly tablesScanned: number;
  readonly rowsScanned: number;
  readonly pagesScanned: number;
  readonly walFramesScanned: number;
  readonly tableHits: readonly TableHit[];
  /** Forms found outside other people's rows. */
  readonly leakedForms: number;
  /** Erased search documents whose words the index still holds until it is merged (see TableScan). */
  readonly ftsResidue: number;
  /** Occurrences in the pages of forms that are not shared, and how many distinct forms they were. */
  readonly pageHits: number;
  readonly pageHitForms: number;
  /** Pages whose HMAC failed: unread, so they cannot be vouched for. */
  readonly unreadablePages: number;
  /** Forms that other people still in the vault legitimately hold (a household's phone or mailbox), or kept on purpose. */
  readonly shared: number;
  /** The b-trees rebuilt to wipe stale copies from pages' gaps (`*`: the whole file), when `repair` was asked. */
  readonly rebuilt: readonly string[];
}

export async function verificationScan(input: VerificationScanInput): Promise<VerificationScan> {
  const tables = scanTables(input.raw, input.forms, {
    erasedRecordIds: input.erasedRecordIds,
    erasedProfileIds: input.erasedProfileIds,
    keptIn: input.keptIn,
    job: input.job,
  });
  const shared = new Set(tables.sharedForms);
  // A shared form is in the pages by right (another person's row holds it): only the others must be absent.
  const searched = input.forms.map((needle) => needle.form).filter((form) => !shared.has(form));
  let pages = input.pages ? await scanPages(input.file, input.key, searched, input.job) : null;
  let rebuilt: readonly string[] = [];
  if (input.repair === true && pages !== null && pages.hits > 0 && pages.unreadable === 0 && tables.leakedForms === 0 && tables.ftsResidue === 0) {
    rebuilt = rebuildOwnersOf(input.raw, pages.hitPages).rebuilt;
    pages = await scanPages(input.file, input.key, searched, input.job);
  }
  return {
    clean: tables.leakedForms === 0 && tables.ftsResidue === 0 && (pages === null || (pages.hits === 0 && pages.unreadable === 0)),
    tablesScanned: tables.tablesScanned,
    rowsScanned: tables.rowsScanned,
    pagesScanned: pages?.pagesScanned ?? 0,
    walFramesScanned: pages?.walFramesScanned ?? 0,
    tableHits: tables.hits,
    leakedForms: tables.leakedForms,
    ftsResidue: tables.ftsResidue,
    pageHits: pages?.hits ?? 0,
    pageHitForms: pages?.hitForms ?? 0,
    unreadablePages: pages?.unreadable ?? 0,
    shared: shared.size,
    rebuilt,
  };
}
