/**
 * An extract: the lease checked at this moment, the audience drawn, each person's consent for the lease's
 * purposes applied, the file written with only the agreed fields, delivered, and entered on the register with
 * one disclosure per person in the same transaction (docs/partners.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { consentOfMany } from '../../consent/index';
import { contactOfMany } from '../../contact/index';
import { AppError } from '../../core/errors';
import type { JobControl } from '../../core/job-control';
import { litigationHeldProfiles } from '../../erasure/index';
import { retentionOfMany } from '../../retention/index';
import { goldenValuesOfMany, type GoldenFieldName } from '../../identity/index';
import { currentProfileId } from '../../profiles/index';
import { vaultTimeZone } from '../../requests/index';
import type { SqlRunner } from '../../store/sql';
import type { CapabilityContext } from '../../vault/index';
import { EXCLUSIONS, type Audience, type Exclusion, type ExtractField, type ExtractFormat, type ExtractPreview, type RegisterEntry } from '../contract';
import { getLease, type Lease } from '../agreements';
import { uploadBySftp } from '../delivery/sftp';
import { assertLeaseAllows, dayInZone, extractsInMonth, leaseRefusal, leaseRefusedError } from '../lease';
import { readRegisterEntry } from '../register/entry';
import { drawAudience, zoneStamp } from './audience';
import { rowFormat, StagedSink, TargetSink, type ExtractSink, type Row } from './file';

export interface ExtractRequest {
  readonly agreementId: number;
  readonly audience: Audience;
  readonly format: ExtractFormat;
  /** A file chosen by the user (the CLI's --out); otherwise the agreement's folder or SFTP server. */
  readonly outFile?: string | undefined;
  readonly overwrite?: boolean | undefined;
  /** Set when a schedule runs it: the register says so. */
  readonly scheduleId?: number | null | undefined;
  /** A subset of the agreement's fields; a field the agreement does not allow is refused. */
  readonly fields?: readonly ExtractField[] | undefined;
}

/** The columns of the extract: the agreement's, or those asked for when every one of them is agreed. */
export function extractFields(lease: Lease, requested: readonly ExtractField[] | undefined): ExtractField[] {
  if (requested === undefined || requested.length === 0) return [...lease.fields];
  for (const field of requested) {
    if (!lease.fields.includes(field)) {
      throw new AppError('INVALID_INPUT', `Agreement ${lease.id} does not allow the field ${field}.`, {
        reason: 'fieldNotAgreed',
        field,
        agreementId: lease.id,
      });
    }
  }
  return [...new Set(requested)];
}

interface Drawn {
  readonly audience: number;
  readonly included: number[];
  readonly excluded: Record<Exclusion, number>;
}

/**
 * The audience, and who of it may be sent: a person whose data may be used now for every purpose of the
 * lease (the reason counted is the first failing purpose's), who did not refuse the audience's channel for
 * any of them, whose maintain-until date for none of them has passed, and who is not under a litigation hold.
 */
function draw(db: SqlRunner, lease: Lease, audience: Audience, now: Date, timeZone: string): Drawn {
  const purposes = [...lease.purposes];
  const consent = consentOfMany(db, audience.consent === undefined ? purposes : [...new Set([...purposes, audience.consent.purpose])], now);
  const ids = drawAudience(db, audience, timeZone, consent);
  const contact = audience.channel === undefined ? null : contactOfMany(db, audience.channel, purposes);
  const retention = retentionOfMany(db, now, purposes);
  const today = dayInZone(now, timeZone);
  const keptOn = audience.keptOn;
  const drawn = keptOn === undefined ? ids : ids.filter((id) => !purposes.some((purpose) => retention.endedBefore(id, purpose, keptOn)));
  // A hold placed before a merge still holds the person the profile became part of.
  const held = new Set([...litigationHeldProfiles(db, dayInZone(now, timeZone))].map((id) => currentProfileId(db, id)));
  const excluded = Object.fromEntries(EXCLUSIONS.map((reason) => [reason, 0])) as Record<Exclusion, number>;
  const included: number[] = [];
  for (const id of drawn) {
    let reason: Exclusion | null = null;
    for (const purpose of purposes) {
      const use = consent.use(id, purpose);
      if (!use.allowed) {
        reason = use.reason as Exclusion;
        break;
      }
    }
    if (reason === null && contact !== null && purposes.some((purpose) => !contact.allowed(id, purpose).allowed)) reason = 'doNotContact';
    if (reason === null && purposes.some((purpose) => retention.endedBefore(id, purpose, today))) reason = 'retentionEnded';
    if (reason === null && held.has(id)) reason = 'legalHold';
    if (reason === null) included.push(id);
    else excluded[reason] += 1;
  }
  return { audience: drawn.length, included, excluded };
}

