/**
 * An erasure made for a request answers that request: it must be an erasure request, verified (the
 * requester's identity confirmed), still open, and matched to the profile being erased. Read from the
 * register's tables: the register (main/requests) knows nothing of erasure.
 */
import { AppError } from '../core/errors';
import { currentProfileId } from '../profiles/index';
import { sql, type SqlRunner } from '../store/sql';

export function assertErasureRequest(db: SqlRunner, requestId: number, profileId: number): void {
  const request = db.get<{ type: string; status: string }>(sql`SELECT type, status FROM request WHERE id = ${requestId}`);
  if (!request) throw new AppError('NOT_FOUND', `There is no request ${requestId}.`, { reason: 'unknownRequest', requestId });
  if (request.type !== 'erasure') throw new AppError('CONFLICT', `Request ${requestId} does not ask for erasure.`, { reason: 'notErasureRequest', requestId });
  if (request.status === 'closed') throw new AppError('CONFLICT', `Request ${requestId} is closed.`, { reason: 'requestClosed', requestId });
  if (request.status !== 'verified') {
    throw new AppError('CONFLICT', `Verify the requester's identity for request ${requestId} before erasing.`, { reason: 'requestNotVerified', requestId });
  }
  const target = currentProfileId(db, profileId);
  const matched = db.all<{ profile_id: number }>(sql`SELECT profile_id FROM request_profile WHERE request_id = ${requestId}`);
  if (!matched.some((row) => currentProfileId(db, row.profile_id) === target)) {
    throw new AppError('CONFLICT', `Request ${requestId} was not matched to profile ${profileId}.`, { reason: 'profileNotMatched', requestId, profileId });
  }
}

/** The active profiles a request was matched to, followed through merges. */
export function matchedActiveProfiles(db: SqlRunner, requestId: number): number[] {
  const matched = db.all<{ profile_id: number }>(sql`SELECT profile_id FROM request_profile WHERE request_id = ${requestId} ORDER BY profile_id`);
  const current = [...new Set(matched.map((row) => currentProfileId(db, row.profile_id)))];
  return current.filter((id) => db.get<{ status: string }>(sql`SELECT status FROM profile WHERE id = ${id}`)?.status === 'active');
}

function matchedStillActive(db: SqlRunner, requestId: number): boolean {
  return matchedActiveProfiles(db, requestId).length > 0;
}

/** What stays of the requests that named the person: the register's facts (type, law, dates, outcome), no words of theirs. */
export function redactRequests(db: SqlRunner, requestIds: readonly number[], erasureRequestId: number | null, userId: number, stamp: string): void {
  const ids = sql`(SELECT value FROM json_each(${JSON.stringify(requestIds)}))`;
  db.run(sql`
    UPDATE request SET requester_name = '—', contact = NULL, channel = NULL, outcome_note = NULL,
      extension_reason = CASE WHEN extension_reason IS NULL THEN NULL ELSE '—' END, updated_at = ${stamp}
    WHERE id IN ${ids}`);
  db.run(sql`UPDATE request_verification SET method = '—', document = NULL WHERE request_id IN ${ids}`);
  // Fulfilled once every profile it was matched to is erased (a person identity had not joined yet is two).
  if (erasureRequestId !== null && !matchedStillActive(db, erasureRequestId)) {
    db.run(sql`
      UPDATE request SET status = 'closed', outcome = 'fulfilled', closed_at = ${stamp}, closed_by = ${userId}, updated_at = ${stamp}
      WHERE id = ${erasureRequestId} AND status <> 'closed'`);
  }
}
