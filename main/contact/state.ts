/**
 * A person's communication authorisations, derived from their entries alone. Per channel and purpose (or
 * every purpose) the latest entry wins, whichever of the person's records it hangs from; a refusal for every
 * purpose is do-not-contact on the channel and outweighs any authorisation for a purpose on it, older or
 * newer. Only an authorisation for every purpose lifts it. With nothing recorded, contact is allowed: whether
 * the data may be used for the purpose at all is consent's answer, asked separately.
 */
import type { ContactAnswer, ContactChannel, ContactKind } from './contract';

/** What the derivation reads of an entry. */
export interface ContactFact {
  readonly id: number;
  readonly channel: ContactChannel;
  /** A catalog code, or null for every purpose. */
  readonly purpose: string | null;
  readonly kind: ContactKind;
  readonly at: string;
}

export interface Decision {
  readonly kind: ContactKind;
  readonly at: string;
  readonly entryId: number;
}

export interface ChannelDecisions {
  readonly everyPurpose: Decision | null;
  readonly purposes: ReadonlyMap<string, Decision>;
}

export type ContactState = ReadonlyMap<ContactChannel, ChannelDecisions>;

/** Oldest first; two entries at the same time in the order they were recorded. */
export function chronological(a: ContactFact, b: ContactFact): number {
  const time = Date.parse(a.at) - Date.parse(b.at);
  return time !== 0 ? time : a.id - b.id;
}

export function deriveContactState(facts: readonly ContactFact[]): ContactState {
  const state = new Map<ContactChannel, { everyPurpose: Decision | null; purposes: Map<string, Decision> }>();
  for (const fact of [...facts].sort(chronological)) {
    let channel = state.get(fact.channel);
    if (channel === undefined) state.set(fact.channel, (channel = { everyPurpose: null, purposes: new Map() }));
    const decision = { kind: fact.kind, at: fact.at, entryId: fact.id };
    if (fact.purpose === null) channel.everyPurpose = decision;
    else channel.purposes.set(fact.purpose, decision);
  }
  return state;
}

const ALLOWED: ContactAnswer = { allowed: true, reason: null };

/** May the person be contacted on this channel for this purpose, and if not, why. */
export function contactAllowed(state: ContactState, channel: ContactChannel, purposeCode: string): ContactAnswer {
  const decisions = state.get(channel);
  if (decisions === undefined) return ALLOWED;
  if (decisions.everyPurpose?.kind === 'refused') return { allowed: false, reason: 'doNotContact' };
  if (decisions.purposes.get(purposeCode)?.kind === 'refused') return { allowed: false, reason: 'refusedForPurpose' };
  return ALLOWED;
}
