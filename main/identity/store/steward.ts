/**
 * What a steward does by hand: decide a pair, merge two profiles, split a record out, undo a merge. Each
 * also leaves a decision behind (must-link or cannot-link) so the next resolution does not quietly redo
 * or undo it.
 */
import { AppError } from '../../core/errors';
import { sql, type SqlRunner } from '../../store/sql';
import { allDecisions, countConflicts, findConflicts, recordDecision } from './decisions';
import { activeProfile, membersOf, moveRecords, newProfile, profileOfRecord } from './membership';
import { skipPair } from './review';

export interface Actor {
  userId: number | null;
  stamp: string;
}

function requireProfile(db: SqlRunner, id: number): number {
  const active = activeProfile(db, id);
  if (active === null) throw new AppError('NOT_FOUND', `There is no profile ${id}.`);
  return active;
}

function requireRecordProfile(db: SqlRunner, recordId: number): number {
  const profile = profileOfRecord(db, recordId);
  if (profile === null) throw new AppError('NOT_FOUND', `There is no source record ${recordId}.`);
  return profile;
}

/** The older profile survives; all of the other's records move to it. */
export function mergeProfiles(
  db: SqlRunner,
  first: number,
  second: number,
  actor: Actor,
): { survivorId: number; absorbedId: number; mergeId: number; records: number } {
  const a = requireProfile(db, first);
  const b = requireProfile(db, second);
  if (a === b) throw new AppError('INVALID_INPUT', `Profiles ${first} and ${second} are already the same person (${a}).`);
  const [survivor, absorbed] = a < b ? [a, b] : [b, a];
  const moving = membersOf(db, absorbed);
  const staying = membersOf(db, survivor);
  const blocked = db.get<{ a: number; b: number }>(sql`
    SELECT record_a AS a, record_b AS b FROM identity_decision WHERE same = 0 AND (
      (record_a IN (SELECT value FROM json_each(${JSON.stringify(moving)})) AND record_b IN (SELECT value FROM json_each(${JSON.stringify(staying)})))
      OR (record_b IN (SELECT value FROM json_each(${JSON.stringify(moving)})) AND record_a IN (SELECT value FROM json_each(${JSON.stringify(staying)}))))`);
  if (blocked !== undefined) {
    throw new AppError('CONFLICT', `Records ${blocked.a} and ${blocked.b} were decided to be different people: change that decision first.`, {
      recordA: blocked.a,
      recordB: blocked.b,
    });
  }
  const result = moveRecords(
    db,
    moving.map((recordId) => ({ recordId, from: absorbed, to: survivor })),
    { how: 'steward', runId: null, userId: actor.userId, stamp: actor.stamp },
  );
  recordDecision(db, staying[0] as number, moving[0] as number, true, 'merge', actor.userId, actor.stamp);
  return { survivorId: survivor, absorbedId: absorbed, mergeId: result.merges[0] as number, records: result.moved };
}

/** The record becomes a profile of its own, declared different from every record it leaves. */
export function splitRecord(db: SqlRunner, recordId: number, actor: Actor): { fromProfileId: number; newProfileId: number } {
  const from = requireRecordProfile(db, recordId);
  const others = membersOf(db, from).filter((member) => member !== recordId);
  if (others.length === 0) throw new AppError('INVALID_INPUT', `Record ${recordId} is already a profile of its own (${from}).`);
  const created = newProfile(db, actor.stamp);
  moveRecords(db, [{ recordId, from, to: created }], { how: 'steward', runId: null, userId: actor.userId, stamp: actor.stamp });
  for (const other of others) recordDecision(db, recordId, other, false, 'split', actor.userId, actor.stamp);
  return { fromProfileId: from, newProfileId: created };
}

/**
 * Moves a merge's records back to the profile they came from, wherever the survivor has gone since (it may
 * itself have been merged on). Records that joined later stay. A cannot-link keeps the next run from
 * merging them again.
 */
