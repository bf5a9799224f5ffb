/** The purpose catalog in the vault: reading, adding and changing purposes, and finding one from a free text. */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import { matchPurpose, type NamedPurpose } from './codes';
import { LAWFUL_BASES, type LawfulBasis, type Purpose, type PurposeInput } from './contract';

interface PurposeRow {
  id: number;
  code: string;
  name_en: string;
  name_fr: string;
  description_en: string;
  description_fr: string;
  express_consent: number;
  sale_or_sharing: number;
  retention_days: number | null;
  notice_version: number;
  updated_at: string;
  bases: string;
  sources: number;
  events: number;
}

const SELECT_PURPOSE = sql`
  SELECT p.*,
    (SELECT coalesce(json_group_array(b.basis), '[]') FROM purpose_basis b WHERE b.purpose_id = p.id) AS bases,
    (SELECT count(*) FROM source_purpose s WHERE s.purpose_id = p.id) AS sources,
    (SELECT count(*) FROM consent_event e WHERE e.purpose_id = p.id) AS events
  FROM purpose p`;

/**
 * A purpose as the rules read it: without how many sources and events use it. Counting a purpose's events
 * reads its whole share of the ledger (hundreds of thousands at a million people), which the catalog screen
 * shows but a person's state, a recording or a release must not pay for.
 */
export type PurposeRule = Omit<Purpose, 'sources' | 'events'>;

const SELECT_RULE = sql`
  SELECT p.*, (SELECT coalesce(json_group_array(b.basis), '[]') FROM purpose_basis b WHERE b.purpose_id = p.id) AS bases, 0 AS sources, 0 AS events
  FROM purpose p`;

function toRule(row: PurposeRow): PurposeRule {
  const { sources: _sources, events: _events, ...rule } = toPurpose(row);
  return rule;
}

/** The catalog's purposes for the rules, in catalog order (no usage counts). */
export function purposeRules(db: SqlRunner): PurposeRule[] {
  return db.all<PurposeRow>(sql`${SELECT_RULE} ORDER BY p.id`).map(toRule);
}

/** The purpose a code names, for the rules (no usage counts), or null. */
export function findRule(db: SqlRunner, code: string): PurposeRule | null {
  const row = db.get<PurposeRow>(sql`${SELECT_RULE} WHERE p.code = ${code}`);
  return row === undefined ? null : toRule(row);
}

/** The purpose a code names, for the rules (no usage counts), or INVALID_INPUT with the reason the interface translates. */
export function requireRule(db: SqlRunner, code: string): PurposeRule {
  const rule = findRule(db, code);
  if (rule === null) throw new AppError('INVALID_INPUT', `There is no purpose ${code} in the catalog.`, { reason: 'unknownPurpose', purpose: code });
  return rule;
}

function toPurpose(row: PurposeRow): Purpose {
  const bases = new Set(JSON.parse(row.bases) as LawfulBasis[]);
  return {
    id: row.id,
    code: row.code,
    nameEn: row.name_en,
    nameFr: row.name_fr,
    descriptionEn: row.description_en,
    descriptionFr: row.description_fr,
    bases: LAWFUL_BASES.filter((basis) => bases.has(basis)),
    expressConsent: row.express_consent === 1,
    saleOrSharing: row.sale_or_sharing === 1,
    retentionDays: row.retention_days,
    noticeVersion: row.notice_version,
    sources: row.sources,
    events: row.events,
    updatedAt: row.updated_at,
  };
}

export function listPurposes(db: SqlRunner): Purpose[] {
  return db.all<PurposeRow>(sql`${SELECT_PURPOSE} ORDER BY p.id`).map(toPurpose);
}

export function findPurpose(db: SqlRunner, code: string): Purpose | null {
  const row = db.get<PurposeRow>(sql`${SELECT_PURPOSE} WHERE p.code = ${code}`);
  return row === undefined ? null : toPurpose(row);
}

/** The purpose a code names, or INVALID_INPUT with the reason the interface translates. */
export function requirePurpose(db: SqlRunner, code: string): Purpose {
  const purpose = findPurpose(db, code);
  if (purpose === null) throw new AppError('INVALID_INPUT', `There is no purpose ${code} in the catalog.`, { reason: 'unknownPurpose', purpose: code });
  return purpose;
}

/** A basis the purpose does not allow is refused wherever a source or a person is declared with it. */
export function assertBasisAllowed(purpose: Pick<Purpose, 'code' | 'bases'>, basis: LawfulBasis): void {
  if (!purpose.bases.includes(basis)) {
    throw new AppError('INVALID_INPUT', `The purpose ${purpose.code} cannot rest on the basis ${basis} (it allows ${purpose.bases.join(', ')}).`, {
      reason: 'basisNotAllowed',
      purpose: purpose.code,
      basis,
    });
  }
}

