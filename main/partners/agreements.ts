/**
 * Agreements (leases): what a partner may receive, for which purposes, until when, how often and how. An
 * agreement is never deleted or edited in place for its dates: renewal, suspension, resumption and revocation
 * are events on it (agreement_event) and in the audit trail; a revocation is final.
 */
import { assertBasisAllowed, requirePurpose } from '../consent/index';
import { AppError } from '../core/errors';
import { sql, type SqlRunner } from '../store/sql';
import type { AccessWindow, Agreement, AgreementInput, AgreementStatus, ExtractField, SftpCredential } from './contract';
import { dayInZone, daysUntil, extractsInMonth, leaseState, type Lease, type StoredSftp } from './lease';

export type { Lease, StoredSftp } from './lease';
import { getPartner } from './partners';

interface AgreementRow {
  id: number;
  partner_id: number;
  partner_name: string;
  title: string;
  basis: Agreement['basis'];
  fields: string;
  valid_from: string;
  valid_to: string;
  access_window: string | null;
  max_per_month: number | null;
  delivery: 'folder' | 'sftp';
  folder: string | null;
  sftp: string | null;
  legal_ref: string | null;
  document: string | null;
  notice_days: number;
  status: AgreementStatus;
  purposes: string;
}

const SELECT = sql`
  SELECT a.id, a.partner_id, p.name AS partner_name, a.title, a.basis, a.fields, a.valid_from, a.valid_to, a.access_window, a.max_per_month,
    a.delivery, a.folder, a.sftp, a.legal_ref, a.document, a.notice_days, a.status,
    (SELECT coalesce(json_group_array(pu.code), '[]') FROM (SELECT pu.code FROM agreement_purpose ap JOIN purpose pu ON pu.id = ap.purpose_id
      WHERE ap.agreement_id = a.id ORDER BY pu.code) pu) AS purposes
  FROM agreement a JOIN partner p ON p.id = a.partner_id`;

function toLease(row: AgreementRow): Lease {
  return {
    id: row.id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    title: row.title,
    purposes: JSON.parse(row.purposes) as string[],
    basis: row.basis,
    fields: JSON.parse(row.fields) as ExtractField[],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    window: row.access_window === null ? null : (JSON.parse(row.access_window) as AccessWindow),
    maxPerMonth: row.max_per_month,
    status: row.status,
    noticeDays: row.notice_days,
    legalRef: row.legal_ref,
    document: row.document,
    delivery: row.delivery === 'folder' ? { kind: 'folder', folder: row.folder ?? '' } : { kind: 'sftp', sftp: JSON.parse(row.sftp ?? '{}') as StoredSftp },
  };
}

export function getLease(db: SqlRunner, id: number): Lease {
  const row = db.get<AgreementRow>(sql`${SELECT} WHERE a.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no agreement ${id}.`, { reason: 'unknownAgreement', agreementId: id });
  return toLease(row);
}

function events(db: SqlRunner, id: number): Agreement['events'] {
  return db.all<Agreement['events'][number]>(sql`
    SELECT e.kind, e.at, u.name AS "by", e.reason, e.valid_to AS validTo
    FROM agreement_event e LEFT JOIN app_user u ON u.id = e.user_id WHERE e.agreement_id = ${id} ORDER BY e.id`);
}

