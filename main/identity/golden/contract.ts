/**
 * The golden record's part of the identity slice: one value per field of a person, chosen among what their
 * records hold by the survivorship rule an administrator sets for that field, with where it came from.
 * Environment-neutral like every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { Empty, IsoTime, method, roles } from '../../core/contract-kit';

/** The fields a golden record has: the person's columns of source_record, and their emails and phones. */
export const GOLDEN_FIELDS = [
  'givenName',
  'familyName',
  'fullName',
  'birthDate',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'region',
  'country',
  'language',
] as const;
export const GoldenFieldName = z.enum(GOLDEN_FIELDS);
export type GoldenFieldName = z.infer<typeof GoldenFieldName>;

/** Every rule breaks its ties by the most recent record (then the newest record id), so a choice is never arbitrary. */
export const SURVIVORSHIP_RULES = ['mostRecent', 'mostFrequent', 'sourcePriority', 'longest', 'verifiedFirst'] as const;
export const SurvivorshipRuleName = z.enum(SURVIVORSHIP_RULES);
export type SurvivorshipRuleName = z.infer<typeof SurvivorshipRuleName>;

export const FieldRule = z.object({
  rule: SurvivorshipRuleName,
  /** Source ids, most trusted first, for `sourcePriority` (sources not listed come after, newest first); empty otherwise. */
  sources: z.array(z.number().int().positive()).max(200).default([]),
});
export type FieldRule = z.infer<typeof FieldRule>;

export const Survivorship = z.object({
  givenName: FieldRule,
  familyName: FieldRule,
  fullName: FieldRule,
  birthDate: FieldRule,
  email: FieldRule,
  phone: FieldRule,
  street: FieldRule,
  postalCode: FieldRule,
  city: FieldRule,
  region: FieldRule,
  country: FieldRule,
  language: FieldRule,
});
export type Survivorship = z.infer<typeof Survivorship>;

export const GoldenValue = z.object({
  field: GoldenFieldName,
  /** Null when no record of the person holds a value for the field. */
  value: z.string().nullable(),
  source: z.string().nullable(),
  sourceId: z.number().int().nullable(),
  recordId: z.number().int().nullable(),
  /** When that record last changed. */
  recordTime: IsoTime.nullable(),
  /** Read by the import's normalizer with no quality flag on the field (docs/identity.md, "Golden record"). */
  verified: z.boolean(),
  rule: SurvivorshipRuleName,
  /** How many other distinct values the person's records hold for the field. */
  alternatives: z.number().int(),
});
export type GoldenValue = z.infer<typeof GoldenValue>;

const steward = roles('administrator', 'steward');

export const goldenMethods = {
  'identity.golden': method({
    input: z.object({ profileId: z.number().int() }),
    output: z.object({ profileId: z.number().int(), redirectedFrom: z.number().int().nullable(), displayName: z.string(), fields: z.array(GoldenValue) }),
    access: steward,
    // The person view asks this beside profiles.get, which records the opening: one opening, one entry.
    audit: 'read-only',
  }),
  'identity.survivorship': method({
    input: Empty,
    output: z.object({ rules: Survivorship, defaults: Survivorship, sources: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
    access: steward,
    audit: 'read-only',
  }),
  /** Fields left out keep their rule; a field set to its default follows later versions' defaults. Renames every active profile. */
  'identity.saveSurvivorship': method({
    input: z.object({ rules: Survivorship.partial() }),
    output: z.object({ rules: Survivorship, changed: z.array(GoldenFieldName), renamed: z.number().int() }),
    access: roles('administrator'),
    audit: ['identity.survivorship_changed'],
  }),
} as const;