/** The catalog purpose a free text names (matchPurpose), or null. */
export function purposeByText(db: SqlRunner, text: string): PurposeRule | null {
  // Codes and names only: listPurposes also counts each purpose's events, which a ledger of millions makes slow.
  const names = db.all<NamedPurpose>(sql`SELECT code, name_en AS nameEn, name_fr AS nameFr FROM purpose ORDER BY id`);
  const code = matchPurpose(text, names);
  return code === null ? null : findRule(db, code);
}

function writeBases(db: SqlRunner, purpose: Purpose, bases: readonly LawfulBasis[]): void {
  const removed = purpose.bases.filter((basis) => !bases.includes(basis));
  for (const basis of removed) {
    const used = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM source_purpose WHERE purpose_id = ${purpose.id} AND basis = ${basis}`)!.n;
    if (used > 0) {
      throw new AppError('CONFLICT', `${used} source(s) declare ${purpose.code} on the basis ${basis}: change them first.`, {
        reason: 'basisInUse',
        purpose: purpose.code,
        basis,
        sources: used,
      });
    }
    db.run(sql`DELETE FROM purpose_basis WHERE purpose_id = ${purpose.id} AND basis = ${basis}`);
  }
  for (const basis of bases) db.run(sql`INSERT OR IGNORE INTO purpose_basis (purpose_id, basis) VALUES (${purpose.id}, ${basis})`);
}

export type PurposeValues = Required<Omit<PurposeInput, 'nameFr'>> & { readonly nameFr?: string | undefined };

export function addPurpose(db: SqlRunner, input: PurposeValues, userId: number, stamp: string): Purpose {
  if (findPurpose(db, input.code) !== null)
    throw new AppError('CONFLICT', `The catalog already has a purpose ${input.code}.`, { reason: 'purposeExists', purpose: input.code });
  db.run(sql`
    INSERT INTO purpose (code, name_en, name_fr, description_en, description_fr, express_consent, sale_or_sharing, retention_days, created_at, updated_at, updated_by)
    VALUES (${input.code}, ${input.nameEn}, ${input.nameFr ?? input.nameEn}, ${input.descriptionEn}, ${input.descriptionFr}, ${input.expressConsent ? 1 : 0},
      ${input.saleOrSharing ? 1 : 0}, ${input.retentionDays}, ${stamp}, ${stamp}, ${userId})`);
  const created = findPurpose(db, input.code)!;
  writeBases(db, created, input.bases);
  return findPurpose(db, input.code)!;
}

export type PurposeEdit = Partial<Omit<PurposeValues, 'code'>> & { readonly code: string };

/**
 * Changes a purpose in place: the catalog says what a purpose is now. What people are told (names,
 * descriptions) moving makes a new notice version; past events keep the one they were given.
 */
export function updatePurpose(db: SqlRunner, change: PurposeEdit, userId: number, stamp: string): { purpose: Purpose; changed: string[] } {
  const before = requirePurpose(db, change.code);
  const next = {
    nameEn: change.nameEn ?? before.nameEn,
    nameFr: change.nameFr ?? before.nameFr,
    descriptionEn: change.descriptionEn ?? before.descriptionEn,
    descriptionFr: change.descriptionFr ?? before.descriptionFr,
    expressConsent: change.expressConsent ?? before.expressConsent,
    saleOrSharing: change.saleOrSharing ?? before.saleOrSharing,
    retentionDays: change.retentionDays === undefined ? before.retentionDays : change.retentionDays,
    bases: change.bases ?? before.bases,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(before[key]));
  if (changed.length === 0) return { purpose: before, changed };
  const noticeChanged = changed.some((key) => key === 'nameEn' || key === 'nameFr' || key === 'descriptionEn' || key === 'descriptionFr');
  writeBases(db, before, next.bases);
  db.run(sql`
    UPDATE purpose SET name_en = ${next.nameEn}, name_fr = ${next.nameFr}, description_en = ${next.descriptionEn}, description_fr = ${next.descriptionFr},
      express_consent = ${next.expressConsent ? 1 : 0}, sale_or_sharing = ${next.saleOrSharing ? 1 : 0}, retention_days = ${next.retentionDays},
      notice_version = notice_version + ${noticeChanged ? 1 : 0}, updated_at = ${stamp}, updated_by = ${userId}
    WHERE id = ${before.id}`);
  return { purpose: requirePurpose(db, change.code), changed };
}
