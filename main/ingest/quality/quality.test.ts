import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { AUDITOR, createVault, ok, tempDir } from '../../test-support/temp-vault';

// A Québec CRM's export: Polish and French mobiles written without their country code, a French postal
// code, and purchase dates written day/month with a time although the mapping says ISO.
const CRM = [
  'id;prénom;nom;téléphone;code_postal;date_achat;montant',
  '1;Anna;Nowak;601 234 567;H2X 1Y4;28/07/2012 13:25;12,50',
  '2;Jan;Kowalski;602 345 678;H3B 2Y5;2024-03-05T10:00:00-05:00;8,00',
  '3;Amélie;Poulain;06 12 34 56 78;75018;03/01/2024 09:05;40,00',
  '4;Zoé;Martin;514 555 0199;H2X 1Y4;;',
  '5;Yann;Faux;12;H2X 1Y4;31/02/2024 10:00;5,00',
].join('\n');

const MAPPING = {
  version: 1,
  recordKey: 'id',
  dateFormat: 'iso',
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry: 'CA',
  decimal: ',',
  eventType: 'purchase',
  columns: [
    { column: 'id', field: 'sourceRecordId' },
    { column: 'prénom', field: 'givenName' },
    { column: 'nom', field: 'familyName' },
    { column: 'téléphone', field: 'phone' },
    { column: 'code_postal', field: 'postalCode' },
    { column: 'date_achat', field: 'event.at' },
    { column: 'montant', field: 'event.amount' },
  ],
};

async function importCrm(backend: Backend) {
  const file = path.join(tempDir(), 'crm.csv');
  fs.writeFileSync(file, CRM);
  const declaration = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' };
  return unwrap(await runJob(backend, 'import.file', { file, source: 'CRM', mapping: MAPPING, declaration }));
}

const search = async (backend: Backend, query: string) => (await ok(backend, 'profiles.search', { query })).hits.map((hit) => hit.displayName);
const scalar = (backend: Backend, query: string) => backend.vaults.current().db.raw.prepare(query).pluck().get() as number;

