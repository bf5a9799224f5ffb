/**
 * The review's derived table (migration 023), kept up to date: rebuilt from the ledger when it was never
 * built or a source's declaration changed, otherwise refreshed for the profiles the triggers marked, the
 * grants that lapsed since, and the withdrawn people whose records brought new data. The tallies the
 * review reads (`consent_tally`) move by the difference between a profile's old rows and its new ones.
 *
 * "Still used after a withdrawal": the state is withdrawn (or objected), and a source of one of the
 * person's records declares the purpose (on consent for a withdrawal; on any basis for an objection, which
 * stops every basis) and brought new or changed data about that record after the withdrawal
 * (`source_record.updated_at` later than the state's `since`): the data keeps arriving for the purpose.
 */
import { sql, type SqlRunner } from '../store/sql';
import { LETTER_STATE, reviewRows, type ReviewEvent, type ReviewRow, type StoredState } from './review-derive';

/** More marked profiles than this, and rebuilding everything is quicker than replacing them one by one. */
const REBUILD_ABOVE = 100_000;
/** Profiles per read when refreshing marked ones; profile ids per read when rebuilding. */
const CHUNK = 2_000;
const RANGE = 20_000;

/** `stale`: a rebuild was due and not allowed (the home screen does not wait for one). */
export type RefreshMode = 'unchanged' | 'incremental' | 'rebuilt' | 'stale';

export interface Refreshed {
  readonly mode: RefreshMode;
  readonly profiles: number;
  readonly rows: number;
  readonly ms: number;
}

type Tally = Map<string, number>;

function bump(tally: Tally, purposeId: number, month: string, key: string, by: number): void {
  const id = `${purposeId}|${month}|${key}`;
  tally.set(id, (tally.get(id) ?? 0) + by);
}

/** What one row adds to the tallies (`sign` -1 to take an old row away). */
function count(tally: Tally, row: Pick<ReviewRow, 'purposeId' | 'state' | 'disagree' | 'unevidenced' | 'stillUsed' | 'timeline'>, sign: 1 | -1): void {
  bump(tally, row.purposeId, '', row.state, sign);
  if (row.disagree) bump(tally, row.purposeId, '', 'disagree', sign);
  if (row.unevidenced) bump(tally, row.purposeId, '', 'unevidenced', sign);
  if (row.stillUsed) bump(tally, row.purposeId, '', 'stillUsed', sign);
  let previous: StoredState | 'none' = 'none';
  if (row.timeline === '') return;
  for (const part of row.timeline.split(';')) {
    const month = part.slice(0, 7);
    const state = LETTER_STATE[part.slice(8)] ?? 'none';
    if (state !== 'none') bump(tally, row.purposeId, month, state, sign);
    if (previous !== 'none') bump(tally, row.purposeId, month, previous, -sign);
    previous = state as StoredState | 'none';
  }
}

function writeTally(db: SqlRunner, tally: Tally): void {
  for (const [id, n] of tally) {
    if (n === 0) continue;
    const [purposeId, month, key] = id.split('|') as [string, string, string];
    db.run(sql`INSERT INTO consent_tally (purpose_id, month, key, n) VALUES (${Number(purposeId)}, ${month}, ${key}, ${n})
      ON CONFLICT (purpose_id, month, key) DO UPDATE SET n = n + excluded.n`);
  }
  db.run(sql`DELETE FROM consent_tally WHERE n = 0`);
}

type EventRow = [
  profileId: number,
  id: number,
  purposeId: number,
  kind: ReviewEvent['kind'],
  at: string | null,
  recordedAt: string,
  expiresAt: string | null,
  sourceId: number | null,
  evidenced: number,
];

const EVENT_COLUMNS = `m.profile_id, e.id, e.purpose_id, e.kind, e.at, e.recorded_at, e.expires_at, e.source_id,
  (e.evidence IS NOT NULL OR (e.run_id IS NOT NULL AND e.raw IS NOT NULL))
  FROM profile_member m JOIN consent_event e ON e.source_record_id = m.source_record_id`;

/** The same, for a list of profiles given as JSON: the list drives the loop (the planner would scan the members otherwise). */
const MARKED_EVENTS = `SELECT j.value, e.id, e.purpose_id, e.kind, e.at, e.recorded_at, e.expires_at, e.source_id,
  (e.evidence IS NOT NULL OR (e.run_id IS NOT NULL AND e.raw IS NOT NULL))
  FROM json_each(?) j CROSS JOIN profile_member m ON m.profile_id = j.value JOIN consent_event e ON e.source_record_id = m.source_record_id
  ORDER BY j.value`;

function rowsOf(raw: readonly EventRow[], now: Date): ReviewRow[] {
  const rows: ReviewRow[] = [];
  let start = 0;
  while (start < raw.length) {
    const profileId = raw[start]![0];
    let end = start;
    const events: ReviewEvent[] = [];
    while (end < raw.length && raw[end]![0] === profileId) {
      const [, id, purposeId, kind, at, recordedAt, expiresAt, sourceId, evidenced] = raw[end]!;
      events.push({ id, purposeId, kind, at, recordedAt, expiresAt, sourceId, evidenced: evidenced === 1 });
      end += 1;
    }
    rows.push(...reviewRows(profileId, events, now));
    start = end;
  }
  return rows;
}

