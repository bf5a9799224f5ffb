/** A register entry as the API shows it: one extract that left, read back from the `extract` table. */
import { sql, type SqlFragment, type SqlRunner } from '../../store/sql';
import type { ExtractFormat, RegisterEntry } from '../contract';

export interface RegisterRow {
  id: number;
  at: string;
  user: string | null;
  schedule_id: number | null;
  agreement_id: number;
  agreement_title: string;
  partner_id: number;
  partner_name: string;
  purposes: string;
  fields: string;
  format: ExtractFormat;
  people: number;
  excluded: number;
  file_name: string;
  sha256: string;
  bytes: number;
  delivered_to: RegisterEntry['deliveredTo'];
}

/** Follow with WHERE / ORDER BY / LIMIT: the register's one SELECT. */
export const REGISTER_SELECT: SqlFragment = sql`
  SELECT e.id, e.at, u.name AS user, e.schedule_id, e.agreement_id, a.title AS agreement_title, e.partner_id, p.name AS partner_name,
    e.purposes, e.fields, e.format, e.people, e.excluded, e.file_name, e.sha256, e.bytes, e.delivered_to
  FROM extract e JOIN agreement a ON a.id = e.agreement_id JOIN partner p ON p.id = e.partner_id LEFT JOIN app_user u ON u.id = e.user_id`;

export function toRegisterEntry(row: RegisterRow): RegisterEntry {
  return {
    id: row.id,
    at: row.at,
    user: row.schedule_id === null ? row.user : null,
    scheduleId: row.schedule_id,
    agreementId: row.agreement_id,
    agreementTitle: row.agreement_title,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    purposes: JSON.parse(row.purposes) as string[],
    fields: JSON.parse(row.fields) as string[],
    format: row.format,
    people: row.people,
    excluded: row.excluded,
    fileName: row.file_name,
    sha256: row.sha256,
    bytes: row.bytes,
    deliveredTo: row.delivered_to,
  };
}

export function readRegisterEntry(db: SqlRunner, id: number): RegisterEntry | null {
  const row = db.get<RegisterRow>(sql`${REGISTER_SELECT} WHERE e.id = ${id}`);
  return row === undefined ? null : toRegisterEntry(row);
}
