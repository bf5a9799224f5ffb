/**
 * Why each record belongs to its profile: the member it is most alike and the evidence between them, and
 * the merges that brought records in (each can be undone while its records are still there).
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { Evidence, MergeEntry, PairRecord } from '../contract';
import { evidenceFor, latestModel, pairRecords, recordFeatures } from './evidence';
import { activeProfile, membersOf } from './membership';
import { AppError } from '../../core/errors';

/** Pairs scored per profile at most: a profile larger than this is explained against its first members. */
const MAX_EXPLAINED = 100;

interface MemberEvidence {
  record: PairRecord;
  closest: { recordId: number; evidence: Evidence } | null;
  how: 'import' | 'rule' | 'steward';
}

export function explainProfile(db: SqlRunner, id: number): { profileId: number; members: MemberEvidence[]; merges: MergeEntry[] } {
  const profileId = activeProfile(db, id);
  if (profileId === null) throw new AppError('NOT_FOUND', `There is no profile ${id}.`);
  const members = membersOf(db, profileId);
  const records = pairRecords(db, members);
  const model = latestModel(db);
  const compared = members.slice(0, MAX_EXPLAINED);
  const featured = model === null ? new Map() : recordFeatures(db, compared);
  const how = new Map(
    db
      .all<{ id: number; how: MemberEvidence['how'] }>(sql`SELECT source_record_id AS id, how FROM profile_member WHERE profile_id = ${profileId}`)
      .map((row) => [row.id, row.how]),
  );
  const explained = members.flatMap((recordId): MemberEvidence[] => {
    const record = records.get(recordId);
    if (record === undefined) return [];
    let closest: MemberEvidence['closest'] = null;
    const mine = featured.get(recordId);
    if (model !== null && mine !== undefined) {
      for (const other of compared) {
        const theirs = featured.get(other);
        if (other === recordId || theirs === undefined) continue;
        const evidence = evidenceFor(model, mine, theirs);
        if (closest === null || evidence.logOdds > closest.evidence.logOdds) closest = { recordId: other, evidence };
      }
    }
    return [{ record, closest, how: how.get(recordId) ?? 'import' }];
  });
  return { profileId, members: explained, merges: mergesOf(db, profileId) };
}

/** Merges into this profile, newest first, with how many of their records are still here. */
export function mergesOf(db: SqlRunner, profileId: number): MergeEntry[] {
  return db
    .all<{ id: number; survivor_id: number; absorbed_id: number; how: 'rule' | 'steward'; merged_at: string; undone_at: string | null; records: number }>(
      sql`
      SELECT g.id, g.survivor_id, g.absorbed_id, g.how, g.merged_at, g.undone_at,
        (SELECT count(*) FROM profile_merge_member x JOIN profile_member m ON m.source_record_id = x.source_record_id WHERE x.merge_id = g.id AND m.profile_id = ${profileId}) AS records
      FROM profile_merge g
      WHERE g.survivor_id = ${profileId} OR g.survivor_id IN (SELECT id FROM profile WHERE merged_into = ${profileId})
      ORDER BY g.id DESC LIMIT 200`,
    )
    .map((row) => ({
      id: row.id,
      survivorId: row.survivor_id,
      absorbedId: row.absorbed_id,
      how: row.how,
      mergedAt: row.merged_at,
      records: row.records,
      undoneAt: row.undone_at,
    }));
}