/** The purposes each source declares: on consent, and on any basis. */
function declarations(db: SqlRunner): { consent: Set<string>; any: Set<string>; signature: string } {
  const rows = db.all<{ sourceId: number; purposeId: number; basis: string }>(
    sql`SELECT source_id AS sourceId, purpose_id AS purposeId, basis FROM source_purpose ORDER BY source_id, purpose_id, basis`,
  );
  const consent = new Set<string>();
  const any = new Set<string>();
  for (const row of rows) {
    any.add(`${row.sourceId}|${row.purposeId}`);
    if (row.basis === 'consent') consent.add(`${row.sourceId}|${row.purposeId}`);
  }
  return { consent, any, signature: rows.map((row) => `${row.sourceId}:${row.purposeId}:${row.basis}`).join(',') };
}

/** Sets `stillUsed` on the withdrawn and objected rows whose data keeps arriving (see the file's comment). */
function markStillUsed(db: SqlRunner, rows: ReviewRow[], declared: ReturnType<typeof declarations>): void {
  const stopped = rows.filter((row) => row.state === 'withdrawn' || row.state === 'objected');
  if (stopped.length === 0 || declared.any.size === 0) return;
  const ids = [...new Set(stopped.map((row) => row.profileId))];
  const records = new Map<number, { sourceId: number; updatedAt: number }[]>();
  for (let index = 0; index < ids.length; index += CHUNK) {
    const slice = JSON.stringify(ids.slice(index, index + CHUNK));
    for (const record of db.all<{ profileId: number; sourceId: number; updatedAt: string }>(sql`
      SELECT m.profile_id AS profileId, r.source_id AS sourceId, r.updated_at AS updatedAt
      FROM json_each(${slice}) j CROSS JOIN profile_member m ON m.profile_id = j.value JOIN source_record r ON r.id = m.source_record_id`)) {
      const list = records.get(record.profileId) ?? [];
      list.push({ sourceId: record.sourceId, updatedAt: Date.parse(record.updatedAt) });
      records.set(record.profileId, list);
    }
  }
  for (const row of stopped) {
    const since = row.since === null ? Number.NEGATIVE_INFINITY : Date.parse(row.since);
    const declaring = row.state === 'withdrawn' ? declared.consent : declared.any;
    row.stillUsed = (records.get(row.profileId) ?? []).some((record) => record.updatedAt > since && declaring.has(`${record.sourceId}|${row.purposeId}`));
  }
}

const INSERT_ROW = `INSERT INTO consent_state (profile_id, purpose_id, state, since, event_id, lapses_at, disagree, unevidenced, still_used, timeline) VALUES `;
const ROW_PLACES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per INSERT: one statement step for many rows is what makes a million of them quick. */
const ROWS_PER_INSERT = 100;
const INSERT_MANY = INSERT_ROW + Array.from({ length: ROWS_PER_INSERT }, () => ROW_PLACES).join(', ');

function insertRows(db: SqlRunner, rows: readonly ReviewRow[], tally: Tally): void {
  const many = db.statement(INSERT_MANY);
  const params: (string | number | null)[] = [];
  let index = 0;
  for (; index + ROWS_PER_INSERT <= rows.length; index += ROWS_PER_INSERT) {
    params.length = 0;
    for (let offset = index; offset < index + ROWS_PER_INSERT; offset += 1) pushRow(params, rows[offset]!);
    many.run(params);
  }
  const one = db.statement(INSERT_ROW + ROW_PLACES);
  for (; index < rows.length; index += 1) {
    params.length = 0;
    pushRow(params, rows[index]!);
    one.run(params);
  }
  for (const row of rows) count(tally, row, 1);
}

function pushRow(params: (string | number | null)[], row: ReviewRow): void {
  params.push(
    row.profileId,
    row.purposeId,
    row.state,
    row.since,
    row.eventId,
    row.lapsesAt,
    row.disagree ? 1 : 0,
    row.unevidenced ? 1 : 0,
    row.stillUsed ? 1 : 0,
    row.timeline,
  );
}

function rawEvents(db: SqlRunner, where: string, ...params: (string | number)[]): EventRow[] {
  return db
    .statement(`SELECT ${EVENT_COLUMNS} WHERE ${where} ORDER BY m.profile_id`)
    .raw(true)
    .all(...params) as EventRow[];
}

/** Every row again from the ledger: what the refresh must always equal (a test compares them). */
function rebuild(db: SqlRunner, now: Date, declared: ReturnType<typeof declarations>): { profiles: number; rows: number } {
  db.run(sql`DELETE FROM consent_state`);
  db.run(sql`DELETE FROM consent_tally`);
  db.run(sql`DELETE FROM consent_state_dirty`);
  const tally: Tally = new Map();
  const top = db.get<{ top: number | null }>(sql`SELECT max(profile_id) AS top FROM profile_member`)?.top ?? 0;
  let written = 0;
  const people = new Set<number>();
  for (let low = 0; low <= top; low += RANGE) {
    const rows = rowsOf(rawEvents(db, 'm.profile_id >= ? AND m.profile_id < ?', low, low + RANGE), now);
    markStillUsed(db, rows, declared);
    insertRows(db, rows, tally);
    for (const row of rows) people.add(row.profileId);
    written += rows.length;
  }
  writeTally(db, tally);
  return { profiles: people.size, rows: written };
}

