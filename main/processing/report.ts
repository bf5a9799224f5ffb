/**
 * The report's content, read in one transaction from the tables the other capabilities keep: the catalog and
 * the sources' declarations (consent), the sources and their mappings (ingest's `source` table, read
 * directly as audit reads names: ingest exports no listing), the partners and their agreements (partners), the
 * rules in force (retention). Every list has a fixed order, so the same vault gives the same report.
 */
import { purposeRules } from '../consent/index';
import { agreementSummaries, listPartners } from '../partners/index';
import { readRequestSettings } from '../requests/index';
import { listRules } from '../retention/index';
import { sql, type SqlRunner } from '../store/sql';
import { categoriesOfMapping } from './categories';
import { SECURITY_MEASURES, type ProcessingReport, type ReportPurpose, type ReportRecipient, type ReportRetention, type ReportSource } from './contract';
import type { Language } from '../core/contract-kit';
import type { Translate } from '../requests/index';

interface SourceRow {
  id: number;
  name: string;
  kind: ReportSource['kind'];
  mapping: string | null;
  records: number;
}

function sources(db: SqlRunner): ReportSource[] {
  const declared = db.all<{ source_id: number; code: string; basis: ReportSource['purposes'][number]['basis'] }>(sql`
    SELECT sp.source_id, p.code, sp.basis FROM source_purpose sp JOIN purpose p ON p.id = sp.purpose_id ORDER BY sp.source_id, p.code`);
  return db
    .all<SourceRow>(
      sql`
      SELECT s.id, s.name, s.kind, s.mapping, (SELECT count(*) FROM source_record r WHERE r.source_id = s.id) AS records
      FROM source s ORDER BY s.name_folded, s.id`,
    )
    .map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      connector: row.kind !== 'file',
      records: row.records,
      categories: categoriesOfMapping(row.mapping),
      purposes: declared.filter((entry) => entry.source_id === row.id).map(({ code, basis }) => ({ code, basis })),
    }));
}

/** Active profiles with a record in a source that declares each purpose (a merged or erased profile is nobody now). */
function peoplePerPurpose(db: SqlRunner): Map<number, number> {
  const rows = db.all<{ purpose_id: number; people: number }>(sql`
    SELECT sp.purpose_id, count(DISTINCT m.profile_id) AS people
    FROM source_purpose sp
    JOIN source_record r ON r.source_id = sp.source_id
    JOIN profile_member m ON m.source_record_id = r.id
    JOIN profile p ON p.id = m.profile_id AND p.status = 'active'
    GROUP BY sp.purpose_id`);
  return new Map(rows.map((row) => [row.purpose_id, row.people]));
}

export function buildReport(db: SqlRunner, language: Language, now: Date, t: Translate): ProcessingReport {
  const settings = readRequestSettings(db);
  const catalog = purposeRules(db).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const sourceList = sources(db);
  const people = peoplePerPurpose(db);
  const named = (purpose: (typeof catalog)[number]): { name: string; description: string } =>
    language === 'fr'
      ? { name: purpose.nameFr, description: purpose.descriptionFr === '' ? purpose.descriptionEn : purpose.descriptionFr }
      : { name: purpose.nameEn, description: purpose.descriptionEn };

  const purposes: ReportPurpose[] = catalog.map((purpose) => ({
    code: purpose.code,
    ...named(purpose),
    bases: [...purpose.bases],
    expressConsent: purpose.expressConsent,
    saleOrSharing: purpose.saleOrSharing,
    sources: sourceList.flatMap((source) =>
      source.purposes.filter((entry) => entry.code === purpose.code).map((entry) => ({ sourceId: source.id, source: source.name, basis: entry.basis })),
    ),
    people: people.get(purpose.id) ?? 0,
  }));

  const agreements = agreementSummaries(db, now, settings.timeZone).sort((a, b) => a.id - b.id);
  const recipients: ReportRecipient[] = listPartners(db).map((partner) => ({
    id: partner.id,
    name: partner.name,
    role: partner.role,
    country: partner.country,
    subdivision: partner.subdivision,
    assessment: !partner.needsAssessment ? 'notNeeded' : partner.assessmentDate === null ? 'missing' : 'onFile',
    assessmentDate: partner.assessmentDate,
    assessmentRef: partner.assessmentRef,
    agreements: agreements.filter((agreement) => agreement.partnerId === partner.id).map(({ partnerId: _partnerId, ...agreement }) => agreement),
  }));

  const rules = listRules(db);
  const retention: ReportRetention[] = catalog.map((purpose) => ({
    code: purpose.code,
    name: named(purpose).name,
    rules: rules
      .filter((rule) => rule.purposeId === purpose.id)
      .map((rule) => ({
        id: rule.id,
        keepCount: rule.keepCount,
        keepUnit: rule.keepUnit,
        anchor: rule.anchor,
        action: rule.action,
        legalRef: rule.legalRef,
        obligation: rule.obligation,
      })),
    defaultDays: purpose.retentionDays,
  }));

  return {
    organisation: settings.organisationName,
    generatedAt: now.toISOString(),
    timeZone: settings.timeZone,
    language,
    purposes,
    sources: sourceList,
    recipients,
    retention,
    security: SECURITY_MEASURES.map((code) => ({ code, text: t(`processing.security.${code}`) })),
  };
}
