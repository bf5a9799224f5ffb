/**
 * "May these people's data be used for these purposes now?" for many people at once: the same answer as
 * mayUse (state.ts) gives each of them, read with a handful of set-based queries instead of four per person.
 * Only the events of the purposes asked about (and, for a sale/sharing purpose, of every sale/sharing
 * purpose: one opt-out covers them all) and the bases other than consent that sources or releases declare
 * for them are read; the answer itself is state.ts's, so the two cannot drift apart.
 */
import { sql, type SqlRunner } from '../store/sql';
import { purposeRules, requireRule, type PurposeRule } from './catalog';
import type { ConsentState, LawfulBasis } from './contract';
import { deriveState, NO_STATE } from './derive';
import { answer, type StoredEvent, type UseAnswer } from './state';

export interface ConsentOfMany {
  /** What mayUse answers for this active profile and purpose (one of those the reader was made for). */
  use(profileId: number, purposeCode: string): UseAnswer;
  /** The person's state for the purpose, derived from the ledger as the consent screen shows it. */
  state(profileId: number, purposeCode: string): ConsentState;
}

/** [profileId, id, purposeId, kind, at, recordedAt, expiresAt, method, evidence] */
type EventRow = [number, number, number, StoredEvent['kind'], string | null, string, string | null, StoredEvent['method'], string | null];

function eventsByProfile(db: SqlRunner, purposeIds: readonly number[]): Map<number, StoredEvent[]> {
  const byProfile = new Map<number, StoredEvent[]>();
  const query = sql`
    SELECT m.profile_id, e.id, e.purpose_id, e.kind, e.at, e.recorded_at, e.expires_at, e.method, e.evidence
    FROM consent_event e JOIN profile_member m ON m.source_record_id = e.source_record_id
    WHERE e.purpose_id IN (SELECT value FROM json_each(${JSON.stringify(purposeIds)}))`;
  // Rows as arrays: hundreds of thousands of events, each made into the one object the answer reads.
  const statement = db.statement(query.text);
  statement.raw(true);
  for (const row of statement.iterate(...query.params) as IterableIterator<EventRow>) {
    const [profileId, id, purposeId, kind, at, recordedAt, expiresAt, method, evidence] = row;
    // The fields the answer reads; the rest of a ConsentEvent (source, recorder, run) only shows on screen.
    const event = { id, purposeId, kind, at, recordedAt, expiresAt, method, evidence } as StoredEvent;
    const list = byProfile.get(profileId);
    if (list === undefined) byProfile.set(profileId, [event]);
    else list.push(event);
  }
  return byProfile;
}

/** The bases other than consent declared for a purpose, by profile: the only ones the answer reads. */
function otherBasesByProfile(db: SqlRunner, purposeId: number): Map<number, Set<LawfulBasis>> {
  const byProfile = new Map<number, Set<LawfulBasis>>();
  const rows = db.iterate<{ profileId: number; basis: LawfulBasis }>(sql`
    SELECT m.profile_id AS profileId, sp.basis FROM source_purpose sp
    JOIN source_record r ON r.source_id = sp.source_id JOIN profile_member m ON m.source_record_id = r.id
    WHERE sp.purpose_id = ${purposeId} AND sp.basis <> 'consent'
    UNION
    SELECT m.profile_id, rr.basis FROM record_release rr JOIN profile_member m ON m.source_record_id = rr.source_record_id
    WHERE rr.purpose_id = ${purposeId} AND rr.basis <> 'consent'`);
  for (const row of rows) {
    const bases = byProfile.get(row.profileId);
    if (bases === undefined) byProfile.set(row.profileId, new Set([row.basis]));
    else bases.add(row.basis);
  }
  return byProfile;
}

const NO_EVENTS: readonly StoredEvent[] = [];

/** A reader of the consent of every active profile for these purposes, as of `now`. */
export function consentOfMany(db: SqlRunner, purposeCodes: readonly string[], now: Date): ConsentOfMany {
  const rules = new Map<string, PurposeRule>(purposeCodes.map((code) => [code, requireRule(db, code)]));
  const anySale = [...rules.values()].some((rule) => rule.saleOrSharing);
  const catalog = anySale ? purposeRules(db) : [];
  const purposeIds = new Set([...rules.values()].map((rule) => rule.id));
  for (const rule of catalog) if (rule.saleOrSharing) purposeIds.add(rule.id);
  const events = eventsByProfile(db, [...purposeIds]);
  const declared = new Map([...rules.values()].map((rule) => [rule.id, otherBasesByProfile(db, rule.id)]));

  const silent = new Map<number, UseAnswer>();
  const own = (profileId: number, rule: PurposeRule): { all: readonly StoredEvent[]; own: StoredEvent[] } => {
    const all = events.get(profileId) ?? NO_EVENTS;
    return { all, own: all.filter((event) => event.purposeId === rule.id) };
  };
  const ruleOf = (code: string): PurposeRule => {
    const rule = rules.get(code);
    if (rule === undefined) throw new Error(`consentOfMany was not asked about ${code}.`);
    return rule;
  };
  return {
    use(profileId, code) {
      const rule = ruleOf(code);
      const bases = declared.get(rule.id)?.get(profileId);
      if (bases === undefined && !events.has(profileId)) {
        // Most people: nothing said and nothing declared, the same answer for all of them.
        let same = silent.get(rule.id);
        if (same === undefined)
          silent.set(rule.id, (same = answer({ purpose: rule, catalog, events: NO_EVENTS, own: [], derived: NO_STATE, declared: undefined, now })));
        return same;
      }
      const { all, own: mine } = own(profileId, rule);
      const derived = mine.length === 0 ? NO_STATE : deriveState(mine, now);
      return answer({
        purpose: rule,
        catalog: rule.saleOrSharing ? catalog : [],
        events: all,
        own: mine,
        derived,
        declared: bases,
        now,
      });
    },
    state(profileId, code) {
      const mine = own(profileId, ruleOf(code)).own;
      return mine.length === 0 ? 'none' : deriveState(mine, now).state;
    },
  };
}
