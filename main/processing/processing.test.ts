/** The records of processing: built from a real vault (sources, catalog, partners, rules), exported as PDF and CSV, read by auditors. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { importPeople } from '../consent/test-people';
import { sql } from '../store/sql';
import { AUDITOR, createVault, ok, STEWARD, tempDir } from '../test-support/temp-vault';

const now = new Date('2026-07-15T14:00:00Z');
let backend: Backend;

beforeEach(async () => {
  now.setTime(Date.parse('2026-06-29T14:00:00Z'));
  ({ backend } = await createVault({ now: () => now }));
  await ok(backend, 'requests.saveSettings', { organisationName: 'Boutique Gagnon inc.', timeZone: 'America/Toronto' });
  await importPeople(backend, 'Boutique', [
    { id: 1, first: 'Hélène', last: 'Gagnon', email: 'helene@exemple.ca' },
    { id: 2, first: 'Bruno', last: 'Lévesque', email: 'bruno@exemple.ca' },
    { id: 3, first: 'Zoé', last: 'Roy', email: 'zoe@exemple.ca' },
  ]);
  await importPeople(
    backend,
    'Infolettre',
    [{ id: 7, first: 'Zoé', last: 'Roy', email: 'zoe@exemple.ca', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-05-01' }] }],
    {
      purposes: [{ purpose: 'email_marketing', basis: 'consent' }],
      lawfulBasis: 'consent',
    },
  );
  // A source declared before any file came: nothing can be said of what it holds.
  await ok(backend, 'sources.save', { name: 'Caisse', purposes: ['legal_records'], lawfulBasis: 'legal_obligation', defaultCountry: 'CA', mapping: null });
  const envoi = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
  await ok(backend, 'partners.add', { name: 'Mailer Toronto', role: 'third_party', country: 'CA', subdivision: 'ON' });
  await ok(backend, 'partners.add', { name: 'Courrier US', role: 'third_party', country: 'US', assessmentDate: '2026-01-15', assessmentRef: 'EFVP-7' });
  now.setTime(Date.parse('2026-07-15T14:00:00Z'));
  await ok(backend, 'agreements.add', {
    partnerId: envoi.id,
    title: 'Livraisons',
    purposes: ['customer_relationship'],
    basis: 'contract',
    fields: ['email', 'givenName'],
    validFrom: '2026-06-30',
    validTo: '2026-12-31',
    delivery: { kind: 'folder', folder: '/tmp/out' },
  });
  await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '3y', anchor: 'last_purchase', action: 'anonymize' });
  await ok(backend, 'retention.addRule', {
    purpose: 'legal_records',
    keep: '6y',
    anchor: 'last_activity',
    action: 'review',
    legalRef: 'Loi sur l’administration fiscale, art. 35',
    obligation: true,
  });
  await ok(backend, 'purposes.update', { code: 'analytics', retentionDays: 400 });
});

const pdfText = (file: string): string => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

function csvRows(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('processing.report', () => {
  it('gathers purposes, sources and their categories, recipients, retention and security from the vault, in a fixed order', async () => {
    const report = await ok(backend, 'processing.report', { language: 'en' });
    expect(report).toMatchObject({
      organisation: 'Boutique Gagnon inc.',
      timeZone: 'America/Toronto',
      generatedAt: '2026-07-15T14:00:00.000Z',
      language: 'en',
    });

    expect(report.purposes.map((purpose) => purpose.code)).toEqual([
      'analytics',
      'customer_relationship',
      'email_marketing',
      'legal_records',
      'profiling',
      'sms_marketing',
    ]);
    const byCode = Object.fromEntries(report.purposes.map((purpose) => [purpose.code, purpose]));
    expect(byCode.customer_relationship).toMatchObject({
      name: 'Customer relationship',
      bases: ['contract'],
      sources: [{ source: 'Boutique', basis: 'contract' }],
      people: 3,
      expressConsent: false,
    });
    // Zoé is in both sources: one person, counted once for the newsletter's purpose.
    expect(byCode.email_marketing).toMatchObject({ sources: [{ source: 'Infolettre', basis: 'consent' }], people: 1 });
    expect(byCode.legal_records).toMatchObject({ sources: [{ source: 'Caisse', basis: 'legal_obligation' }], people: 0 });
    expect(byCode.profiling).toMatchObject({ sources: [], people: 0 });

    expect(report.sources.map((source) => [source.name, source.kind, source.connector, source.records])).toEqual([
      ['Boutique', 'file', false, 3],
      ['Caisse', 'file', false, 0],
      ['Infolettre', 'file', false, 1],
    ]);
    // The export's list of consents is mapped, even when it holds none.
    expect(report.sources[0]!.categories?.map((entry) => entry.category)).toEqual(['identity', 'contact', 'consent']);
    expect(report.sources[0]!.categories?.slice(0, 2)).toEqual([
      { category: 'identity', fields: ['familyName', 'givenName', 'sourceRecordId'] },
      { category: 'contact', fields: ['email'] },
    ]);
    expect(report.sources[1]!.categories).toBeNull();
    expect(report.sources[2]!.purposes).toEqual([{ code: 'email_marketing', basis: 'consent' }]);

    expect(report.recipients.map((recipient) => [recipient.name, recipient.role, recipient.country, recipient.subdivision, recipient.assessment])).toEqual([
      ['Courrier US', 'third_party', 'US', null, 'onFile'],
      ['Envoi Québec', 'processor', 'CA', 'QC', 'notNeeded'],
      ['Mailer Toronto', 'third_party', 'CA', 'ON', 'missing'],
    ]);
    expect(report.recipients[0]).toMatchObject({ assessmentDate: '2026-01-15', assessmentRef: 'EFVP-7', agreements: [] });
    expect(report.recipients[1]!.agreements).toEqual([
      {
        id: 1,
        title: 'Livraisons',
        purposes: ['customer_relationship'],
        basis: 'contract',
        fields: ['email', 'givenName'],
        validFrom: '2026-06-30',
        validTo: '2026-12-31',
        status: 'active',
        state: 'active',
      },
    ]);
    // No delivery, hence no folder or credential, in the report.
    expect(JSON.stringify(report)).not.toContain('/tmp/out');

    const retention = Object.fromEntries(report.retention.map((entry) => [entry.code, entry]));
    expect(retention.customer_relationship!.rules).toEqual([
      { id: 1, keepCount: 3, keepUnit: 'year', anchor: 'last_purchase', action: 'anonymize', legalRef: null, obligation: false },
    ]);
    expect(retention.legal_records!.rules[0]).toMatchObject({ keepCount: 6, obligation: true, legalRef: 'Loi sur l’administration fiscale, art. 35' });
    expect(retention.analytics).toMatchObject({ rules: [], defaultDays: 400 });
    expect(retention.profiling).toMatchObject({ rules: [], defaultDays: null });

    expect(report.security.map((measure) => measure.code)).toEqual([
      'encryptionAtRest',
      'keyDerivation',
      'usersAndRoles',
      'auditTrail',
      'offline',
      'backups',
      'erasure',
    ]);
    expect(report.security[0]!.text).toContain('SQLCipher 4');
    expect(report.security[1]!.text).toContain('Argon2id');
  });

  it('names purposes and says everything in French when asked, and follows a retired rule to its successor', async () => {
    const [rule] = await ok(backend, 'retention.rules', {});
    await ok(backend, 'retention.addRule', { purpose: 'customer_relationship', keep: '2y', anchor: 'last_purchase', action: 'anonymize', replaces: rule!.id });
    const report = await ok(backend, 'processing.report', { language: 'fr' });
    expect(report.language).toBe('fr');
    expect(report.purposes.find((purpose) => purpose.code === 'customer_relationship')).toMatchObject({
      name: 'Relation client',
      description: 'Servir la clientèle : commandes, livraisons, factures, service après-vente.',
    });
    expect(report.retention.find((entry) => entry.code === 'customer_relationship')!.rules.map((entry) => entry.keepCount)).toEqual([2]);
    expect(report.security[4]!.text).toContain('aucun service infonuagique');
  });
});

describe('processing.export', () => {
  it('writes a PDF with a section per heading, in English and in French', async () => {
    const dir = tempDir();
    const english = await ok(backend, 'processing.export', { format: 'pdf', language: 'en', outFile: path.join(dir, 'en.pdf') });
    expect(english).toMatchObject({ savedTo: path.join(dir, 'en.pdf'), base64: null, fileName: 'records-of-processing-2026-07-15.pdf' });
    const en = pdfText(path.join(dir, 'en.pdf'));
    for (const text of [
      'Records of processing activities',
      'Boutique Gagnon inc.',
      'July 15, 2026',
      '1. Purposes and lawful bases',
      'Customer relationship (customer_relationship)',
      'Boutique: Contract',
      '2. Categories of data per source',
      'Identity: Family name, Given name, Customer number',
      'Contact details: Email',
      'No saved mapping',
      '3. Recipients',
      'Mailer Toronto',
      'CA-ON',
      'Missing',
      'On file (2026-01-15, EFVP-7)',
      'Livraisons',
      '2026-06-30 to 2026-12-31',
      '4. Retention per purpose',
      '3 years from last purchase, then anonymized',
      '(legal obligation)',
      '400 days from the last activity (catalog default)',
      '5. Security measures',
      'AES-256',
      'Argon2id',
      'SHA-256',
    ])
      expect(en, text).toContain(text);

    await ok(backend, 'processing.export', { format: 'pdf', language: 'fr', outFile: path.join(dir, 'fr.pdf') });
    const fr = pdfText(path.join(dir, 'fr.pdf'));
    for (const text of [
      'Registre des activités de traitement',
      '15 juillet 2026',
      '1. Finalités et bases légales',
      'Relation client (customer_relationship)',
      'Boutique : Contrat',
      'Identité : Nom de famille, Prénom, Numéro de client',
      'Aucune correspondance enregistrée',
      'Manquante',
      'du 2026-06-30 au 2026-12-31',
      '3 ans (point de départ : dernier achat), puis anonymisation',
      '5. Mesures de sécurité',
    ])
      expect(fr, text).toContain(text);
  });

  it('writes a CSV of one row per line item with its section, the same bytes for the same vault and day', async () => {
    const dir = tempDir();
    const first = await ok(backend, 'processing.export', { format: 'csv', language: 'en', outFile: path.join(dir, 'report.csv') });
    const rows = csvRows(path.join(dir, 'report.csv'));
    expect(rows[0]).toEqual([
      'section',
      'reference',
      'name',
      'description',
      'lawful basis',
      'purposes',
      'sources',
      'data',
      'country / province',
      'period',
      'status',
      'count',
    ]);
    expect(rows.length - 1).toBe(first.items);
    const sections = rows.slice(1).map((row) => row[0]);
    expect([...new Set(sections)]).toEqual(['report', 'purpose', 'source', 'recipient', 'agreement', 'retention', 'security']);
    const find = (section: string, reference: string) => rows.find((row) => row[0] === section && row[1] === reference);
    expect(find('report', 'organisation')![2]).toBe('Boutique Gagnon inc.');
    expect(find('purpose', 'customer_relationship')).toEqual([
      'purpose',
      'customer_relationship',
      'Customer relationship',
      'Serving customers: orders, deliveries, invoices, after-sales service.',
      'Contract',
      '',
      'Boutique (Contract)',
      '',
      '',
      '',
      '',
      '3',
    ]);
    expect(rows.find((row) => row[0] === 'source' && row[2] === 'Boutique')![7]).toMatch(
      /^Identity: Family name, Given name, Customer number; Contact details: Email; Consent: /,
    );
    expect(rows.find((row) => row[0] === 'recipient' && row[2] === 'Mailer Toronto')!.slice(8, 11)).toEqual(['CA-ON', '', 'Missing']);
    expect(rows.find((row) => row[0] === 'agreement')!.slice(2, 11)).toEqual([
      'Livraisons',
      'Envoi Québec',
      'Contract',
      'customer_relationship',
      '',
      'Email, Given name',
      'CA-QC',
      '2026-06-30 to 2026-12-31',
      'Active',
    ]);
    expect(rows.filter((row) => row[0] === 'retention' && row[1] === 'legal_records').map((row) => [row[3], row[7]])).toEqual([
      ['6 years from last activity, then reviewed', 'Loi sur l’administration fiscale, art. 35 (legal obligation)'],
    ]);
    expect(rows.filter((row) => row[0] === 'security')).toHaveLength(7);

    const again = await ok(backend, 'processing.export', { format: 'csv', language: 'en' });
    expect(again.sha256).toBe(first.sha256);
    expect(Buffer.from(again.base64!, 'base64').equals(fs.readFileSync(path.join(dir, 'report.csv')))).toBe(true);

    const french = await ok(backend, 'processing.export', { format: 'csv', language: 'fr' });
    const frRows = Papa.parse<string[]>(Buffer.from(french.base64!, 'base64').toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(frRows[0]![0]).toBe('section');
    expect(frRows[0]![4]).toBe('base légale');
    expect(frRows.find((row) => row[0] === 'finalité' && row[1] === 'customer_relationship')![2]).toBe('Relation client');
  });

  it('refuses to replace a file unless told, and leaves one audit entry per export with counts only', async () => {
    const file = path.join(tempDir(), 'report.pdf');
    await ok(backend, 'processing.export', { format: 'pdf', outFile: file });
    expect(await backend.call('processing.export', { format: 'pdf', outFile: file })).toMatchObject({ ok: false });
    await ok(backend, 'processing.export', { format: 'pdf', outFile: file, overwrite: true });
    const entries = backend.vaults
      .current()
      .db.all<{ entry: string }>(sql`SELECT entry FROM audit_log WHERE action = 'processing.report_exported' ORDER BY seq`)
      .map((row) => JSON.parse(row.entry) as { details: Record<string, unknown> });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.details).toMatchObject({ format: 'pdf', language: 'en', purposes: 6, sources: 3, recipients: 3 });
    const written = JSON.stringify(entries);
    for (const personal of ['Boutique', 'Gagnon', 'Envoi', 'Mailer', 'helene', 'Hélène', 'Livraisons', file]) expect(written).not.toContain(personal);
  });

  it('lets an auditor and a steward read and export the report', async () => {
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    for (const user of [AUDITOR, STEWARD]) {
      await ok(backend, 'vault.lock');
      await ok(backend, 'vault.unlock', { userName: user.name, passphrase: user.passphrase });
      expect((await ok(backend, 'processing.report', {})).recipients).toHaveLength(3);
      expect((await ok(backend, 'processing.export', { format: 'csv' })).items).toBeGreaterThan(20);
    }
  });
});