interface OldRow {
  purposeId: number;
  state: StoredState;
  disagree: number;
  unevidenced: number;
  stillUsed: number;
  timeline: string;
}

/** Replaces the rows of the marked profiles, moving the tallies by the difference. */
function refreshMarked(db: SqlRunner, ids: readonly number[], now: Date, declared: ReturnType<typeof declarations>): number {
  const tally: Tally = new Map();
  let written = 0;
  for (let index = 0; index < ids.length; index += CHUNK) {
    const slice = JSON.stringify(ids.slice(index, index + CHUNK));
    for (const old of db.all<OldRow>(sql`
      SELECT s.purpose_id AS purposeId, s.state, s.disagree, s.unevidenced, s.still_used AS stillUsed, s.timeline
      FROM json_each(${slice}) j CROSS JOIN consent_state s ON s.profile_id = j.value`)) {
      count(tally, { ...old, disagree: old.disagree === 1, unevidenced: old.unevidenced === 1, stillUsed: old.stillUsed === 1 }, -1);
    }
    db.run(sql`DELETE FROM consent_state WHERE profile_id IN (SELECT value FROM json_each(${slice}))`);
    const rows = rowsOf(db.statement(MARKED_EVENTS).raw(true).all(slice) as EventRow[], now);
    markStillUsed(db, rows, declared);
    insertRows(db, rows, tally);
    written += rows.length;
  }
  writeTally(db, tally);
  db.run(sql`DELETE FROM consent_state_dirty`);
  return written;
}

interface Meta {
  built: number;
  recordsSeen: string | null;
  declarations: string | null;
}

/**
 * Brings the derived table up to date with the ledger, the memberships, the declarations and the clock;
 * `rebuild: true` starts from nothing (the reproducibility test, and `consent review --rebuild`).
 */
export function refreshConsentState(db: SqlRunner, now: Date, options: { rebuild?: boolean; mayRebuild?: boolean } = {}): Refreshed {
  const started = performance.now();
  return db.transaction(() => {
    const meta = db.get<Meta>(sql`SELECT built, records_seen AS recordsSeen, declarations FROM consent_state_meta WHERE id = 1`)!;
    const declared = declarations(db);
    const due =
      meta.built !== 1 ||
      meta.declarations !== declared.signature ||
      (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM consent_state_dirty`)?.n ?? 0) > REBUILD_ABOVE;
    if (options.mayRebuild === false && due) return { mode: 'stale' as const, profiles: 0, rows: 0, ms: Math.round(performance.now() - started) };
    const stamp = now.toISOString();
    let mode: RefreshMode = 'unchanged';
    let profiles = 0;
    let rows = 0;
    const full = options.rebuild === true || meta.built !== 1 || meta.declarations !== declared.signature;
    if (!full) {
      // Grants that lapsed since the last refresh, and withdrawn people whose records brought new data.
      db.run(sql`INSERT OR IGNORE INTO consent_state_dirty (profile_id)
        SELECT profile_id FROM consent_state WHERE lapses_at IS NOT NULL AND lapses_at <= ${stamp}`);
      if (meta.recordsSeen !== null) {
        db.run(sql`INSERT OR IGNORE INTO consent_state_dirty (profile_id)
          SELECT DISTINCT m.profile_id FROM source_record r JOIN profile_member m ON m.source_record_id = r.id
          WHERE r.updated_at > ${meta.recordsSeen}
            AND EXISTS (SELECT 1 FROM consent_state s WHERE s.profile_id = m.profile_id AND s.state IN ('withdrawn', 'objected'))`);
      }
      const marked = db.all<{ id: number }>(sql`SELECT profile_id AS id FROM consent_state_dirty ORDER BY profile_id`).map((row) => row.id);
      if (marked.length > REBUILD_ABOVE) {
        ({ profiles, rows } = rebuild(db, now, declared));
        mode = 'rebuilt';
      } else if (marked.length > 0) {
        rows = refreshMarked(db, marked, now, declared);
        profiles = marked.length;
        mode = 'incremental';
      }
    } else {
      ({ profiles, rows } = rebuild(db, now, declared));
      mode = 'rebuilt';
    }
    const seen = db.get<{ seen: string | null }>(sql`SELECT max(updated_at) AS seen FROM source_record`)?.seen ?? null;
    db.run(sql`UPDATE consent_state_meta SET built = 1, refreshed_at = ${stamp}, records_seen = ${seen}, declarations = ${declared.signature} WHERE id = 1`);
    return { mode, profiles, rows, ms: Math.round(performance.now() - started) };
  });
}
