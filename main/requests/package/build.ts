/**
 * An access package: what the vault holds about the person (collect.ts) for the request's period, as a
 * readable report (HTML and PDF, in the requester's language) and a machine-readable copy (JSON and CSVs),
 * with a manifest of every file's SHA-256, zipped. The request stores the archive's hash and the manifest's
 * (the audit trail too), so the organisation can later prove what it sent.
 */
import type { SqlRunner } from '../../store/sql';
import { manifestFile, packageZip, sha256 } from './archive';
import { collectPerson, type CollectedPerson } from './collect';
import { dataFiles, type PackageFile } from './files';
import { reportHtml } from './html';
import { reportPdf } from './pdf';
import { rangeBounds } from './range';
import { reportBlocks, type PackageMeta, type Translate } from './report';

export interface PackageInput {
  readonly recordIds: readonly number[];
  readonly meta: PackageMeta;
  /** AES-256 ZIP when given; the files inside are the same either way. */
  readonly password: string | null;
}

export interface BuiltPackage {
  readonly bytes: Buffer;
  /** SHA-256 of the archive: what was sent. */
  readonly sha256: string;
  /** SHA-256 of manifest.json: the same for every build of one vault state, with or without a password. */
  readonly manifestSha256: string;
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly counts: {
    readonly records: number;
    readonly events: number;
    readonly consentEvents: number;
    readonly identifiers: number;
    readonly withheld: number;
  };
}

/** Reads the vault (call inside one read transaction, so every file sees one state), then writes nothing. */
export function collectForPackage(db: SqlRunner, input: PackageInput, now: Date): CollectedPerson {
  const bounds = rangeBounds(input.meta.range, input.meta.timeZone, now);
  return collectPerson(db, input.recordIds, bounds, now);
}

export async function buildPackage(person: CollectedPerson, input: PackageInput, t: Translate): Promise<BuiltPackage> {
  const blocks = reportBlocks(person, input.meta, t);
  const title = t('accessPackage.title');
  const files: PackageFile[] = [
    { name: 'report.html', bytes: Buffer.from(reportHtml(blocks, input.meta.language), 'utf8') },
    { name: 'report.pdf', bytes: await reportPdf(blocks, title) },
    ...dataFiles(person, input.meta),
  ];
  const bytes = await packageZip(files, input.password);
  const manifest = manifestFile(files);
  return {
    bytes,
    sha256: sha256(bytes),
    manifestSha256: sha256(manifest.bytes),
    files: files.map((file) => ({ name: file.name, bytes: file.bytes.length, sha256: sha256(file.bytes) })),
    counts: {
      records: person.records.length,
      events: person.events.length,
      consentEvents: person.consentEvents.length,
      identifiers: person.identifiers.length,
      withheld: person.withheld,
    },
  };
}
