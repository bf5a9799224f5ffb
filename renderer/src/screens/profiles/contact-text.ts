/** What the Communication grid shows in a cell and what a click on it records: pure, so a test reads it without a DOM. */
import type { ChannelState, ContactKind, ContactPurposeState } from '../../../../main/api/contract';

/** One click turns a cell over: a refused cell is authorised, any other refused. */
export function cellToggle(cell: Pick<ContactPurposeState, 'state'>): ContactKind {
  return cell.state === 'refused' ? 'authorised' : 'refused';
}

/** The channel's row: do-not-contact is lifted by an authorisation for every purpose, and set by a refusal. */
export function channelToggle(channel: Pick<ChannelState, 'doNotContact'>): ContactKind {
  return channel.doNotContact ? 'authorised' : 'refused';
}

export interface CellBadge {
  /** A key of the contact strings. */
  readonly label: string;
  readonly tone: '' | 'badge-ok' | 'badge-off';
}

/** What may be done now, first: a purpose authorised on a closed channel still reads "Do not contact". */
export function cellBadge(cell: Pick<ContactPurposeState, 'state' | 'answer'>): CellBadge {
  if (!cell.answer.allowed) return { label: `contact.blocked.${cell.answer.reason ?? 'refusedForPurpose'}`, tone: 'badge-off' };
  if (cell.state === 'authorised') return { label: 'contact.states.authorised', tone: 'badge-ok' };
  return { label: 'contact.allowed', tone: '' };
}

export function channelBadge(channel: Pick<ChannelState, 'doNotContact' | 'everyPurpose'>): CellBadge {
  if (channel.doNotContact) return { label: 'contact.blocked.doNotContact', tone: 'badge-off' };
  if (channel.everyPurpose === 'authorised') return { label: 'contact.states.authorised', tone: 'badge-ok' };
  return { label: 'contact.states.none', tone: '' };
}
