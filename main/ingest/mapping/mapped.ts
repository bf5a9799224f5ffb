/**
 * What one source row becomes once mapped: the shapes the mapping produces and the writer stores. Kept
 * apart from apply.ts so that the modules apply.ts uses can name them without importing it back.
 */
import type { PhoneType } from '../normalize/phone';

export interface FieldValue<T = string> {
  readonly value: T;
  /** The cell as the source sent it (see `rawText`). */
  readonly raw: string;
}

export interface MappedPhone extends FieldValue {
  readonly type?: PhoneType;
}

export interface MappedIdentity {
  readonly givenName?: FieldValue;
  readonly familyName?: FieldValue;
  readonly fullName?: FieldValue;
  readonly emails: readonly FieldValue[];
  /** E.164 values. */
  readonly phones: readonly MappedPhone[];
  readonly street?: FieldValue;
  readonly city?: FieldValue;
  readonly postalCode?: FieldValue;
  readonly region?: FieldValue;
  /** ISO 3166-1 alpha-2. */
  readonly country?: FieldValue;
  /** YYYY-MM-DD. */
  readonly birthDate?: FieldValue;
  /** A national identifier (SIN, SSN, NIR, PESEL) as the source wrote it, spaces and dashes removed. */
  readonly nationalId?: FieldValue;
  /** ISO 639-1, lower case (`fr`, `en`): the language the person prefers to be written to in. */
  readonly language?: FieldValue;
  /**
   * What flagged emails and phones still offer search: an address's text, a number's digits. Kept out of
   * the identifiers, which identity matching trusts as normalized.
   */
  readonly unusable?: readonly string[];
}

export interface MappedConsent {
  readonly purpose: string;
  readonly granted: boolean;
  /** YYYY-MM-DD or ISO date-time; null when the source does not say when. */
  readonly at: string | null;
  /** The yes/no cell as sent. */
  readonly raw: string;
}

export interface MappedEvent {
  readonly type: string;
  /** YYYY-MM-DD or ISO date-time (UTC). */
  readonly at: string;
  readonly amount?: number;
  /** ISO 4217. */
  readonly currency?: string;
  readonly place?: string;
  /** The source's transaction number, when it has one. */
  readonly externalId?: string;
  /** Each event cell as sent, by column. */
  readonly raw: Readonly<Record<string, string>>;
  /**
   * Someone else's details found in a nested event (a gift's recipient, `orders[0].ship_to.name`), by
   * path, as sent: kept with the event, never mapped, marked so that an access package withholds them.
   */
  readonly thirdParty?: Readonly<Record<string, string>>;
}

export interface MappedRecord {
  /** The record key's value: the source's customer number (or normalized email when the key is an email). */
  readonly sourceRecordId: string;
  readonly identity: MappedIdentity;
  readonly consents: readonly MappedConsent[];
  readonly events: readonly MappedEvent[];
}
