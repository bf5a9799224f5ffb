/** The profiles slice of the contract. Finding people and reading what is held about one. */
import { z } from 'zod';
import { Empty, FilePath, IsoTime, Overwrite, method, roles } from '../core/contract-kit';

export const ProfileSummary = z.object({
  id: z.number().int(),
  displayName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  city: z.string().nullable(),
  sources: z.array(z.string()),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;
const Field = z.string().nullable();
export const ProfileDetail = z.object({
  id: z.number().int(),
  /** The id asked for, when it was merged into this profile since. */
  redirectedFrom: z.number().int().nullable(),
  displayName: z.string(),
  status: z.enum(['active', 'merged', 'erased']),
  createdAt: IsoTime,
  records: z.array(
    z.object({
      id: z.number().int(),
      source: z.string(),
      externalId: z.string(),
      givenName: Field,
      familyName: Field,
      fullName: Field,
      street: Field,
      city: Field,
      postalCode: Field,
      region: Field,
      country: Field,
      birthDate: Field,
      /** ISO 639-1 (`fr`, `en`). */
      language: Field,
      emails: z.array(z.object({ value: z.string(), raw: z.string() })),
      phones: z.array(z.object({ value: z.string(), raw: z.string() })),
      raw: z.unknown(),
      firstSeen: IsoTime,
      lastChanged: IsoTime,
    }),
  ),
  /** The latest events only (at most PROFILE_EVENT_LIMIT in main/profiles): `eventCount` says how many there are in all. */
  events: z.array(
    z.object({ id: z.number().int(), type: z.string(), at: z.string(), amount: z.number().nullable(), currency: Field, place: Field, source: z.string() }),
  ),
  eventCount: z.number().int(),
  consents: z.array(z.object({ purpose: z.string(), granted: z.boolean(), at: Field, source: z.string() })),
});
export type ProfileDetail = z.infer<typeof ProfileDetail>;

export const profileMethods = {
  'profiles.count': method({ input: Empty, output: z.object({ profiles: z.number().int() }), access: roles('administrator', 'steward'), audit: 'read-only' }),
  'profiles.search': method({
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ hits: z.array(ProfileSummary) }),
    access: roles('administrator', 'steward'),
    audit: ['profiles.searched'],
  }),
  'profiles.list': method({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ total: z.number().int(), profiles: z.array(ProfileSummary) }),
    access: roles('administrator', 'steward'),
    audit: 'read-only',
  }),
  /** One CSV line per source record: its source, its key there and its profile (no personal data beyond the keys). */
  'profiles.export': method({
    input: z.object({ outFile: FilePath, overwrite: Overwrite }),
    output: z.object({ file: z.string(), rows: z.number().int() }),
    access: roles('administrator', 'steward'),
    audit: ['profiles.exported'],
  }),
  'profiles.get': method({
    input: z.object({ id: z.number().int() }),
    output: ProfileDetail,
    access: roles('administrator', 'steward'),
    audit: ['profile.viewed'],
  }),
} as const;
