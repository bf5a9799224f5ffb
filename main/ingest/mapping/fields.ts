/**
 * The closed list of fields Custodia knows how to store, and the mapping from a source's columns to
 * them. A mapping is plain JSON: it is saved with the source, printed by the CLI and edited by people,
 * so it names columns exactly as the source does and holds no code.
 *
 * This file is imported by the API contract, which the renderer also reads: keep it free of Node and of
 * anything heavier than zod (no libphonenumber here).
 */
import { z } from 'zod';
import { DATE_FORMATS } from '../normalize/date';
import { defaultTimeZone, isTimeZone } from '../normalize/time-zone';

export const IDENTITY_FIELDS = [
  'sourceRecordId',
  'givenName',
  'familyName',
  'fullName',
  'email',
  'phone',
  'street',
  'city',
  'postalCode',
  'region',
  'country',
  'birthDate',
  'nationalId',
  'language',
] as const;

/**
 * `consent.granted` / `consent.at` carry the purpose in the column's `purpose` (a flat file has one
 * column per purpose: `optin_email`, `zgoda_marketing`). In a nested list of consents (`consentsPath`)
 * each element can name its own purpose instead, through a `consent.purpose` column.
 */
export const CONSENT_FIELDS = [
  'consent.granted',
  'consent.at',
  'consent.purpose',
  'consent.status',
  'consent.optInAt',
  'consent.confirmedAt',
  'consent.withdrawnAt',
] as const;

/**
 * A mailing-list export (Mailchimp's audience export) states a consent history rather than a yes/no:
 * a subscriber `status` (subscribed, unsubscribed, cleaned, pending) with the times the person opted in,
 * confirmed (double opt-in) and unsubscribed. These columns carry their purpose like `consent.granted`;
 * apply.ts turns them into grants and withdrawals (see docs/consent.md, "Mailing-list exports").
 */
export const MAILING_LIST_FIELDS = ['consent.status', 'consent.optInAt', 'consent.confirmedAt', 'consent.withdrawnAt'] as const;

/** Consent fields whose column names its purpose in a flat file. */
export const PURPOSED_CONSENT_FIELDS: readonly TargetField[] = ['consent.granted', 'consent.at', ...MAILING_LIST_FIELDS];

export const EVENT_FIELDS = ['event.type', 'event.at', 'event.amount', 'event.currency', 'event.place', 'event.id'] as const;

export const TARGET_FIELDS = [...IDENTITY_FIELDS, ...CONSENT_FIELDS, ...EVENT_FIELDS] as const;
export const TargetField = z.enum(TARGET_FIELDS);
export type TargetField = z.infer<typeof TargetField>;

export type FieldGroup = 'identity' | 'consent' | 'event';

export interface FieldInfo {
  readonly group: FieldGroup;
  /** Several columns may feed it and each value is kept (`email`, `email_2`…). */
  readonly multiple: boolean;
  readonly label: { readonly en: string; readonly fr: string };
}

/** What the mapping editor shows for each field. */
export const FIELD_INFO: Readonly<Record<TargetField, FieldInfo>> = {
  sourceRecordId: { group: 'identity', multiple: false, label: { en: 'Customer number', fr: 'Numéro de client' } },
  givenName: { group: 'identity', multiple: false, label: { en: 'Given name', fr: 'Prénom' } },
  familyName: { group: 'identity', multiple: false, label: { en: 'Family name', fr: 'Nom de famille' } },
  fullName: { group: 'identity', multiple: false, label: { en: 'Full name', fr: 'Nom complet' } },
  email: { group: 'identity', multiple: true, label: { en: 'Email', fr: 'Courriel' } },
  phone: { group: 'identity', multiple: true, label: { en: 'Phone', fr: 'Téléphone' } },
  street: { group: 'identity', multiple: true, label: { en: 'Street address', fr: 'Adresse' } },
  city: { group: 'identity', multiple: false, label: { en: 'City', fr: 'Ville' } },
  postalCode: { group: 'identity', multiple: false, label: { en: 'Postal code', fr: 'Code postal' } },
  region: { group: 'identity', multiple: false, label: { en: 'Province / state', fr: 'Province / État' } },
  country: { group: 'identity', multiple: false, label: { en: 'Country', fr: 'Pays' } },
  birthDate: { group: 'identity', multiple: false, label: { en: 'Birth date', fr: 'Date de naissance' } },
  nationalId: {
    group: 'identity',
    multiple: false,
    label: { en: 'National identifier (SIN, SSN, NIR, PESEL)', fr: 'Identifiant national (NAS, SSN, NIR, PESEL)' },
  },
  language: { group: 'identity', multiple: false, label: { en: 'Preferred language', fr: 'Langue préférée' } },
  'consent.granted': { group: 'consent', multiple: false, label: { en: 'Consent given', fr: 'Consentement donné' } },
  'consent.at': { group: 'consent', multiple: false, label: { en: 'Consent date', fr: 'Date du consentement' } },
  'consent.purpose': { group: 'consent', multiple: false, label: { en: 'Consent purpose', fr: 'Finalité du consentement' } },
  'consent.status': { group: 'consent', multiple: false, label: { en: 'Subscription status', fr: "Statut d'abonnement" } },
  'consent.optInAt': { group: 'consent', multiple: false, label: { en: 'Opt-in time', fr: "Date d'inscription" } },
  'consent.confirmedAt': { group: 'consent', multiple: false, label: { en: 'Confirmation time (double opt-in)', fr: 'Date de confirmation (double opt-in)' } },
  'consent.withdrawnAt': { group: 'consent', multiple: false, label: { en: 'Unsubscribe time', fr: 'Date de désabonnement' } },
  'event.type': { group: 'event', multiple: false, label: { en: 'Event type', fr: "Type d'événement" } },
  'event.at': { group: 'event', multiple: false, label: { en: 'Event date', fr: "Date de l'événement" } },
  'event.amount': { group: 'event', multiple: false, label: { en: 'Amount', fr: 'Montant' } },
  'event.currency': { group: 'event', multiple: false, label: { en: 'Currency', fr: 'Devise' } },
  'event.place': { group: 'event', multiple: false, label: { en: 'Store / place', fr: 'Magasin / lieu' } },
  'event.id': { group: 'event', multiple: false, label: { en: 'Transaction number', fr: 'Numéro de transaction' } },
};

