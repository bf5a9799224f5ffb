/**
 * Verifying an erasure after the fact. The person's identifiers are gone, so the scan cannot be repeated for
 * them; what can be checked is that the tombstone stayed empty and that the certificate is the one the audit
 * trail recorded. For a profile still active, the same scan as after an erasure shows where the person lies.
 */
import type { JobControl } from '../core/job-control';
import { currentProfileId } from '../profiles/index';
import { sql, type SqlRunner } from '../store/sql';
import { countSearchDocuments } from '../store/search-index';
import type { CapabilityContext } from '../vault/index';
import { certificateHash, certificateOfProfile, getCertificate } from './certificate';
import type { ErasureVerification } from './contract';
import { vaultToday } from './erase-job';
import { erasureScope } from './scope';
import { scanPeople } from './scan-person';

function tombstoneEmpty(db: SqlRunner, profileId: number, keptRecords: number): boolean {
  const profile = db.get<{ display_name: string; sort_key: string }>(sql`SELECT display_name, sort_key FROM profile WHERE id = ${profileId}`);
  const members = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM profile_member WHERE profile_id = ${profileId}`)?.n ?? 0;
  const searchRow = countSearchDocuments(db, [profileId]) > 0;
  return profile !== undefined && profile.display_name === '' && profile.sort_key === '' && members <= keptRecords && !searchRow;
}

function auditHash(db: SqlRunner, certificateId: number): string | null {
  const row = db.get<{ details: string }>(sql`
    SELECT details FROM audit_log WHERE action IN ('erasure.committed', 'erasure.verified')
      AND ((object_type = 'erasure' AND object_id = ${String(certificateId)}) OR json_extract(details, '$.certificateId') = ${certificateId})
    ORDER BY seq DESC LIMIT 1`);
  if (!row) return null;
  return (JSON.parse(row.details) as { hash?: string }).hash ?? null;
}

export async function verifyProfile(context: CapabilityContext, profileId: number, job: JobControl): Promise<ErasureVerification> {
  const vault = context.vaults.current();
  const current = currentProfileId(vault.db, profileId);
  const certificateId = certificateOfProfile(vault.db, current);
  if (certificateId !== null) {
    const { hash, backups: _backups, ...body } = getCertificate(vault.db, certificateId);
    const kept = body.kept.reduce((sum, entry) => sum + entry.records, 0);
    return {
      profileId: current,
      erased: true,
      certificateId,
      scan: body.scan,
      hashMatches: certificateHash(body) === hash,
      auditMatches: auditHash(vault.db, certificateId) === hash,
      tombstoneEmpty: tombstoneEmpty(vault.db, current, kept),
    };
  }
  const scope = erasureScope(vault.db, current, null, vaultToday(vault, context.now()));
  // The person's own rows count as found: this shows everything an erasure would have to remove.
  const scan = await scanPeople(
    vault,
    [
      {
        identifiers: scope.identifiers,
        nameTexts: scope.nameTexts,
        erasedRecordIds: [...scope.recordIds, ...scope.heldRecordIds, ...scope.kept.flatMap((entry) => entry.recordIds)],
        erasedProfileIds: [scope.profileId, ...scope.absorbedProfileIds],
        keptRecords: 0,
      },
    ],
    job,
    { repair: false },
  );
  return { profileId: current, erased: false, certificateId: null, scan, hashMatches: null, auditMatches: null, tombstoneEmpty: null };
}
