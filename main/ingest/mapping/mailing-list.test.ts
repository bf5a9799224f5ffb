import { describe, expect, it } from 'vitest';
import { parseSubscriptionStatus } from '../normalize/subscription-status';
import type { RawRow } from '../types';
import { applyMapping, type MappedConsent } from './apply';
import { Mapping } from './fields';
import { suggestMapping } from './suggest';

const now = new Date('2026-11-24T12:00:00Z');
const row = (values: Record<string, unknown>): RawRow => ({ line: 2, values });

const list = Mapping.parse({
  version: 1,
  columns: [
    { column: 'Email Address', field: 'email' },
    { column: 'OPTIN_TIME', field: 'consent.optInAt', purpose: 'email_marketing' },
    { column: 'CONFIRM_TIME', field: 'consent.confirmedAt', purpose: 'email_marketing' },
    { column: 'UNSUB_TIME', field: 'consent.withdrawnAt', purpose: 'email_marketing' },
    { column: 'status', field: 'consent.status', purpose: 'email_marketing' },
  ],
  recordKey: 'Email Address',
  dateFormat: 'iso',
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry: 'CA',
  timeZone: 'UTC',
});

function consentsOf(
  values: Record<string, unknown>,
  mapping: Mapping = list,
): { consents: readonly MappedConsent[]; flags: readonly { field: string; code: string }[] } {
  const result = applyMapping(row({ 'Email Address': 'a@exemple.fr', ...values }), mapping, { now });
  if (!result.ok || result.kind !== 'record') throw new Error('not a record');
  return { consents: result.record.consents, flags: result.flags.map((flag) => ({ field: flag.field, code: flag.detail.code })) };
}

const times = { OPTIN_TIME: '2024-03-01 10:00:00', CONFIRM_TIME: '2024-03-01 10:05:00', UNSUB_TIME: '' };

describe('a mailing list’s status and times', () => {
  it('reads the statuses in English and French, whatever the case', () => {
    expect(
      ['subscribed', 'ABONNÉ', 'Unsubscribed', 'désabonnée', 'cleaned', 'Nettoyé', 'pending', 'en attente'].map((raw) => parseSubscriptionStatus(raw)),
    ).toMatchObject(
      ['subscribed', 'subscribed', 'unsubscribed', 'unsubscribed', 'cleaned', 'cleaned', 'pending', 'pending'].map((value) => ({ ok: true, value })),
    );
    expect(parseSubscriptionStatus('  ')).toMatchObject({ ok: true, value: null });
    expect(parseSubscriptionStatus('archived')).toMatchObject({ ok: false });
  });

  it('grants a subscriber at the confirmation, else at the opt-in, else undated', () => {
    expect(consentsOf({ ...times, status: 'subscribed' }).consents).toEqual([
      { purpose: 'email_marketing', granted: true, at: '2024-03-01T10:05:00.000Z', raw: 'subscribed' },
    ]);
    expect(consentsOf({ ...times, CONFIRM_TIME: '', status: 'subscribed' }).consents).toMatchObject([{ granted: true, at: '2024-03-01T10:00:00.000Z' }]);
    expect(consentsOf({ status: 'subscribed' }).consents).toMatchObject([{ granted: true, at: null }]);
  });

  it('keeps an unsubscribed person’s grant as history before the withdrawal, undated when the list does not say when', () => {
    expect(consentsOf({ ...times, UNSUB_TIME: '2025-01-01 00:00:00', status: 'unsubscribed' }).consents).toMatchObject([
      { granted: true, at: '2024-03-01T10:05:00.000Z' },
      { granted: false, at: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(consentsOf({ status: 'Désabonné' }).consents).toMatchObject([{ granted: false, at: null, raw: 'Désabonné' }]);
  });

  it('invents no withdrawal for a cleaned (bounced) address, and records nothing for a pending one', () => {
    expect(consentsOf({ ...times, status: 'cleaned' }).consents).toMatchObject([{ granted: true, at: '2024-03-01T10:05:00.000Z' }]);
    expect(consentsOf({ status: 'cleaned' }).consents).toEqual([]);
    expect(consentsOf({ ...times, status: 'pending' })).toEqual({ consents: [], flags: [] });
  });

  it('flags an unreadable status or time and keeps the row', () => {
    expect(consentsOf({ ...times, status: 'vip' })).toEqual({ consents: [], flags: [{ field: 'consent.status', code: 'consentStatus' }] });
    // An unreadable confirmation is no confirmation time: the grant is undated rather than moved to the opt-in.
    expect(consentsOf({ ...times, CONFIRM_TIME: 'hier', status: 'subscribed' })).toEqual({
      consents: [{ purpose: 'email_marketing', granted: true, at: null, raw: 'subscribed' }],
      flags: [{ field: 'consent.confirmedAt', code: 'date' }],
    });
    // An unsubscribed person's unreadable grant time is no history: only the withdrawal, never an undated grant after it.
    expect(consentsOf({ ...times, CONFIRM_TIME: 'hier', UNSUB_TIME: '2025-01-01 00:00:00', status: 'unsubscribed' }).consents).toMatchObject([
      { granted: false, at: '2025-01-01T00:00:00.000Z' },
    ]);
  });

  it('reads a file per status (no status column) from its times', () => {
    const noStatus = Mapping.parse({ ...list, columns: list.columns.filter((column) => column.field !== 'consent.status') });
    expect(consentsOf({ ...times }, noStatus).consents).toMatchObject([{ granted: true, at: '2024-03-01T10:05:00.000Z' }]);
    expect(consentsOf({ ...times, UNSUB_TIME: '2025-01-01 00:00:00' }, noStatus).consents).toMatchObject([
      { granted: true },
      { granted: false, at: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(consentsOf({}, noStatus).consents).toEqual([]);
  });

  it('needs a purpose on each column of a flat file', () => {
    expect(Mapping.safeParse({ ...list, columns: [...list.columns, { column: 'x', field: 'consent.withdrawnAt' }] }).success).toBe(false);
  });
});

describe('suggesting a mailing list’s columns', () => {
  it('maps Mailchimp’s headers, lower-case too, with the email-marketing purpose; a file per status has no status column', () => {
    const headers = [
      'email address',
      'first name',
      'member_rating',
      'optin_time',
      'optin_ip',
      'confirm_time',
      'confirm_ip',
      'unsub_time',
      'unsub_campaign_title',
      'unsub_reason',
      'last_changed',
      'leid',
    ];
    const mapping = suggestMapping(headers, [], { now });
    expect(mapping.columns).toEqual([
      { column: 'email address', field: 'email' },
      { column: 'first name', field: 'givenName' },
      { column: 'optin_time', field: 'consent.optInAt', purpose: 'email_marketing' },
      { column: 'confirm_time', field: 'consent.confirmedAt', purpose: 'email_marketing' },
      { column: 'unsub_time', field: 'consent.withdrawnAt', purpose: 'email_marketing' },
    ]);
  });

  it('takes `status` for a subscription status only when its values are statuses', () => {
    const statuses = suggestMapping(['Email', 'Status'], [row({ Email: 'a@b.fr', Status: 'abonné' }), row({ Email: 'c@d.fr', Status: 'Désabonné' })], { now });
    expect(statuses.columns).toContainEqual({ column: 'Status', field: 'consent.status', purpose: 'email_marketing' });
    const accounts = suggestMapping(['Email', 'Status'], [row({ Email: 'a@b.fr', Status: 'active' }), row({ Email: 'c@d.fr', Status: 'closed' })], { now });
    expect(accounts.columns.map((column) => column.field)).not.toContain('consent.status');
  });
});
