/**
 * contactAllowed for many people at once (a partner extract of hundreds of thousands): the entries of one
 * channel for the purposes asked about, and those for every purpose, read in one query and grouped by
 * profile; the answer is state.ts's, so the two cannot drift apart.
 */
import { sql, type SqlRunner } from '../store/sql';
import type { ContactAnswer, ContactChannel, ContactKind } from './contract';
import { contactAllowed, deriveContactState, type ContactFact, type ContactState } from './state';

export interface ContactOfMany {
  /** What contactAllowed answers for this active profile, on the reader's channel, for one of its purposes. */
  allowed(profileId: number, purposeCode: string): ContactAnswer;
}

/** [profileId, id, purpose code or null, kind, at] */
type EntryRow = [number, number, string | null, ContactKind, string];

const NOTHING_SAID: ContactState = new Map();

export function contactOfMany(db: SqlRunner, channel: ContactChannel, purposeCodes: readonly string[]): ContactOfMany {
  const facts = new Map<number, ContactFact[]>();
  const query = sql`
    SELECT m.profile_id, c.id, p.code, c.kind, c.at
    FROM contact_preference c JOIN profile_member m ON m.source_record_id = c.source_record_id LEFT JOIN purpose p ON p.id = c.purpose_id
    WHERE c.channel = ${channel} AND (c.purpose_id IS NULL OR p.code IN (SELECT value FROM json_each(${JSON.stringify(purposeCodes)})))`;
  const statement = db.statement(query.text);
  statement.raw(true);
  for (const [profileId, id, purpose, kind, at] of statement.iterate(...query.params) as IterableIterator<EntryRow>) {
    const fact: ContactFact = { id, channel, purpose, kind, at };
    const list = facts.get(profileId);
    if (list === undefined) facts.set(profileId, [fact]);
    else list.push(fact);
  }
  const states = new Map<number, ContactState>();
  return {
    allowed(profileId, purposeCode) {
      let state = states.get(profileId);
      if (state === undefined) {
        const mine = facts.get(profileId);
        state = mine === undefined ? NOTHING_SAID : deriveContactState(mine);
        states.set(profileId, state);
      }
      return contactAllowed(state, channel, purposeCode);
    },
  };
}
