/**
 * People who may be the same person as the ones chosen: the profiles on the other side of a pair waiting in
 * the review queue with any of their records. A steward verifying a requester sees them beside the search,
 * so an access request does not miss the person's records the linker was not sure enough to merge.
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { Suggestion } from '../contract';

export function suggestSamePerson(db: SqlRunner, profileIds: readonly number[]): Suggestion[] {
  const chosen = JSON.stringify([...new Set(profileIds)]);
  return db.all<Suggestion>(sql`
    WITH mine AS (SELECT source_record_id AS record FROM profile_member WHERE profile_id IN (SELECT value FROM json_each(${chosen}))),
    other AS (
      SELECT p.record_b AS record, p.log_odds FROM identity_pair p WHERE p.record_a IN (SELECT record FROM mine)
      UNION ALL
      SELECT p.record_a AS record, p.log_odds FROM identity_pair p WHERE p.record_b IN (SELECT record FROM mine)
    )
    SELECT m.profile_id AS profileId, pr.display_name AS displayName, max(o.log_odds) AS logOdds
    FROM other o JOIN profile_member m ON m.source_record_id = o.record JOIN profile pr ON pr.id = m.profile_id
    WHERE m.profile_id NOT IN (SELECT value FROM json_each(${chosen}))
    GROUP BY m.profile_id ORDER BY logOdds DESC, m.profile_id LIMIT 20`);
}
