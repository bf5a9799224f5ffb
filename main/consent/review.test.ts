import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import type { ReviewSummary } from './review-contract';
import { createVault, ok } from '../test-support/temp-vault';
import { importPeople, profileOf } from './test-people';

let now = new Date('2026-06-15T12:00:00.000Z');
const clock = () => now;
const CONSENT = { purposes: ['email_marketing'], lawfulBasis: 'consent' };

function rows<T>(backend: Backend, query: string, ...params: unknown[]): T[] {
  return backend.vaults
    .current()
    .db.raw.prepare(query)
    .all(...params) as T[];
}

/**
 * Zoé: an opt-in in the CRM (2025-01), a newer opt-out in the newsletter (2025-05), merged into one person.
 * Marc: an opt-in in the CRM (2025-02); an SMS grant a steward recorded without evidence, ending 2026-07-01.
 * Léa: an opt-out in the CRM (2025-03). The CRM declares email marketing on consent and sent everyone in 2026.
 */
async function reviewVault() {
  now = new Date('2026-06-15T12:00:00.000Z');
  const { backend } = await createVault({ now: clock });
  await importPeople(
    backend,
    'CRM',
    [
      { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-01-10' }] },
      { id: 2, first: 'Marc', last: 'Petit', email: 'marc@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2025-02-10' }] },
      { id: 3, first: 'Léa', last: 'Roux', email: 'lea@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2025-03-10' }] },
    ],
    CONSENT,
  );
  await importPeople(
    backend,
    'Newsletter',
    [{ id: 11, first: 'Zoe', last: 'Martin', email: 'zoe@news.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2025-05-10' }] }],
    CONSENT,
  );
  const merged = await ok(backend, 'identity.merge', {
    profileA: await profileOf(backend, 'zoe@exemple.fr'),
    profileB: await profileOf(backend, 'zoe@news.fr'),
  });
  const marc = await profileOf(backend, 'marc@exemple.fr');
  await ok(backend, 'consent.record', {
    profileId: marc,
    purpose: 'sms_marketing',
    kind: 'grant',
    method: 'phone',
    at: '2026-06-01T09:00:00Z',
    expiresAt: '2026-07-01T09:00:00Z',
  });
  return { backend, zoe: merged.survivorId, marc, lea: await profileOf(backend, 'lea@exemple.fr') };
}

function purposeRow(summary: ReviewSummary, code: string) {
  return summary.purposes.find((row) => row.purpose === code)!;
}

