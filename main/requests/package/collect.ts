/**
 * Everything the vault holds about a person, as the access package shows it: the profile and its golden
 * record, each source record with its fields and its row as received, the identifiers read from it, the
 * values kept as sent because they could not be read, the events, the consent ledger and the state derived
 * from it, and what each source declares the data is for. A request is answered for the records it was
 * verified for (`recordIds`): a profile split later does not bring another person's records in, and one
 * merged later brings nothing the requester was not matched with.
 *
 * The date range applies to what happened at a time (events, consent decisions). The records themselves, the
 * identity data held now, are always shown: when the vault happened to import a record says nothing of when
 * the organisation collected it, and a person asking about a year still has the right to know who they are
 * on file as. Their current consent state is always shown too. The disclosures to partners (the partner
 * register's extracts that included the person) are dated: the period applies to them.
 */
import { profileConsent, sourcePurposes } from '../../consent/index';
import type { PurposeState } from '../../consent/contract';
import { goldenRecord, type GoldenValue } from '../../identity/index';
import { THIRD_PARTY_KEY } from '../../ingest/index';
import { sql, type SqlRunner } from '../../store/sql';
import { disclosuresOf, type PackageDisclosure } from './disclosures';
import { inBounds, type RangeBounds } from './range';
import { leaves, withholdThirdParty } from './withhold';

export interface PackageRecord {
  readonly id: number;
  readonly source: string;
  readonly externalId: string;
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly fields: Readonly<Record<string, string | null>>;
  /** The row as the source sent it, less someone else's details. */
  readonly raw: unknown;
}

export interface PackageIdentifier {
  readonly recordId: number;
  readonly kind: string;
  readonly value: string;
  readonly raw: string;
}

export interface PackageFlag {
  readonly recordId: number;
  readonly field: string;
  readonly column: string;
  readonly reason: string;
  readonly raw: string;
}

export interface PackageEvent {
  readonly id: number;
  readonly recordId: number;
  readonly source: string;
  readonly type: string;
  readonly at: string;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly place: string | null;
  readonly raw: unknown;
}

export interface PackageConsentEvent {
  readonly id: number;
  readonly recordId: number;
  readonly purpose: string;
  readonly kind: string;
  readonly at: string | null;
  readonly recordedAt: string;
  /** The source that said so; null when the organisation's staff recorded it. */
  readonly source: string | null;
  readonly method: string;
  readonly noticeVersion: number | null;
  readonly evidence: string | null;
  readonly expiresAt: string | null;
}

export interface PackageSourcePurpose {
  readonly source: string;
  readonly purpose: string;
  readonly basis: string;
}

export interface PackagePurpose {
  readonly code: string;
  readonly nameEn: string;
  readonly nameFr: string;
  readonly retentionDays: number | null;
}

export interface CollectedPerson {
  readonly profileIds: readonly number[];
  readonly golden: readonly GoldenValue[];
  readonly records: readonly PackageRecord[];
  readonly identifiers: readonly PackageIdentifier[];
  readonly flags: readonly PackageFlag[];
  readonly events: readonly PackageEvent[];
  readonly consentEvents: readonly PackageConsentEvent[];
  readonly consentStates: readonly PurposeState[];
  readonly declarations: readonly PackageSourcePurpose[];
  /**
   * Records held for a lawful basis (the consent intake gate) that carry one of the person's emails or phones:
   * held, they belong to no profile, yet the vault holds them about the person.
   */
  readonly heldRecords: readonly PackageRecord[];
  readonly purposes: readonly PackagePurpose[];
  /**
   * Someone else's details left out (a gift's recipient, a delivery address for another person): distinct
   * values, since the same recipient is met in a record's row and again in its event.
   */
  readonly withheld: number;
  /** The extracts sent to partners that included the person (the partner register), in the period. */
  readonly disclosures: readonly PackageDisclosure[];
}

interface RecordRow {
  id: number;
  source_id: number;
  source: string;
  external_id: string;
  created_at: string;
  updated_at: string;
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  street: string | null;
  city: string | null;
  postal_code: string | null;
  region: string | null;
  country: string | null;
  birth_date: string | null;
  national_id: string | null;
  raw: string;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A row cut at the vault's limit is kept as text: it is still what the source sent.
    return text;
  }
};

