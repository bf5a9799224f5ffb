/**
 * The partner list: who data may go to, and whether a transfer there needs an assessment on file. A partner
 * is never deleted: the register's entries point at it for as long as the vault keeps them.
 */
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import type { Partner, PartnerInput } from './contract';
import { needsTransferAssessment } from './transfer';

interface PartnerRow {
  id: number;
  name: string;
  role: Partner['role'];
  contact: string | null;
  country: string;
  subdivision: string | null;
  assessment_date: string | null;
  assessment_ref: string | null;
  agreements: number;
  created_at: string;
}

const SELECT = sql`
  SELECT p.id, p.name, p.role, p.contact, p.country, p.subdivision, p.assessment_date, p.assessment_ref, p.created_at,
    (SELECT count(*) FROM agreement a WHERE a.partner_id = p.id) AS agreements
  FROM partner p`;

function toPartner(row: PartnerRow): Partner {
  const needsAssessment = needsTransferAssessment(row.country, row.subdivision);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    contact: row.contact,
    country: row.country,
    subdivision: row.subdivision,
    needsAssessment,
    transferAssessed: !needsAssessment || row.assessment_date !== null,
    assessmentDate: row.assessment_date,
    assessmentRef: row.assessment_ref,
    agreements: row.agreements,
    createdAt: row.created_at,
  };
}

export const foldPartnerName = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

export function listPartners(db: SqlRunner): Partner[] {
  return db.all<PartnerRow>(sql`${SELECT} ORDER BY p.name COLLATE NOCASE, p.id`).map(toPartner);
}

export function getPartner(db: SqlRunner, id: number): Partner {
  const row = db.get<PartnerRow>(sql`${SELECT} WHERE p.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no partner ${id}.`, { reason: 'unknownPartner', partnerId: id });
  return toPartner(row);
}

/** A partner by its name, as the CLI names it (case and spacing aside). */
export function partnerByName(db: SqlRunner, name: string): Partner {
  const row = db.get<PartnerRow>(sql`${SELECT} WHERE p.name_folded = ${foldPartnerName(name)}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no partner named ${name}.`, { reason: 'unknownPartnerName', name });
  return toPartner(row);
}

type Values = PartnerInput & { country: string };

function assertNameFree(db: SqlRunner, name: string, except: number | null): void {
  const taken = db.get<{ id: number }>(sql`SELECT id FROM partner WHERE name_folded = ${foldPartnerName(name)}`);
  if (taken && taken.id !== except) throw new AppError('CONFLICT', `A partner is already named ${name}.`, { reason: 'partnerExists', name });
}

export function addPartner(db: SqlRunner, input: Values, userId: number, now: Date): number {
  assertNameFree(db, input.name, null);
  const stamp = now.toISOString();
  return Number(
    db.run(sql`
      INSERT INTO partner (name, name_folded, role, contact, country, subdivision, assessment_date, assessment_ref, created_by, created_at, updated_at)
      VALUES (${input.name}, ${foldPartnerName(input.name)}, ${input.role}, ${input.contact ?? null}, ${input.country}, ${input.subdivision ?? null},
        ${input.assessmentDate ?? null}, ${input.assessmentRef ?? null}, ${userId}, ${stamp}, ${stamp})`).lastInsertRowid,
  );
}

export function updatePartner(db: SqlRunner, id: number, input: Values, now: Date): void {
  getPartner(db, id);
  assertNameFree(db, input.name, id);
  db.run(sql`
    UPDATE partner SET name = ${input.name}, name_folded = ${foldPartnerName(input.name)}, role = ${input.role}, contact = ${input.contact ?? null},
      country = ${input.country}, subdivision = ${input.subdivision ?? null}, assessment_date = ${input.assessmentDate ?? null},
      assessment_ref = ${input.assessmentRef ?? null}, updated_at = ${now.toISOString()}
    WHERE id = ${id}`);
}