// Each test builds a real vault with imports (and a merge): slow on a loaded machine.
describe('the consent review', { timeout: 90_000 }, () => {
  it('counts each finding on a small ledger, and lists the people behind it', async () => {
    const { backend, zoe, marc, lea } = await reviewVault();
    const summary = await ok(backend, 'consent.review', {});
    expect(summary.refreshed.mode).toBe('rebuilt');
    expect(purposeRow(summary, 'email_marketing')).toEqual({
      purpose: 'email_marketing',
      nameEn: 'Email marketing',
      nameFr: expect.any(String),
      states: { granted: 1, withdrawn: 2, expired: 0, objected: 0 },
      // Zoé's sources disagree; Zoé and Léa withdrew while the CRM, relying on consent, kept sending them.
      findings: { expiring: 0, disagree: 1, unevidenced: 0, stillUsed: 2 },
    });
    expect(purposeRow(summary, 'sms_marketing')).toMatchObject({
      states: { granted: 1, withdrawn: 0, expired: 0, objected: 0 },
      findings: { expiring: 1, disagree: 0, unevidenced: 1, stillUsed: 0 },
    });
    expect(summary.totals.findings).toEqual({ expiring: 1, disagree: 1, unevidenced: 1, stillUsed: 2 });

    const list = async (finding: string, extra: Record<string, unknown> = {}) => await ok(backend, 'consent.reviewList', { finding, ...extra });
    expect(await list('disagree')).toEqual({
      total: 1,
      items: [{ profileId: zoe, name: expect.stringMatching(/Zo/), purpose: 'email_marketing', state: 'withdrawn', since: '2025-05-10', lapsesAt: null }],
    });
    expect((await list('stillUsed')).items.map((item) => item.profileId).sort()).toEqual([zoe, lea].sort());
    expect((await list('stillUsed', { purpose: 'sms_marketing' })).total).toBe(0);
    expect(await list('expiring')).toMatchObject({ total: 1, items: [{ profileId: marc, purpose: 'sms_marketing', lapsesAt: '2026-07-01T09:00:00.000Z' }] });
    expect((await list('unevidenced')).items).toMatchObject([{ profileId: marc, purpose: 'sms_marketing' }]);
    // The window: ten days ahead does not reach 1 July.
    expect((await ok(backend, 'consent.review', { expiringDays: 10 })).totals.findings.expiring).toBe(0);
    expect((await list('expiring', { expiringDays: 10 })).total).toBe(0);
  });

  it('draws coverage per purpose at each month’s end', async () => {
    const { backend } = await reviewVault();
    const summary = await ok(backend, 'consent.review', {});
    expect(summary.months).toHaveLength(24);
    expect(summary.months[0]).toBe('2024-07');
    expect(summary.months.at(-1)).toBe('2026-06');
    const email = summary.coverage.find((entry) => entry.purpose === 'email_marketing')!.series;
    const at = (month: string) => {
      const { granted, withdrawn, expired, objected } = email.find((point) => point.month === month)!;
      return [granted, withdrawn, expired, objected];
    };
    expect(at('2024-12')).toEqual([0, 0, 0, 0]);
    expect(at('2025-01')).toEqual([1, 0, 0, 0]);
    expect(at('2025-02')).toEqual([2, 0, 0, 0]);
    expect(at('2025-03')).toEqual([2, 1, 0, 0]);
    expect(at('2025-05')).toEqual([1, 2, 0, 0]);
    expect(at('2026-06')).toEqual([1, 2, 0, 0]);
    const sms = summary.coverage.find((entry) => entry.purpose === 'sms_marketing')!.series;
    expect(sms.at(-1)).toMatchObject({ granted: 1 });
    expect(sms.at(-2)).toMatchObject({ granted: 0 });
  });

  it('follows time and new events incrementally, and equals a rebuild from the ledger alone', async () => {
    const { backend, marc, lea } = await reviewVault();
    await ok(backend, 'consent.review', {});
    expect((await ok(backend, 'consent.review', {})).refreshed.mode).toBe('unchanged');
    // Time passes: Marc's SMS grant lapses on 1 July.
    now = new Date('2026-07-02T12:00:00.000Z');
    const later = await ok(backend, 'consent.review', {});
    expect(later.refreshed).toMatchObject({ mode: 'incremental', profiles: 1 });
    expect(purposeRow(later, 'sms_marketing')).toMatchObject({ states: { granted: 0, expired: 1 }, findings: { expiring: 0, unevidenced: 0 } });
    expect(later.coverage.find((entry) => entry.purpose === 'sms_marketing')!.series.at(-1)).toMatchObject({ month: '2026-07', granted: 0, expired: 1 });
    // Léa grants again (with evidence), Marc objects to profiling.
    await ok(backend, 'consent.record', {
      profileId: lea,
      purpose: 'email_marketing',
      kind: 'grant',
      method: 'web_form',
      evidence: 'form-77',
      at: '2026-07-01T08:00:00Z',
    });
    await ok(backend, 'consent.record', { profileId: marc, purpose: 'profiling', kind: 'objection', method: 'email' });
    const after = await ok(backend, 'consent.review', {});
    expect(after.refreshed).toMatchObject({ mode: 'incremental', profiles: 2 });
    expect(purposeRow(after, 'email_marketing')).toMatchObject({ states: { granted: 2, withdrawn: 1 }, findings: { stillUsed: 1 } });
    expect(purposeRow(after, 'profiling')).toMatchObject({ states: { objected: 1 } });

    const snapshot = () => ({
      state: rows(backend, 'SELECT * FROM consent_state ORDER BY profile_id, purpose_id'),
      tally: rows(backend, 'SELECT * FROM consent_tally ORDER BY purpose_id, month, key'),
    });
    const maintained = snapshot();
    expect(maintained.state.length).toBeGreaterThan(3);
    const rebuilt = await ok(backend, 'consent.review', { rebuild: true });
    expect(rebuilt.refreshed.mode).toBe('rebuilt');
    expect(snapshot()).toEqual(maintained);
    expect(rebuilt.purposes).toEqual(after.purposes);
    expect(rebuilt.coverage).toEqual(after.coverage);
  });

  it('follows merges and splits: the moved members mark both people', async () => {
    const { backend, zoe } = await reviewVault();
    await ok(backend, 'consent.review', {});
    const record = rows<{ id: number }>(backend, `SELECT id FROM source_record WHERE external_id = '11'`)[0]!.id;
    await ok(backend, 'identity.split', { recordId: record });
    const split = await ok(backend, 'consent.review', {});
    expect(split.refreshed.mode).toBe('incremental');
    expect(purposeRow(split, 'email_marketing')).toMatchObject({ states: { granted: 2, withdrawn: 2 }, findings: { disagree: 0 } });
    const maintained = rows(backend, 'SELECT * FROM consent_state ORDER BY profile_id, purpose_id');
    await ok(backend, 'consent.review', { rebuild: true });
    expect(rows(backend, 'SELECT * FROM consent_state ORDER BY profile_id, purpose_id')).toEqual(maintained);
    void zoe;
  });

  it('previews a bulk action, records it on confirmation as steward events, audited with ids and counts only', async () => {
    const { backend, zoe, lea } = await reviewVault();
    const act = (input: Record<string, unknown>) => backend.call('consent.reviewAct', { finding: 'stillUsed', kind: 'objection', method: 'steward', ...input });
    expect(await act({ kind: 'grant' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'bulkGrantNeedsEvidence' } } });
    const preview = await ok(backend, 'consent.reviewAct', { finding: 'stillUsed', kind: 'objection', method: 'steward' });
    expect(preview).toEqual({ confirmed: false, count: 2, people: 2, eventIds: [] });
    expect(rows(backend, `SELECT * FROM consent_event WHERE kind = 'objection'`)).toEqual([]);
    // Only the chosen pair, and only while it is still in the finding.
    const done = await ok(backend, 'consent.reviewAct', {
      finding: 'stillUsed',
      kind: 'objection',
      method: 'steward',
      pairs: [
        { profileId: lea, purpose: 'email_marketing' },
        { profileId: 999, purpose: 'email_marketing' },
      ],
      confirm: true,
    });
    expect(done).toMatchObject({ confirmed: true, count: 1, people: 1 });
    expect((await ok(backend, 'consent.show', { profileId: lea })).purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({
      state: 'objected',
    });
    const audit = (await ok(backend, 'audit.list', { filter: {} })).entries.filter((entry) => entry.action.startsWith('consent.'));
    expect(audit.map((entry) => [entry.action, entry.objectType, entry.objectId, entry.details])).toEqual([
      ['consent.bulk_recorded', 'purpose', null, { finding: 'stillUsed', count: 1, people: 1 }],
      ['consent.recorded', 'profile', String(lea), { eventId: done.eventIds[0], bulk: true }],
      ['consent.recorded', 'profile', expect.any(String), expect.anything()],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Léa|Roux|lea@|objection|email_marketing/);
    // Léa's objection is newer than anything the CRM sent: she has left the finding. The rest, all at once.
    const rest = await ok(backend, 'consent.reviewAct', {
      finding: 'stillUsed',
      purpose: 'email_marketing',
      kind: 'withdrawal',
      method: 'email',
      confirm: true,
    });
    expect(rest).toMatchObject({ confirmed: true, count: 1, people: 1 });
    expect((await ok(backend, 'consent.show', { profileId: zoe })).purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({
      state: 'withdrawn',
      since: now.toISOString(),
    });
  });
});

describe('the home screen’s consent items', { timeout: 90_000 }, () => {
  it('counts consents ending within 30 days and people whose sources disagree, for every role, once the review is built', async () => {
    const { backend } = await reviewVault();
    // Never built: the home screen does not wait for a full derivation.
    expect((await ok(backend, 'overview.attention', {})).filter((item) => item.kind.startsWith('consent'))).toEqual([]);
    await ok(backend, 'consent.review', {});
    const items = (await ok(backend, 'overview.attention', {})).filter((item) => item.kind.startsWith('consent'));
    expect(items).toEqual([
      { kind: 'consentDisagree', severity: 'warning', count: 1, sourceId: null, name: '', at: null, target: { place: 'consent', finding: 'disagree' } },
      { kind: 'consentExpiring', severity: 'info', count: 1, sourceId: null, name: '', at: null, target: { place: 'consent', finding: 'expiring' } },
    ]);
  });
});