/** The person's data for the package, every list in a stable order (the package is reproducible). */
export function collectPerson(db: SqlRunner, recordIds: readonly number[], bounds: RangeBounds, now: Date): CollectedPerson {
  const ids = JSON.stringify([...new Set(recordIds)].sort((a, b) => a - b));
  const withheld = new Set<string>();
  const keep = (values: readonly unknown[]): void => {
    for (const value of values) withheld.add(JSON.stringify(value));
  };
  const recordRows = db.all<RecordRow>(sql`
    SELECT r.id, r.source_id, s.name AS source, r.external_id, r.created_at, r.updated_at, r.given_name, r.family_name, r.full_name,
      r.street, r.city, r.postal_code, r.region, r.country, r.birth_date, r.national_id, r.raw
    FROM source_record r JOIN source s ON s.id = r.source_id
    WHERE r.id IN (SELECT value FROM json_each(${ids})) ORDER BY r.id`);
  const toRecord = (row: RecordRow): PackageRecord => {
    const kept = withholdThirdParty(parse(row.raw));
    keep(kept.withheld);
    return {
      id: row.id,
      source: row.source,
      externalId: row.external_id,
      receivedAt: row.created_at,
      updatedAt: row.updated_at,
      fields: {
        givenName: row.given_name,
        familyName: row.family_name,
        fullName: row.full_name,
        street: row.street,
        city: row.city,
        postalCode: row.postal_code,
        region: row.region,
        country: row.country,
        birthDate: row.birth_date,
        nationalId: row.national_id,
      },
      raw: kept.value,
    };
  };
  const records = recordRows.map(toRecord);
  const shown = JSON.stringify(records.map((record) => record.id));
  const identifiers = db.all<PackageIdentifier>(sql`
    SELECT source_record_id AS recordId, kind, value, raw FROM identifier
    WHERE source_record_id IN (SELECT value FROM json_each(${shown})) ORDER BY source_record_id, kind, id`);
  const held = db
    .all<RecordRow>(
      sql`
      SELECT DISTINCT r.id, r.source_id, s.name AS source, r.external_id, r.created_at, r.updated_at, r.given_name, r.family_name, r.full_name,
        r.street, r.city, r.postal_code, r.region, r.country, r.birth_date, r.national_id, r.raw
      FROM identifier mine
      JOIN identifier other ON other.kind = mine.kind AND other.value = mine.value
      JOIN record_hold h ON h.source_record_id = other.source_record_id
      JOIN source_record r ON r.id = h.source_record_id JOIN source s ON s.id = r.source_id
      WHERE mine.source_record_id IN (SELECT value FROM json_each(${shown})) ORDER BY r.id`,
    )
    .map(toRecord);
  const flags = db.all<PackageFlag>(sql`
    SELECT source_record_id AS recordId, field, column_name AS "column", reason, raw FROM record_flag
    WHERE source_record_id IN (SELECT value FROM json_each(${shown})) ORDER BY source_record_id, id`);
  const events = db
    .all<{
      id: number;
      recordId: number;
      source: string;
      type: string;
      at: string;
      amount: number | null;
      currency: string | null;
      place: string | null;
      raw: string;
    }>(
      sql`
      SELECT e.id, e.source_record_id AS recordId, s.name AS source, e.type, e.at, e.amount, e.currency, e.place, e.raw
      FROM event e JOIN source_record r ON r.id = e.source_record_id JOIN source s ON s.id = r.source_id
      WHERE e.source_record_id IN (SELECT value FROM json_each(${ids})) ORDER BY e.at, e.id`,
    )
    .filter((event) => inBounds(event.at, bounds))
    .map((event): PackageEvent => {
      const raw = parse(event.raw);
      // The import set someone else's details apart under THIRD_PARTY_KEY; nested paths are checked too.
      let ownRaw = raw;
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && THIRD_PARTY_KEY in raw) {
        const { [THIRD_PARTY_KEY]: other, ...own } = raw as Record<string, unknown>;
        keep(leaves(other));
        ownRaw = own;
      }
      const kept = withholdThirdParty(ownRaw);
      keep(kept.withheld);
      return { ...event, raw: kept.value };
    });
  const consentEvents = db
    .all<PackageConsentEvent>(
      sql`
      SELECT e.id, e.source_record_id AS recordId, p.code AS purpose, e.kind, e.at, e.recorded_at AS recordedAt, s.name AS source, e.method,
        e.notice_version AS noticeVersion, e.evidence, e.expires_at AS expiresAt
      FROM consent_event e JOIN purpose p ON p.id = e.purpose_id LEFT JOIN source s ON s.id = e.source_id
      WHERE e.source_record_id IN (SELECT value FROM json_each(${ids})) ORDER BY coalesce(e.at, e.recorded_at), e.id`,
    )
    .filter((event) => inBounds(event.at ?? event.recordedAt, bounds));
  const profileIds = db
    .all<{ id: number }>(
      sql`SELECT DISTINCT profile_id AS id FROM profile_member WHERE source_record_id IN (SELECT value FROM json_each(${ids})) ORDER BY profile_id`,
    )
    .map((row) => row.id);
  const consentStates = profileIds.length === 1 ? profileConsent(db, profileIds[0] as number, now).purposes : mergedStates(db, profileIds, now);
  const sources = [...new Map(recordRows.map((row) => [row.source_id, row.source])).entries()].sort((a, b) => a[0] - b[0]);
  const declarations = sources.flatMap(([sourceId, source]) => sourcePurposes(db, sourceId).map(({ code, basis }) => ({ source, purpose: code, basis })));
  const purposes = db.all<PackagePurpose>(sql`SELECT code, name_en AS nameEn, name_fr AS nameFr, retention_days AS retentionDays FROM purpose ORDER BY id`);
  return {
    profileIds,
    golden: profileIds.length === 1 ? goldenRecord(db, profileIds[0] as number) : [],
    records,
    identifiers,
    flags,
    events,
    consentEvents,
    consentStates,
    declarations,
    heldRecords: held,
    purposes,
    withheld: withheld.size,
    disclosures: disclosuresOf(db, profileIds, bounds),
  };
}

/**
 * The records a request was verified for lie in several profiles now (identity split the person, or never
 * joined them): each profile's state is listed, the purpose repeated, rather than one invented from both.
 */
function mergedStates(db: SqlRunner, profileIds: readonly number[], now: Date): PurposeState[] {
  return profileIds.flatMap((id) => profileConsent(db, id, now).purposes.filter((state) => state.state !== 'none' || state.basis !== null));
}
