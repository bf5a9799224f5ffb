/**
 * Why two records are (or are not) the same person, in the weights of the last resolution's model: each
 * comparison's level and its bits of evidence, which the review screen draws as a waterfall and words in
 * the steward's language.
 */
import { sql, type SqlRunner } from '../../store/sql';
import type { Evidence, PairRecord } from '../contract';
import { scorePair, type TrainedModel } from '../model/fellegi-sunter';
import { features, markHouseholdIdentifiers, type Features } from '../model/record';
import { restoreModel, type StoredModel } from './stored-model';
import { loadVaultRecords } from './vault-records';

/** The model of the latest resolution, or null before the first one. */
export function latestModel(db: SqlRunner): TrainedModel | null {
  const row = db.get<{ model: string }>(sql`SELECT model FROM identity_run WHERE kind = 'full' ORDER BY id DESC LIMIT 1`);
  return row === undefined ? null : restoreModel(JSON.parse(row.model) as StoredModel);
}

export function recordFeatures(db: SqlRunner, recordIds: readonly number[]): Map<number, Features> {
  const loaded = loadVaultRecords(db, recordIds);
  const featured = loaded.records.map(features);
  // Within the records compared only: the run saw the whole vault, so an explanation can call an identifier personal that the run saw shared.
  markHouseholdIdentifiers(featured);
  return new Map(featured.map((record, index) => [loaded.recordIds[index] as number, record]));
}

export function evidenceFor(model: TrainedModel, a: Features, b: Features): Evidence {
  const score = scorePair(model, a, b);
  return {
    logOdds: score.logOdds,
    probability: score.probability,
    vetoed: score.vetoed,
    prior: Math.log2(model.prior / (1 - model.prior)),
    contributions: score.contributions.map(({ comparison, level, weight }) => ({ comparison, level, weight })),
  };
}

/** What a side-by-side view shows of each record: its values as stored, its source, its profile now. */
export function pairRecords(db: SqlRunner, recordIds: readonly number[]): Map<number, PairRecord> {
  if (recordIds.length === 0) return new Map();
  const ids = JSON.stringify(recordIds);
  const rows = db.all<{
    id: number;
    profile_id: number | null;
    source: string;
    external_id: string;
    given_name: string | null;
    family_name: string | null;
    full_name: string | null;
    birth_date: string | null;
    street: string | null;
    city: string | null;
    postal_code: string | null;
  }>(sql`
    SELECT r.id, m.profile_id, s.name AS source, r.external_id, r.given_name, r.family_name, r.full_name, r.birth_date, r.street, r.city, r.postal_code
    FROM json_each(${ids}) j CROSS JOIN source_record r ON r.id = j.value JOIN source s ON s.id = r.source_id LEFT JOIN profile_member m ON m.source_record_id = r.id`);
  const identifiers = db.all<{ source_record_id: number; kind: string; value: string }>(sql`
    SELECT source_record_id, kind, value FROM identifier WHERE source_record_id IN (SELECT value FROM json_each(${ids})) ORDER BY id`);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        recordId: row.id,
        profileId: row.profile_id,
        source: row.source,
        externalId: row.external_id,
        givenName: row.given_name,
        familyName: row.family_name,
        fullName: row.full_name,
        birthDate: row.birth_date,
        street: row.street,
        city: row.city,
        postalCode: row.postal_code,
        emails: identifiers.filter((item) => item.source_record_id === row.id && item.kind === 'email').map((item) => item.value),
        phones: identifiers.filter((item) => item.source_record_id === row.id && item.kind === 'phone').map((item) => item.value),
      },
    ]),
  );
}
