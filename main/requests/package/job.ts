/**
 * `requests.package` as a job: reads the person's data in one read transaction (every file sees one vault
 * state), builds the archive, then in one write transaction records its hashes on the request and in the
 * audit trail. Cancelled or killed before that, nothing is recorded and no file is left under the chosen
 * name (the archive is written beside it and renamed only once the record is committed).
 */
import type { JobControl } from '../../core/job-control';
import { yieldToEventLoop } from '../../jobs/index';
import { OutputFile } from '../../platform/output-file';
import { erasuresOf } from './erased';
import { sql, type SqlRunner } from '../../store/sql';
import type { CapabilityContext } from '../../vault/index';
import type { BuiltRequestPackage, RequestPackage } from '../contract';
import { activeProfileOf, recordsOf } from '../person';
import { assertReadyForPackage } from '../register';
import { vaultTimeZone } from '../zone';
import { buildPackage, collectForPackage, type BuiltPackage } from './build';
import type { Jurisdiction } from './report';
import { packageTranslator } from './translate';

export interface PackageJobInput {
  readonly id: number;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly language: string;
  readonly password?: string | undefined;
  readonly outFile?: string | undefined;
  readonly overwrite: boolean;
}

interface PackageRow {
  id: number;
  built_at: string;
  built_by: string;
  range_from: string | null;
  range_to: string | null;
  time_zone: string;
  language: string;
  encrypted: number;
  sha256: string;
  manifest_sha256: string;
  bytes: number;
  files: number;
  records: number;
  events: number;
  consent_events: number;
  withheld: number;
}

const toPackage = (row: PackageRow): RequestPackage => ({
  id: row.id,
  builtAt: row.built_at,
  builtBy: row.built_by,
  from: row.range_from,
  to: row.range_to,
  timeZone: row.time_zone,
  language: row.language,
  encrypted: row.encrypted === 1,
  sha256: row.sha256,
  manifestSha256: row.manifest_sha256,
  bytes: row.bytes,
  files: row.files,
  records: row.records,
  events: row.events,
  consentEvents: row.consent_events,
  withheld: row.withheld,
});

const PACKAGE_COLUMNS = sql`p.id, p.built_at, u.name AS built_by, p.range_from, p.range_to, p.time_zone, p.language, p.encrypted, p.sha256, p.manifest_sha256,
  p.bytes, p.files, p.records, p.events, p.consent_events, p.withheld`;

export function requestPackages(db: SqlRunner, requestId: number): RequestPackage[] {
  return db
    .all<PackageRow>(
      sql`SELECT ${PACKAGE_COLUMNS} FROM request_package p JOIN app_user u ON u.id = p.built_by WHERE p.request_id = ${requestId} ORDER BY p.id DESC`,
    )
    .map(toPackage);
}

function requestPackage(db: SqlRunner, packageId: number): RequestPackage {
  return toPackage(db.get<PackageRow>(sql`SELECT ${PACKAGE_COLUMNS} FROM request_package p JOIN app_user u ON u.id = p.built_by WHERE p.id = ${packageId}`)!);
}

export function packageFileName(input: Pick<PackageJobInput, 'id' | 'from' | 'to'>): string {
  const period = input.from === undefined && input.to === undefined ? 'all' : `${input.from ?? 'start'}_${input.to ?? 'now'}`;
  return `access-package-${input.id}-${period}.zip`;
}

/**
 * The records the package covers: those the request was verified for (a later split does not take one away),
 * and what the matched profiles hold now, followed through merges (identity found more of the same person).
 */
function packageRecords(db: SqlRunner, ready: { profileIds: readonly number[]; recordIds: readonly number[] }): number[] {
  const records = new Set(ready.recordIds);
  for (const profileId of ready.profileIds) {
    let current: number;
    try {
      current = activeProfileOf(db, profileId);
    } catch {
      // A profile no longer active (erased) leaves its verified records, whatever is left of them.
      continue;
    }
    for (const recordId of recordsOf(db, current)) records.add(recordId);
  }
  return [...records].sort((a, b) => a - b);
}

export async function runPackageJob(input: PackageJobInput, context: CapabilityContext, job: JobControl): Promise<BuiltRequestPackage> {
  const now = context.now();
  const vault = context.vaults.current();
  job.progress('collecting', 0, 3);
  const t = packageTranslator(input.language);
  const { person, meta, recordIds } = vault.db.transaction(() => {
    const ready = assertReadyForPackage(vault.db, input.id);
    const request = vault.db.get<{ type: string; received_on: string; jurisdiction: Jurisdiction }>(
      sql`SELECT type, received_on, jurisdiction FROM request WHERE id = ${input.id}`,
    )!;
    const packageMeta = {
      requestId: input.id,
      requestType: t(`requests.types.${request.type}`),
      receivedOn: request.received_on,
      jurisdiction: request.jurisdiction,
      range: { from: input.from ?? null, to: input.to ?? null },
      timeZone: vaultTimeZone(vault.db),
      language: input.language,
      organisation: vault.db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = 'organisation_name'`)?.value ?? '',
      erasures: erasuresOf(vault.db, ready.profileIds),
    };
    const recordIds = packageRecords(vault.db, ready);
    const packageInput = { recordIds, meta: packageMeta, password: input.password ?? null };
    return { person: collectForPackage(vault.db, packageInput, now), meta: packageMeta, recordIds };
  });
  // Cancel is heard between the steps.
  await yieldToEventLoop();
  job.checkpoint();
  job.progress('writing', 1, 3);
  const built = await buildPackage(person, { recordIds, meta, password: input.password ?? null }, t);
  await yieldToEventLoop();
  job.checkpoint();
  job.progress('recording', 2, 3);
  const file = input.outFile === undefined ? null : OutputFile.open(input.outFile, { overwrite: input.overwrite });
  try {
    file?.write(built.bytes);
    job.checkpoint();
    const packageId = record(context, input, meta.timeZone, built, now);
    const savedTo = file?.commit() ?? null;
    const stored = requestPackage(context.vaults.current().db, packageId);
    job.progress('recording', 3, 3);
    return { package: stored, fileName: packageFileName(input), savedTo, zipBase64: file === null ? built.bytes.toString('base64') : null };
  } catch (error) {
    file?.abort();
    throw error;
  }
}

function record(context: CapabilityContext, input: PackageJobInput, timeZone: string, built: BuiltPackage, now: Date): number {
  return context.vaults.mutate<number>(
    (packageId) => ({
      action: 'request.packaged',
      objectType: 'request',
      objectId: input.id,
      // The hashes prove what was sent; the counts say how much. Nothing of the person.
      details: { packageId, sha256: built.sha256, manifestSha256: built.manifestSha256, encrypted: input.password !== undefined, ...built.counts },
    }),
    ({ db, user }) =>
      Number(
        db.run(sql`
          INSERT INTO request_package (request_id, built_by, built_at, range_from, range_to, time_zone, language, encrypted, sha256, manifest_sha256, bytes, files, records, events, consent_events, withheld)
          VALUES (${input.id}, ${user.id}, ${now.toISOString()}, ${input.from ?? null}, ${input.to ?? null}, ${timeZone}, ${input.language}, ${input.password === undefined ? 0 : 1},
            ${built.sha256}, ${built.manifestSha256}, ${built.bytes.length}, ${built.files.length + 1}, ${built.counts.records}, ${built.counts.events}, ${built.counts.consentEvents}, ${built.counts.withheld})`)
          .lastInsertRowid,
      ),
  );
}