export function undoMerge(db: SqlRunner, mergeId: number, actor: Actor): { survivorId: number; restoredId: number; records: number } {
  const merge = db.get<{ survivor_id: number; absorbed_id: number; undone_at: string | null }>(
    sql`SELECT survivor_id, absorbed_id, undone_at FROM profile_merge WHERE id = ${mergeId}`,
  );
  if (merge === undefined) throw new AppError('NOT_FOUND', `There is no merge ${mergeId}.`);
  if (merge.undone_at !== null) throw new AppError('CONFLICT', `Merge ${mergeId} was already undone.`);
  const holder = activeProfile(db, merge.survivor_id);
  const records = db
    .all<{ id: number }>(sql`SELECT source_record_id AS id FROM profile_merge_member WHERE merge_id = ${mergeId} ORDER BY source_record_id`)
    .map((row) => row.id)
    .filter((recordId) => holder !== null && profileOfRecord(db, recordId) === holder);
  if (holder === null || records.length === 0)
    throw new AppError('CONFLICT', `The records of merge ${mergeId} have all moved on since: there is nothing to undo.`);
  const restored = merge.absorbed_id;
  // The restored profile comes back under its own id; moveRecords reactivates it as its records return.
  const result = moveRecords(
    db,
    records.map((recordId) => ({ recordId, from: holder, to: restored })),
    { how: 'steward', runId: null, userId: actor.userId, stamp: actor.stamp },
  );
  // The return trip is not itself a merge to undo.
  db.run(sql`DELETE FROM profile_merge WHERE id IN (SELECT value FROM json_each(${JSON.stringify(result.merges)}))`);
  db.run(sql`UPDATE profile_merge SET undone_at = ${actor.stamp}, undone_by = ${actor.userId} WHERE id = ${mergeId}`);
  const remaining = membersOf(db, holder);
  // Undoing says "these are different people": drop the must-links that held them together, keep one cannot-link.
  db.run(sql`DELETE FROM identity_decision WHERE same = 1 AND (
    (record_a IN (SELECT value FROM json_each(${JSON.stringify(records)})) AND record_b IN (SELECT value FROM json_each(${JSON.stringify(remaining)})))
    OR (record_b IN (SELECT value FROM json_each(${JSON.stringify(records)})) AND record_a IN (SELECT value FROM json_each(${JSON.stringify(remaining)}))))`);
  if (remaining.length > 0) recordDecision(db, records[0] as number, remaining[0] as number, false, 'undo', actor.userId, actor.stamp);
  return { survivorId: holder, restoredId: restored, records: result.moved };
}

/**
 * A steward's answer on a pair: "same" merges their profiles now, "different" takes the second record out
 * of a shared profile now, "skip" sends the pair to the back of the queue. Returns the profiles after, and
 * how many contradictions the decisions now hold.
 */
export function decidePair(
  db: SqlRunner,
  recordA: number,
  recordB: number,
  decision: 'same' | 'different' | 'skip',
  actor: Actor,
): { profileA: number | null; profileB: number | null; conflicts: number } {
  const a = requireRecordProfile(db, recordA);
  const b = requireRecordProfile(db, recordB);
  if (decision === 'skip') {
    skipPair(db, recordA, recordB, actor.stamp);
  } else if (decision === 'same') {
    recordDecision(db, recordA, recordB, true, 'review', actor.userId, actor.stamp);
    const conflicts = findConflicts(allDecisions(db));
    const blocked = conflicts.some((conflict) => conflict.records.includes(recordA) && conflict.records.includes(recordB));
    if (a !== b && !blocked) mergeProfiles(db, a, b, actor);
  } else {
    recordDecision(db, recordA, recordB, false, 'review', actor.userId, actor.stamp);
    if (a === b) {
      const created = newProfile(db, actor.stamp);
      moveRecords(db, [{ recordId: recordB, from: a, to: created }], { how: 'steward', runId: null, userId: actor.userId, stamp: actor.stamp });
    }
  }
  return { profileA: profileOfRecord(db, recordA), profileB: profileOfRecord(db, recordB), conflicts: countConflicts(db) };
}
