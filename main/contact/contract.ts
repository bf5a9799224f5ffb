/**
 * Communication authorisations (docs/contact.md): what a person said about being contacted by email, SMS,
 * phone or post, per purpose of the catalog or for every purpose (do-not-contact on a channel), and the
 * state derived from it. Environment-neutral like every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { IsoTime, method, roles } from '../core/contract-kit';
import { PurposeCode, RecordingMethod } from '../consent/contract';

export const CONTACT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export const ContactChannel = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof ContactChannel>;

export const CONTACT_KINDS = ['authorised', 'refused'] as const;
export const ContactKind = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof ContactKind>;

/** A cell of the grid: what the latest entry for it said, or `none` when nothing was recorded (contact allowed). */
export const ContactCellState = z.enum(['authorised', 'refused', 'none']);
export type ContactCellState = z.infer<typeof ContactCellState>;

/** Why contact is refused: the channel is closed for every purpose, or for this one. */
export const CONTACT_REASONS = ['doNotContact', 'refusedForPurpose'] as const;
export const ContactReason = z.enum(CONTACT_REASONS);
export type ContactReason = z.infer<typeof ContactReason>;

export const ContactAnswer = z.object({ allowed: z.boolean(), reason: ContactReason.nullable() });
export type ContactAnswer = z.infer<typeof ContactAnswer>;

export const ContactEntry = z.object({
  id: z.number().int(),
  channel: ContactChannel,
  /** A catalog code, or null for every purpose. */
  purpose: z.string().nullable(),
  kind: ContactKind,
  at: IsoTime,
  recordedAt: IsoTime,
  method: z.string(),
  evidence: z.string().nullable(),
  /** The source that said so, or null for an entry a steward recorded (`recordedBy`). */
  source: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordId: z.number().int(),
});
export type ContactEntry = z.infer<typeof ContactEntry>;

export const ContactPurposeState = z.object({
  purpose: z.string(),
  state: ContactCellState,
  since: IsoTime.nullable(),
  /** What an extract on this channel for this purpose honours: the channel's do-not-contact first. */
  answer: ContactAnswer,
});
export type ContactPurposeState = z.infer<typeof ContactPurposeState>;

export const ChannelState = z.object({
  channel: ContactChannel,
  /** The latest entry for every purpose: `refused` is do-not-contact on the channel. */
  everyPurpose: ContactCellState,
  since: IsoTime.nullable(),
  doNotContact: z.boolean(),
  purposes: z.array(ContactPurposeState),
  /** Every entry on the channel, oldest first. */
  entries: z.array(ContactEntry),
});
export type ChannelState = z.infer<typeof ChannelState>;

export const ContactShown = z.object({ profileId: z.number().int(), redirectedFrom: z.number().int().nullable(), channels: z.array(ChannelState) });
export type ContactShown = z.infer<typeof ContactShown>;

/** `all` writes one entry per channel: "do not contact at all" is four do-not-contacts. */
export const ContactTarget = z.enum([...CONTACT_CHANNELS, 'all']);
export type ContactTarget = z.infer<typeof ContactTarget>;

/** Like the person view and their consent: personal data, never shown to auditors. */
const people = roles('administrator', 'steward');

export const contactMethods = {
  'contact.show': method({
    input: z.object({ profileId: z.number().int().positive() }),
    output: ContactShown,
    access: people,
    // The person view asks this beside profiles.get, which records the opening.
    audit: 'read-only',
  }),
  'contact.record': method({
    input: z.object({
      profileId: z.number().int().positive(),
      channel: ContactTarget,
      /** A catalog purpose; every purpose when left out (a refusal is then do-not-contact on the channel). */
      purpose: PurposeCode.optional(),
      kind: ContactKind,
      method: RecordingMethod,
      evidence: z.string().trim().min(1).max(500).optional(),
      /** When the person said so; now when left out. Never in the future. */
      at: IsoTime.optional(),
    }),
    output: z.object({ profileId: z.number().int(), entryIds: z.array(z.number().int()), shown: ContactShown }),
    access: people,
    audit: ['contact.recorded'],
  }),
} as const;