const excludedTotal = (drawn: Drawn): number => Object.values(drawn.excluded).reduce((sum, count) => sum + count, 0);

/** Rows of the extract for the people given, a chunk at a time, in their order: only the fields given. */
function* rowsOf(db: SqlRunner, ids: readonly number[], fields: readonly ExtractField[], json: boolean): Generator<Row[]> {
  const golden = fields.filter((field): field is GoldenFieldName => field !== 'profileId');
  const columns = fields.map((field) => (field === 'profileId' ? -1 : golden.indexOf(field)));
  let chunk: Row[] = [];
  for (const [id, values] of goldenValuesOfMany(db, ids, golden)) {
    chunk.push(columns.map((column) => (column === -1 ? (json ? id : String(id)) : values[column]!)));
    if (chunk.length === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

const ROWS_PER_CHUNK = 2_000;
const SAMPLE = 5;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function previewExtract(
  context: CapabilityContext,
  request: Pick<ExtractRequest, 'agreementId' | 'audience' | 'fields'>,
  job: JobControl,
): Promise<ExtractPreview> {
  const { db } = context.vaults.current();
  const timeZone = vaultTimeZone(db);
  const now = context.now();
  const lease = getLease(db, request.agreementId);
  const fields = extractFields(lease, request.fields);
  job.progress('audience', 0, null);
  await tick();
  job.checkpoint();
  const drawn = draw(db, lease, request.audience, now, timeZone);
  const sample: ExtractPreview['sample'] = [];
  for (const rows of rowsOf(db, drawn.included.slice(0, SAMPLE), fields, false)) {
    for (const row of rows) sample.push(Object.fromEntries(fields.map((field, column) => [field, row[column] === null ? null : String(row[column])])));
  }
  job.progress('audience', drawn.audience, drawn.audience);
  return {
    agreementId: lease.id,
    refusal: leaseRefusal(db, lease, now, timeZone),
    audience: drawn.audience,
    included: drawn.included.length,
    excluded: drawn.excluded,
    fields,
    purposes: [...lease.purposes],
    sample,
  };
}

function slug(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded.slice(0, 40) || 'partner';
}

/** `<partner>-a<agreement>-<YYYYMMDD-HHmmss>.<ext>`, the time in the vault's zone. */
export function extractFileName(lease: Lease, format: ExtractFormat, now: Date, timeZone: string): string {
  return `${slug(lease.partnerName)}-a${lease.id}-${zoneStamp(now, timeZone)}.${format}`;
}

interface Destination {
  readonly sink: ExtractSink;
  readonly fileName: string;
  readonly deliveredTo: RegisterEntry['deliveredTo'];
}

function destination(context: CapabilityContext, lease: Lease, request: ExtractRequest, now: Date, timeZone: string): Destination {
  const generated = extractFileName(lease, request.format, now, timeZone);
  if (request.outFile !== undefined) {
    const sink = new TargetSink(request.outFile, request.overwrite === true);
    return { sink, fileName: path.basename(sink.target), deliveredTo: 'file' };
  }
  if (lease.delivery.kind === 'folder') {
    // Two extracts within the same second (a schedule and a manual run) are two files, never one replacing the other.
    let fileName = generated;
    for (let copy = 2; fs.existsSync(path.join(lease.delivery.folder, fileName)); copy += 1) fileName = generated.replace(/(\.\w+)$/, `-${copy}$1`);
    return { sink: new TargetSink(path.join(lease.delivery.folder, fileName), false), fileName, deliveredTo: 'folder' };
  }
  return { sink: new StagedSink(context.vaults.current().files.staging, generated), fileName: generated, deliveredTo: 'sftp' };
}

async function deliverBySftp(lease: Lease, sink: StagedSink, fileName: string, signal: AbortSignal): Promise<void> {
  if (lease.delivery.kind !== 'sftp') return;
  const { password, privateKey, ...target } = lease.delivery.sftp;
  await uploadBySftp({
    target,
    credential: { ...(password === undefined ? {} : { password }), ...(privateKey === undefined ? {} : { privateKey }) },
    localFile: sink.file,
    fileName,
    signal,
  });
}

/**
 * The monthly limit checked again once the file is written: another extract under the same lease may have
 * taken the month's last one meanwhile. The rest of the lease was checked when the extract started; an
 * extract begun inside its window is not thrown away for ending a minute after it.
 */
function assertRoomThisMonth(db: SqlRunner, lease: Lease, now: Date, timeZone: string): void {
  if (lease.maxPerMonth !== null && extractsInMonth(db, lease.id, now, timeZone) >= lease.maxPerMonth) throw leaseRefusedError(lease, 'monthlyLimitReached');
}

/**
 * Writes the extract, then in one transaction enters it on the register with its disclosures and gives the
 * file its name (a failed rename rolls the register back). Cancelled or failed, it leaves neither.
 */
export async function runExtract(context: CapabilityContext, request: ExtractRequest, job: JobControl): Promise<RegisterEntry> {
  const { db } = context.vaults.current();
  const timeZone = vaultTimeZone(db);
  const lease = getLease(db, request.agreementId);
  assertLeaseAllows(db, lease, context.now(), timeZone);
  const fields = extractFields(lease, request.fields);
  job.progress('audience', 0, null);
  await tick();
  job.checkpoint();
  const drawn = draw(db, lease, request.audience, context.now(), timeZone);
  const { sink, fileName, deliveredTo } = destination(context, lease, request, context.now(), timeZone);
  let registered = false;
  try {
    const format = rowFormat(request.format, fields);
    sink.write(format.begin());
    let done = 0;
    for (const rows of rowsOf(db, drawn.included, fields, request.format === 'json')) {
      sink.write(format.rows(rows, done === 0));
      done += rows.length;
      job.progress('write', done, drawn.included.length);
      await tick();
      job.checkpoint();
    }
    sink.write(format.end(done > 0));
    // The last moment a cancel is heard: once a file is on the partner's server, it goes on the register.
    job.checkpoint();
    if (sink instanceof StagedSink) {
      // Before the upload: once the file is on the partner's server it goes on the register, whatever happens.
      assertRoomThisMonth(db, lease, context.now(), timeZone);
      sink.commit();
      job.progress('connecting', 0, null);
      await deliverBySftp(lease, sink, fileName, job.signal);
    }
    const sha256 = sink.sha256();
    const excluded = excludedTotal(drawn);
    const id = context.vaults.mutate<number>(
      (extractId) => ({
        action: 'partners.extract_made',
        objectType: 'extract',
        objectId: extractId,
        details: { agreementId: lease.id, partnerId: lease.partnerId, people: drawn.included.length, excluded, fields: fields.length, sha256 },
      }),
      ({ db: tx, user }) => {
        const at = context.now();
        if (!(sink instanceof StagedSink)) assertRoomThisMonth(tx, lease, at, timeZone);
        const extractId = Number(
          tx
            .statement(
              `INSERT INTO extract (agreement_id, partner_id, schedule_id, user_id, at, purposes, fields, audience, format, people, excluded, file_name, sha256, bytes, delivered_to)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              lease.id,
              lease.partnerId,
              request.scheduleId ?? null,
              user.id,
              at.toISOString(),
              JSON.stringify(lease.purposes),
              JSON.stringify(fields),
              JSON.stringify(request.audience),
              request.format,
              drawn.included.length,
              excluded,
              fileName,
              sha256,
              sink.bytes,
              deliveredTo,
            ).lastInsertRowid,
        );
        // The person's line in the file (in the order written): what a notice of erasure cites to the partner.
        const disclose = tx.statement('INSERT INTO disclosure (profile_id, extract_id, line) VALUES (?, ?, ?)');
        drawn.included.forEach((profileId, index) => disclose.run(profileId, extractId, index + 1));
        if (!(sink instanceof StagedSink)) sink.commit();
        return extractId;
      },
    );
    registered = true;
    const entry = readRegisterEntry(context.vaults.current().db, id);
    if (entry === null) throw new AppError('INTERNAL', `Extract ${id} is not on the register.`);
    return entry;
  } catch (error) {
    if (!registered) sink.abort();
    throw error;
  } finally {
    if (sink instanceof StagedSink) sink.abort();
  }
}
