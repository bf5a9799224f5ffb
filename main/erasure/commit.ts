/**
 * The commit: inside one transaction, everything the plan counted goes, the profile becomes an erased
 * tombstone with no identifying field, the suppression list learns the person, the statistics keep their
 * generalized counts and the certificate is written. Identifiers are deleted, never hashed in place: the
 * suppression digests are keyed hashes kept apart, the minimum needed to honour the request.
 *
 * A crash before the transaction commits leaves the vault as it was; after, as erased. What cannot be in the
 * transaction (rewriting the full-text segments, truncating the WAL, shredding staged files) follows it in
 * purge.ts, and the verification scan checks it all.
 */
import { AppError } from '../core/errors';
import { addSuppression, digestsOfRecords } from '../suppression/index';
import { deleteSearchTerms } from '../store/search-index';
import { sql, type SqlRunner } from '../store/sql';
import { certificateHash, type CertificateBody } from './certificate';
import type { ErasureReason } from './contract';
import { writeStatistics } from './generalize';
import type { ErasurePlan } from './plan';
import { noteRecipients, recipientsOf } from './recipients';
import { redactRequests } from './request';

const inIds = (values: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

export interface Committed {
  readonly certificateId: number;
  readonly hash: string;
}

export function assertCommittable(plan: ErasurePlan, token: string): void {
  if (plan.token !== token) {
    throw new AppError('CONFLICT', 'What the erasure covers changed since the preview: preview it again.', { reason: 'planChanged' });
  }
  if (plan.blockedBy.length > 0) {
    throw new AppError('CONFLICT', 'A legal hold stops this erasure.', { reason: 'legalHold', holdId: plan.blockedBy[0]!.id, holds: plan.blockedBy.length });
  }
}

export function commitErasure(db: SqlRunner, plan: ErasurePlan, reason: ErasureReason, userId: number, now: Date): Committed {
  const stamp = now.toISOString();
  const { scope } = plan;
  const profiles = [scope.profileId, ...scope.absorbedProfileIds];
  const kept = scope.kept.flatMap((entry) => entry.recordIds);
  // Computed from the rows before they go: afterwards nothing of them is left to compute it from.
  const digests = digestsOfRecords(db, [...plan.goingRecordIds, ...kept]);
  writeStatistics(db, plan.generalization);

  const going = inIds(plan.goingRecordIds);
  db.run(sql`DELETE FROM identity_key WHERE source_record_id IN ${going}`);
  db.run(sql`DELETE FROM profile_merge WHERE survivor_id IN ${inIds(profiles)} OR absorbed_id IN ${inIds(profiles)}`);
  db.run(sql`DELETE FROM profile_member WHERE source_record_id IN ${going}`);
  // Identifiers, events, the consent ledger, flags, holds, releases, identity pairs and decisions, request
  // records and merge members hang from the record with ON DELETE CASCADE; secure_delete overwrites them.
  db.run(sql`DELETE FROM source_record WHERE id IN ${going}`);
  if (plan.rejectIds.length > 0) db.run(sql`DELETE FROM import_reject WHERE id IN ${inIds(plan.rejectIds)}`);
  deleteSearchTerms(db, profiles);
  db.run(sql`UPDATE profile SET status = 'erased', display_name = '', sort_key = '', updated_at = ${stamp} WHERE id = ${scope.profileId}`);
  db.run(sql`UPDATE profile SET display_name = '', sort_key = '', updated_at = ${stamp} WHERE id IN ${inIds(scope.absorbedProfileIds)}`);
  redactRequests(db, scope.requestIds, plan.requestId, userId, stamp);

  const { statistics: _statistics, ...generalized } = plan.generalization;
  const keptCounts = { legalObligation: plan.kept };
  const id = Number(
    db.run(sql`
      INSERT INTO erasure (profile_id, request_id, reason, erased_at, erased_by, k, removed, generalized, kept, suppression_entries, hash)
      VALUES (${scope.profileId}, ${plan.requestId}, ${reason}, ${stamp}, ${userId}, ${plan.k}, ${JSON.stringify(plan.removed)},
        ${JSON.stringify(generalized)}, ${JSON.stringify(keptCounts)}, 0, ${'0'.repeat(64)})`).lastInsertRowid,
  );
  const added = addSuppression(db, id, digests);
  noteRecipients(db, id, profiles, stamp);
  const erasedBy = db.get<{ name: string }>(sql`SELECT name FROM app_user WHERE id = ${userId}`)?.name ?? '';
  const body: CertificateBody = {
    id,
    profileId: scope.profileId,
    requestId: plan.requestId,
    reason,
    erasedAt: stamp,
    erasedBy,
    k: plan.k,
    removed: plan.removed,
    generalized,
    kept: [...plan.kept],
    suppressionEntries: added,
    recipients: recipientsOf(db, id),
    scan: null,
    scannedAt: null,
  };
  const hash = certificateHash(body);
  db.run(sql`UPDATE erasure SET suppression_entries = ${added}, hash = ${hash} WHERE id = ${id}`);
  return { certificateId: id, hash };
}
