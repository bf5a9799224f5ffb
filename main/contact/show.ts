/** A person's grid: every channel × every purpose of the catalog, with the entries behind it. */
import { activeProfileOf, purposeRules } from '../consent/index';
import type { SqlRunner } from '../store/sql';
import { CONTACT_CHANNELS, type ChannelState, type ContactCellState, type ContactShown } from './contract';
import { profileEntries } from './ledger';
import { contactAllowed, deriveContactState, type Decision } from './state';

const cell = (decision: Decision | null | undefined): { state: ContactCellState; since: string | null } =>
  decision == null ? { state: 'none', since: null } : { state: decision.kind, since: decision.at };

export function profileContact(db: SqlRunner, requestedId: number): ContactShown {
  const profileId = activeProfileOf(db, requestedId);
  const entries = profileEntries(db, profileId);
  const state = deriveContactState(entries);
  const codes = purposeRules(db).map((purpose) => purpose.code);
  const channels = CONTACT_CHANNELS.map((channel): ChannelState => {
    const decisions = state.get(channel);
    const every = cell(decisions?.everyPurpose);
    return {
      channel,
      everyPurpose: every.state,
      since: every.since,
      doNotContact: every.state === 'refused',
      purposes: codes.map((purpose) => ({ purpose, ...cell(decisions?.purposes.get(purpose)), answer: contactAllowed(state, channel, purpose) })),
      entries: entries.filter((entry) => entry.channel === channel),
    };
  });
  return { profileId, redirectedFrom: profileId === requestedId ? null : requestedId, channels };
}
