/**
 * The erasure certificate: ids, counts and hashes only (no personal data, so it may be handed to the
 * requester, a regulator or an auditor). Its hash is the SHA-256 of its canonical JSON, every field but the
 * hash itself; the audit entry carries the same hash, so a certificate shown later can be checked against the
 * tamper-evident trail.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../audit/index';
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { recipientsOf } from './recipients';
import type { CertificateSummary, ErasureCertificate, Generalized, KeptUnderObligation, Removed, ScanSummary } from './contract';

interface CertificateRow {
  id: number;
  profile_id: number;
  request_id: number | null;
  reason: ErasureCertificate['reason'];
  erased_at: string;
  erased_by: string;
  k: number;
  removed: string;
  generalized: string;
  kept: string;
  suppression_entries: number;
  scan: string | null;
  scanned_at: string | null;
  hash: string;
}

const SELECT = sql`
  SELECT e.id, e.profile_id, e.request_id, e.reason, e.erased_at, u.name AS erased_by, e.k, e.removed, e.generalized, e.kept,
    e.suppression_entries, e.scan, e.scanned_at, e.hash
  FROM erasure e JOIN app_user u ON u.id = e.erased_by`;

export type CertificateBody = Omit<ErasureCertificate, 'hash' | 'backups'>;

/**
 * A certificate without recipients hashes without the field: certificates sealed before the partner register
 * existed keep their hash, and verify.
 */
export function certificateHash(body: CertificateBody): string {
  const { recipients, ...rest } = body;
  return crypto.hash('sha256', canonicalJson(recipients.length === 0 ? rest : body), 'hex');
}

/** The backups the audit trail records up to a time (all of them when none is given): they still hold the person. */
export function backupsBefore(db: SqlRunner, until: string | null): ErasureCertificate['backups'] {
  return db.all<{ at: string; auditSeq: number }>(
    sql`SELECT at, seq AS auditSeq FROM audit_log WHERE action = 'vault.backup_created' AND (${until} IS NULL OR at <= ${until}) ORDER BY seq`,
  );
}

function toCertificate(db: SqlRunner, row: CertificateRow): ErasureCertificate {
  const kept = JSON.parse(row.kept) as { legalObligation?: KeptUnderObligation[] };
  return {
    id: row.id,
    profileId: row.profile_id,
    requestId: row.request_id,
    reason: row.reason,
    erasedAt: row.erased_at,
    erasedBy: row.erased_by,
    k: row.k,
    removed: JSON.parse(row.removed) as Removed,
    generalized: JSON.parse(row.generalized) as Generalized,
    kept: kept.legalObligation ?? [],
    suppressionEntries: row.suppression_entries,
    recipients: recipientsOf(db, row.id),
    scan: row.scan === null ? null : (JSON.parse(row.scan) as ScanSummary),
    scannedAt: row.scanned_at,
    hash: row.hash,
    backups: backupsBefore(db, row.erased_at),
  };
}

export function getCertificate(db: SqlRunner, id: number): ErasureCertificate {
  const row = db.get<CertificateRow>(sql`${SELECT} WHERE e.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no erasure certificate ${id}.`, { reason: 'unknownCertificate', certificateId: id });
  return toCertificate(db, row);
}

export function certificateOfProfile(db: SqlRunner, profileId: number): number | null {
  return db.get<{ id: number }>(sql`SELECT id FROM erasure WHERE profile_id = ${profileId}`)?.id ?? null;
}

export function listCertificates(db: SqlRunner, limit: number, offset: number): { total: number; certificates: CertificateSummary[] } {
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM erasure`)?.n ?? 0;
  const rows = db.all<CertificateRow>(sql`${SELECT} ORDER BY e.id DESC LIMIT ${limit} OFFSET ${offset}`);
  return {
    total,
    certificates: rows.map((row) => ({
      id: row.id,
      profileId: row.profile_id,
      requestId: row.request_id,
      reason: row.reason,
      erasedAt: row.erased_at,
      erasedBy: row.erased_by,
      hash: row.hash,
      clean: row.scan === null ? null : (JSON.parse(row.scan) as ScanSummary).clean,
    })),
  };
}

/** Re-reads the certificate and restamps its hash: after the verification scan is added to it. */
export function sealCertificate(db: SqlRunner, id: number): ErasureCertificate {
  const { hash: _hash, backups: _backups, ...body } = getCertificate(db, id);
  const hash = certificateHash(body);
  db.run(sql`UPDATE erasure SET hash = ${hash} WHERE id = ${id}`);
  return getCertificate(db, id);
}