/** The agreement as the API shows it, its state read today in the vault's zone; the SFTP credential masked. */
export function toAgreement(db: SqlRunner, lease: Lease, now: Date, timeZone: string): Agreement {
  const { delivery } = lease;
  let shown: Agreement['delivery'];
  if (delivery.kind === 'folder') shown = delivery;
  else {
    const { password, privateKey, ...target } = delivery.sftp;
    shown = { kind: 'sftp', target, credential: password !== undefined || privateKey !== undefined ? '••••' : null };
  }
  return {
    id: lease.id,
    partnerId: lease.partnerId,
    partnerName: lease.partnerName,
    title: lease.title,
    purposes: [...lease.purposes],
    basis: lease.basis,
    fields: [...lease.fields],
    validFrom: lease.validFrom,
    validTo: lease.validTo,
    window: lease.window,
    maxPerMonth: lease.maxPerMonth,
    delivery: shown,
    legalRef: lease.legalRef,
    document: lease.document,
    noticeDays: lease.noticeDays,
    status: lease.status,
    state: leaseState(lease, now, timeZone),
    daysLeft: daysUntil(lease.validTo, now, timeZone),
    extractsThisMonth: extractsInMonth(db, lease.id, now, timeZone),
    erasuresNotified: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM recipient_notice WHERE agreement_id = ${lease.id}`)?.n ?? 0,
    events: events(db, lease.id),
  };
}

export function listLeases(db: SqlRunner, partnerId: number | null): Lease[] {
  const rows = db.all<AgreementRow>(sql`${SELECT} ${partnerId === null ? sql`` : sql`WHERE a.partner_id = ${partnerId}`} ORDER BY a.valid_to, a.id`);
  return rows.map(toLease);
}

/**
 * Every agreement as the records of processing list it (main/processing): what it allows and its state on the
 * day, without its delivery, so no credential leaves this folder.
 */
export type AgreementSummary = Pick<Agreement, 'id' | 'partnerId' | 'title' | 'purposes' | 'basis' | 'fields' | 'validFrom' | 'validTo' | 'status' | 'state'>;

export function agreementSummaries(db: SqlRunner, now: Date, timeZone: string): AgreementSummary[] {
  return listLeases(db, null).map((lease) => ({
    id: lease.id,
    partnerId: lease.partnerId,
    title: lease.title,
    purposes: [...lease.purposes],
    basis: lease.basis,
    fields: [...lease.fields],
    validFrom: lease.validFrom,
    validTo: lease.validTo,
    status: lease.status,
    state: leaseState(lease, now, timeZone),
  }));
}

function sftpColumn(delivery: AgreementInput['delivery'], previous: StoredSftp | null): string | null {
  if (delivery.kind === 'folder') return null;
  const credential: SftpCredential | Record<string, never> =
    delivery.credential ??
    (previous?.password !== undefined ? { password: previous.password } : previous?.privateKey !== undefined ? { privateKey: previous.privateKey } : {});
  return JSON.stringify({ ...delivery.target, ...credential });
}

function recordEvent(
  db: SqlRunner,
  id: number,
  kind: Agreement['events'][number]['kind'],
  userId: number,
  now: Date,
  reason: string | null,
  validTo: string | null,
): void {
  db.run(
    sql`INSERT INTO agreement_event (agreement_id, kind, at, user_id, reason, valid_to) VALUES (${id}, ${kind}, ${now.toISOString()}, ${userId}, ${reason}, ${validTo})`,
  );
}

/**
 * Signs an agreement. A lease cannot start before its partner exists (the day the partner was added, in the
 * vault's zone) nor end before it starts; each purpose must be in the catalog and allow the agreement's basis.
 */
export function addAgreement(db: SqlRunner, input: AgreementInput & { noticeDays: number }, userId: number, now: Date, timeZone: string): number {
  const partner = getPartner(db, input.partnerId);
  const partnerDay = dayInZone(new Date(partner.createdAt), timeZone);
  if (input.validFrom < partnerDay) {
    throw new AppError('INVALID_INPUT', `The agreement cannot start before its partner was added (${partnerDay}).`, {
      reason: 'startsBeforePartner',
      partnerDay,
    });
  }
  if (input.validTo < input.validFrom) throw new AppError('INVALID_INPUT', 'The agreement cannot end before it starts.', { reason: 'endsBeforeStart' });
  if (input.window !== undefined && input.window.to <= input.window.from)
    throw new AppError('INVALID_INPUT', 'The access window ends before it starts.', { reason: 'badWindow' });
  const purposes = [...new Set(input.purposes)].map((code) => requirePurpose(db, code));
  for (const purpose of purposes) assertBasisAllowed(purpose, input.basis);
  const stamp = now.toISOString();
  const id = Number(
    db.run(sql`
      INSERT INTO agreement (partner_id, title, basis, fields, valid_from, valid_to, access_window, max_per_month, delivery, folder, sftp, legal_ref, document,
        notice_days, status, created_by, created_at, updated_at)
      VALUES (${partner.id}, ${input.title}, ${input.basis}, ${JSON.stringify([...new Set(input.fields)])}, ${input.validFrom}, ${input.validTo},
        ${input.window === undefined ? null : JSON.stringify(input.window)}, ${input.maxPerMonth ?? null}, ${input.delivery.kind},
        ${input.delivery.kind === 'folder' ? input.delivery.folder : null}, ${sftpColumn(input.delivery, null)}, ${input.legalRef ?? null}, ${input.document ?? null},
        ${input.noticeDays}, 'active', ${userId}, ${stamp}, ${stamp})`).lastInsertRowid,
  );
  for (const purpose of purposes) db.run(sql`INSERT INTO agreement_purpose (agreement_id, purpose_id) VALUES (${id}, ${purpose.id})`);
  recordEvent(db, id, 'created', userId, now, null, input.validTo);
  return id;
}

function assertNotRevoked(lease: Lease): void {
  if (lease.status === 'revoked')
    throw new AppError('CONFLICT', `Agreement ${lease.id} was revoked: sign a new one.`, { reason: 'agreementRevoked', agreementId: lease.id });
}

/** Renewal moves the end date (never before the start); a suspended lease stays suspended until resumed. */
export function renewAgreement(db: SqlRunner, id: number, validTo: string, reason: string | null, userId: number, now: Date): void {
  const lease = getLease(db, id);
  assertNotRevoked(lease);
  if (validTo < lease.validFrom) throw new AppError('INVALID_INPUT', 'The agreement cannot end before it starts.', { reason: 'endsBeforeStart' });
  db.run(sql`UPDATE agreement SET valid_to = ${validTo}, updated_at = ${now.toISOString()} WHERE id = ${id}`);
  recordEvent(db, id, 'renewed', userId, now, reason, validTo);
}

export function setAgreementStatus(db: SqlRunner, id: number, to: AgreementStatus, reason: string | null, userId: number, now: Date): void {
  const lease = getLease(db, id);
  assertNotRevoked(lease);
  if (to === 'active' && lease.status !== 'suspended') {
    throw new AppError('CONFLICT', `Agreement ${id} is not suspended.`, { reason: 'agreementNotSuspended', agreementId: id });
  }
  if (to === 'suspended' && lease.status === 'suspended') {
    throw new AppError('CONFLICT', `Agreement ${id} is suspended already.`, { reason: 'agreementSuspended', agreementId: id });
  }
  db.run(sql`UPDATE agreement SET status = ${to}, updated_at = ${now.toISOString()} WHERE id = ${id}`);
  recordEvent(db, id, to === 'active' ? 'resumed' : to, userId, now, reason, null);
}
