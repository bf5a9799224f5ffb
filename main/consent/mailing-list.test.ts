/** A mailing list's audience export (Mailchimp's columns) imported through the real import path: its statuses and times become consent history. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok } from '../test-support/temp-vault';
import { profileOf } from './test-people';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const FILE = path.resolve(__dirname, '../ingest/formats/fixtures/mailchimp-audience.csv');

async function importAudience(backend: Backend) {
  const preview = await ok(backend, 'import.preview', { file: FILE });
  // The times of this export are UTC (the mapping says so; the suggestion does not guess a zone).
  return unwrap(await runJob(backend, 'import.file', { file: FILE, source: 'Newsletter', options: {}, mapping: { ...preview.mapping, timeZone: 'UTC' } }));
}

async function emailMarketing(backend: Backend, who: string) {
  const profileId = await profileOf(backend, who);
  return (await ok(backend, 'consent.show', { profileId })).purposes.find((entry) => entry.purpose === 'email_marketing')!;
}

const rows = <T>(backend: Backend, query: string): T[] => backend.vaults.current().db.raw.prepare(query).all() as T[];

describe('a mailing-list export as consent history', () => {
  it('suggests the status and time columns with the email-marketing purpose, and leaves the IPs and the rating unmapped', async () => {
    const { backend } = await createVault({ now: () => NOW });
    const { mapping } = await ok(backend, 'import.preview', { file: FILE });
    expect(mapping.columns).toEqual([
      { column: 'Email Address', field: 'email' },
      { column: 'First Name', field: 'givenName' },
      { column: 'Last Name', field: 'familyName' },
      { column: 'OPTIN_TIME', field: 'consent.optInAt', purpose: 'email_marketing' },
      { column: 'CONFIRM_TIME', field: 'consent.confirmedAt', purpose: 'email_marketing' },
      { column: 'UNSUB_TIME', field: 'consent.withdrawnAt', purpose: 'email_marketing' },
      { column: 'status', field: 'consent.status', purpose: 'email_marketing' },
    ]);
    expect(mapping.recordKey).toBe('Email Address');
  });

  it('grants at the confirmation, withdraws at the unsubscribe time, records nothing for a pending subscriber, and flags what it cannot read', async () => {
    const { backend } = await createVault({ now: () => NOW });
    const run = await importAudience(backend);
    expect(run).toMatchObject({ read: 8, inserted: 8, rejected: 0, flagged: 2 });

    // Double opt-in: consent given when the person confirmed, not when they filled the form.
    const zoe = await emailMarketing(backend, 'zoe.martin');
    expect(zoe).toMatchObject({ state: 'granted', basis: 'consent', since: '2024-03-01T10:05:12.000Z' });
    expect(zoe.events.map((event) => [event.kind, event.at, event.method, event.source])).toEqual([
      ['grant', '2024-03-01T10:05:12.000Z', 'import', 'Newsletter'],
    ]);

    // Unsubscribed: the grant stays in the history, the withdrawal rules from the unsubscribe time.
    const marc = await emailMarketing(backend, 'marc.dubois');
    expect(marc).toMatchObject({ state: 'withdrawn', since: '2025-02-10T16:30:00.000Z' });
    expect(marc.events.map((event) => [event.kind, event.at])).toEqual([
      ['grant', '2023-05-02T08:10:00.000Z'],
      ['withdrawal', '2025-02-10T16:30:00.000Z'],
    ]);

    // Pending: an unconfirmed double opt-in is no consent.
    expect(await emailMarketing(backend, 'lea.roy')).toMatchObject({ state: 'none', events: [] });

    // An unreadable opt-in time: flagged, the row kept, the subscription recorded undated (at the import).
    expect(await emailMarketing(backend, 'paul.girard')).toMatchObject({ state: 'granted', since: NOW.toISOString() });

    // Cleaned (the address bounced): the grant history is kept and no withdrawal is invented.
    const ines = await emailMarketing(backend, 'ines.moreau');
    expect(ines).toMatchObject({ state: 'granted', since: '2022-01-10T14:20:00.000Z' });
    expect(ines.events.map((event) => event.kind)).toEqual(['grant']);

    // French status words, any case; no unsubscribe time: the withdrawal is undated, after the dated grant.
    const hugo = await emailMarketing(backend, 'hugo.petit');
    expect(hugo).toMatchObject({ state: 'withdrawn', since: NOW.toISOString() });
    expect(hugo.events.map((event) => [event.kind, event.at])).toEqual([
      ['grant', '2021-06-01T09:00:00.000Z'],
      ['withdrawal', null],
    ]);
    // Single opt-in (no confirmation): granted at the opt-in.
    expect(await emailMarketing(backend, 'nina.lefebvre')).toMatchObject({ state: 'granted', since: '2024-09-09T09:09:09.000Z' });

    // A status no list uses: flagged, the person kept, nothing recorded.
    expect(await emailMarketing(backend, 'yann.leroux')).toMatchObject({ state: 'none', events: [] });
    expect(rows(backend, 'SELECT field, column_name AS columnName, code, raw FROM record_flag ORDER BY field')).toEqual([
      { field: 'consent.optInAt', columnName: 'OPTIN_TIME', code: 'date', raw: 'le 3 mars' },
      { field: 'consent.status', columnName: 'status', code: 'consentStatus', raw: 'vip' },
    ]);

    // The same file again adds no event.
    const before = rows<{ n: number }>(backend, 'SELECT count(*) AS n FROM consent_event')[0]!.n;
    expect(before).toBe(8);
    expect(await importAudience(backend)).toMatchObject({ inserted: 0, rejected: 0 });
    expect(rows<{ n: number }>(backend, 'SELECT count(*) AS n FROM consent_event')[0]!.n).toBe(before);
  });
});