export const DateFormat = z.enum(DATE_FORMATS);

/**
 * A column reference: a header name (`Prénom`), a dotted path into a JSON record (`customer.email`), a
 * path inside the list of nested events or consents (`orders[].total`), or a list of values
 * (`emails[]`). A header that itself contains dots (`No. client`) is found first as a plain key.
 */
export const ColumnRef = z.string().min(1).max(500);

export const Purpose = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s.[\]][^.[\]]*$/u, 'a purpose is a short name without dots or brackets');

export const MappingColumn = z.object({
  column: ColumnRef,
  field: TargetField,
  purpose: Purpose.optional(),
});
export type MappingColumn = z.infer<typeof MappingColumn>;

/** `orders[].total` → `{ list: 'orders', inner: 'total' }`; `emails[]` → `{ list: 'emails', inner: '' }`. */
export function splitListPath(column: string): { readonly list: string; readonly inner: string } | null {
  const at = column.indexOf('[]');
  if (at < 0) return null;
  const rest = column.slice(at + 2);
  return { list: column.slice(0, at), inner: rest.startsWith('.') ? rest.slice(1) : rest };
}

export const Mapping = z
  .object({
    version: z.literal(1),
    columns: z.array(MappingColumn).max(2000),
    /** The column that identifies the customer in this source: customer number, loyalty card or email. */
    recordKey: ColumnRef,
    /** Format of event and consent dates. */
    dateFormat: DateFormat,
    birthDateFormat: DateFormat,
    /** ISO alpha-2 country for phone numbers without `+` and for postal codes when a row has no country. */
    defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as CA, FR, PL'),
    /**
     * IANA zone of the source's local date-times (`28/07/2012 13:25` from a till); the main zone of
     * `defaultCountry` when absent, so that older saved mappings keep their meaning when the country changes.
     */
    timeZone: z.string().max(100).refine(isTimeZone, 'an IANA time zone such as America/Toronto or Europe/Paris').optional(),
    /** Decimal separator for amounts whose shape is ambiguous (`1,234`); `.` when absent. */
    decimal: z.enum([',', '.']).optional(),
    /** JSON: path of an array of nested events in each record (`orders`); columns `orders[].total`… */
    eventsPath: z.string().min(1).max(500).optional(),
    /** JSON: path of an array of nested consents (`consents`); columns `consents[].granted`… */
    consentsPath: z.string().min(1).max(500).optional(),
    /** Event type when no `event.type` column says it (`purchase` for a till export); `event` when absent. */
    eventType: z.string().trim().min(1).max(100).optional(),
    /**
     * The source's own purpose texts the catalog does not match, each mapped by the steward to a catalog
     * purpose's code (`{"Fidélité club": "loyalty"}`): consent cells for them are recorded for that purpose.
     * Compared folded (case, accents, separators), before the catalog's own match.
     */
    purposeAliases: z
      .record(z.string().trim().min(1).max(100), z.string().trim().min(1).max(64))
      .refine((aliases) => Object.keys(aliases).length <= 200, 'at most 200 purpose aliases')
      .optional(),
  })
  .superRefine((mapping, context) => {
    mapping.columns.forEach((entry, index) => {
      const issue = (message: string) => context.addIssue({ code: 'custom', path: ['columns', index], message });
      const group = FIELD_INFO[entry.field].group;
      const list = splitListPath(entry.column);
      if (list !== null && list.inner.includes('[]')) issue('only one level of [] is supported');
      const inEvents = list !== null && list.inner !== '' && list.list === mapping.eventsPath;
      const inConsents = list !== null && list.inner !== '' && list.list === mapping.consentsPath;
      if (list !== null && list.inner !== '' && !inEvents && !inConsents) issue(`${list.list}[] is neither the eventsPath nor the consentsPath`);
      if (inEvents && group !== 'event') issue('columns inside the events list can only map to event fields');
      if (inConsents && group !== 'consent') issue('columns inside the consents list can only map to consent fields');
      if (list !== null && list.inner === '' && !FIELD_INFO[entry.field].multiple)
        issue(`${entry.field} takes one value: a list (${entry.column}) fits only email, phone or street`);
      if (entry.field === 'consent.purpose' && !inConsents) issue('consent.purpose is only for columns inside the consentsPath list');
      if (PURPOSED_CONSENT_FIELDS.includes(entry.field) && entry.purpose === undefined && !inConsents) issue(`${entry.field} needs a purpose`);
      if (entry.purpose !== undefined && group !== 'consent') issue('only consent columns have a purpose');
    });
  });
export type Mapping = z.infer<typeof Mapping>;

/** The zone local date-times of this source are read in: its own, else its country's main one. */
export function mappingTimeZone(mapping: Pick<Mapping, 'timeZone' | 'defaultCountry'>): string {
  return mapping.timeZone ?? defaultTimeZone(mapping.defaultCountry);
}
