/**
 * The suppression list in the vault: its secret, the digests an erasure leaves behind, and what may be
 * shown of them (counts per erasure, never what they were computed from).
 */
import crypto from 'node:crypto';
import { sql, type SqlRunner } from '../store/sql';
import type { SuppressionEntry } from './contract';
import { recordDigests, recordKeyDigest, type RecordIdentity, type SuppressionDigest, type SuppressionKind } from './digests';

const SECRET_KEY = 'suppression_secret';

function storedSecret(db: SqlRunner): Buffer | null {
  const hex = db.get<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${SECRET_KEY}`)?.value;
  return hex === undefined ? null : Buffer.from(hex, 'hex');
}

/**
 * The vault's own key for the digests, made the first time an erasure needs it, inside the caller's
 * transaction: a digest written under a secret that then failed to commit could never be matched again.
 */
export function suppressionSecret(db: SqlRunner): Buffer {
  const stored = storedSecret(db);
  if (stored !== null) return stored;
  const secret = crypto.randomBytes(32);
  db.run(sql`INSERT INTO setting (key, value) VALUES (${SECRET_KEY}, ${secret.toString('hex')})`);
  return secret;
}

interface StoredRecord {
  readonly id: number;
  readonly sourceId: number;
  readonly externalId: string;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly fullName: string | null;
}

/**
 * The digests of stored records, each once: the erasure engine asks before it removes a person's records,
 * since afterwards nothing is left to compute them from.
 */
export function digestsOfRecords(db: SqlRunner, recordIds: readonly number[]): SuppressionDigest[] {
  if (recordIds.length === 0) return [];
  const ids = JSON.stringify(recordIds);
  const records = db.all<StoredRecord>(sql`
    SELECT id, source_id AS sourceId, external_id AS externalId, given_name AS givenName, family_name AS familyName, full_name AS fullName
    FROM source_record WHERE id IN (SELECT value FROM json_each(${ids}))`);
  if (records.length === 0) return [];
  // `+kind`: with a bare `kind IN (…)` SQLite reads identifier_value (kind, value) for both kinds, i.e. every
  // identifier of the vault, instead of the records' few through identifier_record.
  const identifiers = db.all<{ recordId: number; kind: 'email' | 'phone'; value: string }>(sql`
    SELECT source_record_id AS recordId, kind, value FROM identifier
    WHERE source_record_id IN (SELECT value FROM json_each(${ids})) AND +kind IN ('email', 'phone')`);
  const secret = suppressionSecret(db);
  const seen = new Set<string>();
  const digests: SuppressionDigest[] = [];
  for (const record of records) {
    const own = identifiers.filter((identifier) => identifier.recordId === record.id);
    const identity: RecordIdentity = {
      externalId: record.externalId,
      givenName: record.givenName,
      familyName: record.familyName,
      fullName: record.fullName,
      emails: own.filter((identifier) => identifier.kind === 'email').map((identifier) => identifier.value),
      phones: own.filter((identifier) => identifier.kind === 'phone').map((identifier) => identifier.value),
    };
    for (const digest of recordDigests(secret, { ...identity, sourceId: record.sourceId })) {
      const key = `${digest.kind}:${digest.digest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      digests.push(digest);
    }
  }
  return digests;
}

/**
 * Adds an erasure's digests; returns how many were new. A digest already listed (two erased people of one
 * household sharing a name and a mailbox) stays under the erasure that listed it first.
 */
export function addSuppression(db: SqlRunner, erasureId: number, digests: readonly SuppressionDigest[]): number {
  let inserted = 0;
  for (const { kind, digest } of digests) {
    inserted += db.run(sql`INSERT OR IGNORE INTO suppression (erasure_id, kind, digest) VALUES (${erasureId}, ${kind}, ${digest})`).changes;
  }
  return inserted;
}

/** Per erasure, newest first: when, and how many entries of each kind. */
export function listSuppression(db: SqlRunner): SuppressionEntry[] {
  return db.all<SuppressionEntry>(sql`
    SELECT e.id AS erasureId, e.erased_at AS erasedAt,
      sum(s.kind = 'record') AS record, sum(s.kind = 'name_email') AS nameEmail, sum(s.kind = 'name_phone') AS namePhone, count(*) AS total
    FROM suppression s JOIN erasure e ON e.id = s.erasure_id
    GROUP BY e.id ORDER BY e.erased_at DESC, e.id DESC`);
}

/**
 * Recognises incoming records of erased people, for one import run. Built once per run: every digest is
 * loaded at once (one row per erased record key, email and phone: few next to the records). With an empty
 * list, the usual case, it costs nothing: no secret is read or made, nothing is hashed.
 */
export class Suppressor {
  private readonly secret: Buffer | null;
  private readonly digests: ReadonlySet<string>;

  constructor(db: SqlRunner) {
    const rows = db.all<{ kind: SuppressionKind; digest: string }>(sql`SELECT kind, digest FROM suppression`);
    this.digests = new Set(rows.map((row) => `${row.kind}:${row.digest}`));
    this.secret = rows.length === 0 ? null : storedSecret(db);
  }

  /** Whether any record could match: when false, callers need not even gather what `matches` takes. */
  get active(): boolean {
    return this.secret !== null;
  }

  /** Whether the row's key alone is an erased record's (a row recognised unchanged carries nothing else). */
  matchesKey(sourceId: number, externalId: string): boolean {
    if (this.secret === null) return false;
    return this.digests.has(`record:${recordKeyDigest(this.secret, sourceId, externalId)}`);
  }

  matches(sourceId: number, record: RecordIdentity): boolean {
    if (this.secret === null) return false;
    return recordDigests(this.secret, { ...record, sourceId }).some((digest) => this.digests.has(`${digest.kind}:${digest.digest}`));
  }
}
