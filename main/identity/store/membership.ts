/**
 * Moving records between profiles: the one way merges, splits, undos and resolutions change who is who.
 * A move never touches the record itself, so its events, consents and flags go with it. Each group of
 * records moved from one profile to another is remembered (profile_merge) so it can be undone; a profile
 * left with no record is marked merged into the one that took most of them, and its id redirects there.
 */
import { refreshProfiles } from '../../ingest/index';
import { currentProfileId } from '../../profiles/index';
import { sql, type SqlRunner } from '../../store/sql';
import { deleteSearchTerms } from '../../store/search-index';
import { nameManyFromGolden } from '../golden/golden-record';
import { readRules } from '../golden/rule-store';

export interface Move {
  recordId: number;
  from: number;
  to: number;
}

export interface MoveOptions {
  how: 'rule' | 'steward';
  runId: number | null;
  userId: number | null;
  stamp: string;
}

export interface MoveResult {
  moved: number;
  /** Merge entries written, one per (from, to). */
  merges: number[];
  /** Profiles left empty and now redirecting. */
  emptied: number;
  /** Profiles whose records changed (their names and search rows were rebuilt). */
  touched: number;
}

/** A new, empty profile; its name and search row come with its first members. */
export function newProfile(db: SqlRunner, stamp: string): number {
  return Number(db.run(sql`INSERT INTO profile (created_at, updated_at) VALUES (${stamp}, ${stamp})`).lastInsertRowid);
}

export function moveRecords(db: SqlRunner, moves: readonly Move[], options: MoveOptions): MoveResult {
  const groups = new Map<string, Move[]>();
  for (const move of moves) {
    if (move.from === move.to) continue;
    const key = `${move.from}>${move.to}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [move]);
    else group.push(move);
  }
  const update = db.statement('UPDATE profile_member SET profile_id = ?, how = ?, added_at = ? WHERE source_record_id = ?');
  const member = db.statement('INSERT INTO profile_merge_member (merge_id, source_record_id) VALUES (?, ?)');
  const merges: number[] = [];
  const touched = new Set<number>();
  const receivedFrom = new Map<number, { to: number; count: number }>();
  let moved = 0;
  for (const group of groups.values()) {
    const { from, to } = group[0] as Move;
    const merge = Number(
      db.run(sql`INSERT INTO profile_merge (survivor_id, absorbed_id, how, run_id, merged_by, merged_at)
        VALUES (${to}, ${from}, ${options.how}, ${options.runId}, ${options.userId}, ${options.stamp})`).lastInsertRowid,
    );
    merges.push(merge);
    for (const move of group) {
      update.run(to, options.how, options.stamp, move.recordId);
      member.run(merge, move.recordId);
    }
    moved += group.length;
    touched.add(from);
    touched.add(to);
    const best = receivedFrom.get(from);
    if (best === undefined || group.length > best.count) receivedFrom.set(from, { to, count: group.length });
  }
  // Names and search rows rebuilt in one bulk pass: a resolution touches hundreds of thousands of profiles.
  // Named after the golden record whether or not the composition plugged it into ingest.
  // In id order: neighbouring profiles share pages, which a million-record vault's cache cannot all hold.
  const profiles = [...touched].sort((x, y) => x - y);
  const empty = refreshProfiles(db, profiles, options.stamp, null);
  nameManyFromGolden(
    db,
    profiles.filter((profile) => !empty.has(profile)),
    options.stamp,
    readRules(db),
  );
  // An undo brings a merged profile back; one that was active stays untouched.
  const reactivate = db.statement("UPDATE profile SET status = 'active', merged_into = NULL WHERE id = ? AND status <> 'active'");
  let emptied = 0;
  for (const profile of touched) {
    if (!empty.has(profile)) {
      reactivate.run(profile);
      continue;
    }
    const heir = receivedFrom.get(profile);
    if (heir === undefined) continue;
    db.run(sql`UPDATE profile SET status = 'merged', merged_into = ${heir.to}, updated_at = ${options.stamp} WHERE id = ${profile}`);
    deleteSearchTerms(db, [profile]);
    emptied += 1;
  }
  return { moved, merges, emptied, touched: touched.size };
}

export function profileOfRecord(db: SqlRunner, recordId: number): number | null {
  return db.get<{ id: number }>(sql`SELECT profile_id AS id FROM profile_member WHERE source_record_id = ${recordId}`)?.id ?? null;
}

export function membersOf(db: SqlRunner, profileId: number): number[] {
  return db
    .all<{ id: number }>(sql`SELECT source_record_id AS id FROM profile_member WHERE profile_id = ${profileId} ORDER BY source_record_id`)
    .map((row) => row.id);
}

/** The active profile an id leads to, or null when there is none. */
export function activeProfile(db: SqlRunner, id: number): number | null {
  const current = currentProfileId(db, id);
  const row = db.get<{ status: string }>(sql`SELECT status FROM profile WHERE id = ${current}`);
  return row?.status === 'active' ? current : null;
}