describe('data quality', () => {
  it('counts what each source kept raw, by field, reason and column, and lists it with the person', async () => {
    const { backend } = await createVault();
    const run = await importCrm(backend);
    expect(run).toMatchObject({ read: 5, inserted: 5, rejected: 0, flagged: 4 });
    expect(await ok(backend, 'quality.overview', {})).toEqual([{ sourceId: run.sourceId, sourceName: 'CRM', records: 5, flaggedRecords: 4 }]);
    const summary = await ok(backend, 'quality.summary', { sourceId: run.sourceId });
    expect(summary).toMatchObject({ sourceName: 'CRM', records: 5, flaggedRecords: 4 });
    expect(summary.counts).toEqual(
      [
        { field: 'event.at', code: 'date', column: 'date_achat', records: 3, flags: 3 },
        { field: 'phone', code: 'phone', column: 'téléphone', records: 4, flags: 4 },
        { field: 'postalCode', code: 'postalCode', column: 'code_postal', records: 1, flags: 1 },
      ].sort((a, b) => b.records - a.records),
    );
    expect(await ok(backend, 'quality.summary', { sourceId: run.sourceId, runId: run.id + 1 })).toMatchObject({ flaggedRecords: 0, counts: [] });

    const phones = await ok(backend, 'quality.flags', { sourceId: run.sourceId, field: 'phone' });
    expect(phones.total).toBe(4);
    expect(phones.rows[0]).toMatchObject({
      displayName: 'Anna Nowak',
      externalId: '1',
      column: 'téléphone',
      code: 'phone',
      raw: '601 234 567',
      profileId: expect.any(Number),
    });
    // A flagged number's digits still find the person.
    expect(await search(backend, '601 234 567')).toEqual(['Anna Nowak']);
  });

  it('reads flagged phones again as another country’s, in one audited transaction, and changes nothing the second time', async () => {
    const { backend } = await createVault();
    const run = await importCrm(backend);
    const correction = { kind: 'phoneCountry' as const, country: 'PL' };
    const preview = await ok(backend, 'quality.previewCorrection', { sourceId: run.sourceId, correction });
    // Two Polish mobiles read; the French one and `12` stay flagged.
    expect(preview).toMatchObject({ matched: 4, fixed: 2, stillFlagged: 2, records: 2 });
    const done = unwrap(await runJob(backend, 'quality.correct', { sourceId: run.sourceId, correction, token: preview.token }));
    expect(done).toEqual({ matched: 4, fixed: 2, stillFlagged: 2, records: 2 });
    expect(scalar(backend, `SELECT count(*) FROM identifier WHERE value IN ('+48601234567', '+48602345678')`)).toBe(2);
    expect(await search(backend, '+48 601 234 567')).toEqual(['Anna Nowak']);
    const [audited] = (await ok(backend, 'audit.list', { filter: { action: 'quality.corrected' } })).entries;
    expect(audited).toMatchObject({ objectType: 'source', details: { kind: 'phoneCountry', country: 'PL', matched: 4, fixed: 2, stillFlagged: 2 } });
    // Only the entry's words: its hashes and time may hold any run of digits.
    expect(JSON.stringify([audited!.objectId, audited!.details])).not.toMatch(/601|Nowak|Kowalski/);

    // Twice: what it fixed is no longer flagged, and what it could not read still does not read.
    const again = await ok(backend, 'quality.previewCorrection', { sourceId: run.sourceId, correction });
    expect(again).toMatchObject({ matched: 2, fixed: 0, stillFlagged: 2 });
    const before = scalar(backend, 'SELECT count(*) FROM identifier');
    unwrap(await runJob(backend, 'quality.correct', { sourceId: run.sourceId, correction, token: again.token }));
    expect(scalar(backend, 'SELECT count(*) FROM identifier')).toBe(before);

    // The French one, by country.
    const french = await ok(backend, 'quality.previewCorrection', {
      sourceId: run.sourceId,
      correction: { kind: 'phoneCountry', country: 'FR', column: 'téléphone' },
    });
    expect(french).toMatchObject({ matched: 2, fixed: 1 });
  });

  it('stores the events whose dates a new format reads, and the postal codes of another country', async () => {
    const { backend } = await createVault();
    const run = await importCrm(backend);
    expect(scalar(backend, 'SELECT count(*) FROM event')).toBe(1);
    const dates = { kind: 'dateFormat' as const, format: 'DD/MM/YYYY HH:MM' as const, column: 'date_achat' };
    const preview = await ok(backend, 'quality.previewCorrection', { sourceId: run.sourceId, correction: dates });
    expect(preview).toMatchObject({ matched: 3, fixed: 2, stillFlagged: 1 });
    unwrap(await runJob(backend, 'quality.correct', { sourceId: run.sourceId, correction: dates, token: preview.token }));
    // Local times of the source's country (CA: Toronto's zone), stored in UTC, with the amounts the import read.
    expect(backend.vaults.current().db.raw.prepare('SELECT at, amount FROM event ORDER BY at').all()).toEqual([
      { at: '2012-07-28T17:25:00.000Z', amount: 12.5 },
      { at: '2024-01-03T14:05:00.000Z', amount: 40 },
      { at: '2024-03-05T15:00:00.000Z', amount: 8 },
    ]);

    const postal = { kind: 'postalCountry' as const, country: 'FR' };
    const plan = await ok(backend, 'quality.previewCorrection', { sourceId: run.sourceId, correction: postal });
    unwrap(await runJob(backend, 'quality.correct', { sourceId: run.sourceId, correction: postal, token: plan.token }));
    expect(scalar(backend, `SELECT count(*) FROM source_record WHERE postal_code = '75018'`)).toBe(1);
  });

  it('refuses a commit whose preview no longer matches, a cancelled one changes nothing, and auditors see none of it', async () => {
    const { backend } = await createVault();
    const run = await importCrm(backend);
    const correction = { kind: 'phoneCountry' as const, country: 'PL' };
    const stale = await runJob(backend, 'quality.correct', { sourceId: run.sourceId, correction, token: 'not-the-preview' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { reason: 'flagsChanged' } } });

    const preview = await ok(backend, 'quality.previewCorrection', { sourceId: run.sourceId, correction });
    const started = await backend.call('quality.correct', { sourceId: run.sourceId, correction, token: preview.token });
    if (!started.ok) throw new Error(started.error.message);
    await ok(backend, 'jobs.cancel', { jobId: started.value.jobId });
    await expect.poll(async () => (await ok(backend, 'jobs.get', { jobId: started.value.jobId })).status).toBe('cancelled');
    expect(scalar(backend, 'SELECT count(*) FROM record_flag')).toBe(8);
    expect((await ok(backend, 'audit.list', { filter: { action: 'quality.corrected' } })).total).toBe(0);

    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    for (const [method, input] of [
      ['quality.summary', { sourceId: run.sourceId }],
      ['quality.flags', { sourceId: run.sourceId }],
    ] as const) {
      const result = await backend.call(method, input);
      expect(result.ok || result.error.code).toBe('FORBIDDEN');
    }
  });
});
