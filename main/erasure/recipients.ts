/**
 * The partners an erased person's data had gone to (GDPR Art. 19, CCPA §1798.105(c)): counted in the preview,
 * turned at the commit into one `recipient_notice` per agreement (the extracts concerned, and for each the
 * person's line in the file: what the notification letter cites so the partner can find and erase them), and
 * listed on the certificate. The person's `disclosure` rows go with the rest. The partner tables are read
 * directly: partners builds on erasure (it leaves people under a hold out of extracts), not the reverse.
 */
import { sql, type SqlRunner } from '../store/sql';
import type { ErasurePreview, Recipient } from './contract';

const inIds = (values: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

export function disclosuresOf(db: SqlRunner, profileIds: readonly number[]): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM disclosure WHERE profile_id IN ${inIds(profileIds)}`)?.n ?? 0;
}

/** The preview's list: per agreement, the extracts that included the person. */
export function plannedRecipients(db: SqlRunner, profileIds: readonly number[]): ErasurePreview['recipients'] {
  return db.all<ErasurePreview['recipients'][number]>(sql`
    SELECT e.partner_id AS partnerId, p.name AS partnerName, e.agreement_id AS agreementId, a.title AS agreementTitle, count(DISTINCT e.id) AS extracts
    FROM disclosure d JOIN extract e ON e.id = d.extract_id JOIN partner p ON p.id = e.partner_id JOIN agreement a ON a.id = e.agreement_id
    WHERE d.profile_id IN ${inIds(profileIds)}
    GROUP BY e.partner_id, e.agreement_id ORDER BY p.name, e.agreement_id`);
}

/** Inside the commit's transaction: the notices first, then the disclosures they summarise go. */
export function noteRecipients(db: SqlRunner, erasureId: number, profileIds: readonly number[], stamp: string): void {
  const ids = inIds(profileIds);
  db.run(sql`
    INSERT INTO recipient_notice (erasure_id, partner_id, agreement_id, extracts, lines, first_at, last_at, created_at)
    SELECT ${erasureId}, e.partner_id, e.agreement_id, count(DISTINCT e.id), json_group_array(json_array(e.id, d.line)), min(e.at), max(e.at), ${stamp}
    FROM disclosure d JOIN extract e ON e.id = d.extract_id
    WHERE d.profile_id IN ${ids}
    GROUP BY e.partner_id, e.agreement_id`);
  db.run(sql`DELETE FROM disclosure WHERE profile_id IN ${ids}`);
}

interface RecipientRow {
  partner_id: number;
  partner_name: string;
  role: Recipient['role'];
  country: string;
  agreement_id: number;
  agreement_title: string;
  extracts: number;
  first_at: string;
  last_at: string;
}

export function recipientsOf(db: SqlRunner, erasureId: number): Recipient[] {
  return db
    .all<RecipientRow>(
      sql`
      SELECT n.partner_id, p.name AS partner_name, p.role, p.country, n.agreement_id, a.title AS agreement_title, n.extracts, n.first_at, n.last_at
      FROM recipient_notice n JOIN partner p ON p.id = n.partner_id JOIN agreement a ON a.id = n.agreement_id
      WHERE n.erasure_id = ${erasureId} ORDER BY p.name, n.agreement_id`,
    )
    .map((row) => ({
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      role: row.role,
      country: row.country,
      agreementId: row.agreement_id,
      agreementTitle: row.agreement_title,
      extracts: row.extracts,
      firstAt: row.first_at,
      lastAt: row.last_at,
    }));
}

/** What the letter to one partner cites: each extract's file, time, hash, and the person's line in it. */
export function noticeLines(db: SqlRunner, erasureId: number, agreementId: number): { fileName: string; at: string; sha256: string; line: number | null }[] {
  const notice = db.get<{ lines: string }>(sql`SELECT lines FROM recipient_notice WHERE erasure_id = ${erasureId} AND agreement_id = ${agreementId}`);
  if (notice === undefined) return [];
  const pairs = JSON.parse(notice.lines) as [number, number | null][];
  const extracts = new Map(
    db
      .all<{ id: number; file_name: string; at: string; sha256: string }>(
        sql`SELECT id, file_name, at, sha256 FROM extract WHERE id IN ${inIds(pairs.map(([id]) => id))}`,
      )
      .map((row) => [row.id, row]),
  );
  return pairs
    .map(([id, line]) => ({ extract: extracts.get(id), line }))
    .filter((entry) => entry.extract !== undefined)
    .map(({ extract, line }) => ({ fileName: extract!.file_name, at: extract!.at, sha256: extract!.sha256, line }))
    .sort((a, b) => a.at.localeCompare(b.at));
}
