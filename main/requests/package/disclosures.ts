/**
 * The disclosures made about a person (GDPR Art. 15(1)(c), Law 25 s. 27): each extract of the partner register
 * that included them, with whom it went to and what it held. Read from the partner capability's tables
 * directly: partners builds on the register (its extracts are checked against people's requests and consents),
 * so the register cannot import it back. Only the extract's own description is shown, never who else was in it.
 */
import { sql, type SqlRunner } from '../../store/sql';
import { inBounds, type RangeBounds } from './range';

export interface PackageDisclosure {
  readonly extractId: number;
  readonly at: string;
  readonly partner: string;
  readonly role: string;
  /** ISO 3166-1 code, with the province or state when there is one (`CA-QC`). */
  readonly country: string;
  readonly agreement: string;
  readonly purposes: readonly string[];
  readonly fields: readonly string[];
  readonly sha256: string;
}

/**
 * The extracts that named one of the person's profiles or any profile merged into one of them (an extract
 * made before a merge named the profile as it was), within the package's period, oldest first.
 */
export function disclosuresOf(db: SqlRunner, profileIds: readonly number[], bounds: RangeBounds): PackageDisclosure[] {
  if (profileIds.length === 0) return [];
  return db
    .all<{
      extractId: number;
      at: string;
      partner: string;
      role: string;
      country: string;
      subdivision: string | null;
      agreement: string;
      purposes: string;
      fields: string;
      sha256: string;
    }>(
      sql`
      WITH RECURSIVE lineage (id) AS (
        SELECT value FROM json_each(${JSON.stringify(profileIds)})
        UNION SELECT p.id FROM profile p JOIN lineage l ON p.merged_into = l.id)
      SELECT e.id AS extractId, e.at, p.name AS partner, p.role, p.country, p.subdivision, a.title AS agreement, e.purposes, e.fields, e.sha256
      FROM extract e JOIN partner p ON p.id = e.partner_id JOIN agreement a ON a.id = e.agreement_id
      WHERE e.id IN (SELECT d.extract_id FROM disclosure d WHERE d.profile_id IN (SELECT id FROM lineage))
      ORDER BY e.at, e.id`,
    )
    .filter((row) => inBounds(row.at, bounds))
    .map((row) => ({
      extractId: row.extractId,
      at: row.at,
      partner: row.partner,
      role: row.role,
      country: row.subdivision === null ? row.country : `${row.country}-${row.subdivision}`,
      agreement: row.agreement,
      purposes: JSON.parse(row.purposes) as string[],
      fields: JSON.parse(row.fields) as string[],
      sha256: row.sha256,
    }));
}
