import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { translator } from '../../i18n/translator';
import { sql } from '../../store/sql';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import { sha256 } from './archive';
import { buildPackage, collectForPackage, type PackageInput } from './build';
import type { PackageMeta } from './report';

configure({ useWebWorkers: false });
let backend: Backend;
const NOW = new Date('2026-06-30T12:00:00Z');

/** A web shop's export: Hélène with two orders (one a gift to Zoé, someone else) and a consent; Bruno apart. */
const customers = [
  {
    customer: { id: 1, first_name: 'Hélène', last_name: 'Gagnon-Tremblay', email: 'helene.gagnon@exemple.ca' },
    orders: [
      // Midnight opening the first day of the range, in Montréal (04:00 UTC in summer): inside.
      { id: 'A-1', date: '2026-03-01T05:00:00Z', total: '10.00', gift: { recipient: { name: 'Zoé Roy', email: 'zoe.roy@exemple.fr' } } },
      { id: 'A-2', date: '2026-04-30T03:59:59Z', total: '20.00' },
      { id: 'A-3', date: '2026-04-30T04:00:00Z', total: '30.00' },
    ],
    consents: [{ purpose: 'newsletter', granted: true, date: '2026-03-15T10:00:00Z' }],
  },
  {
    customer: { id: 2, first_name: 'Bruno', last_name: 'Lévesque', email: 'bruno.levesque@exemple.ca' },
    orders: [{ id: 'B-1', date: '2026-03-02T10:00:00Z', total: '99.00' }],
    consents: [],
  },
];

let helene: number[];
const meta = (overrides: Partial<PackageMeta> = {}): PackageMeta => ({
  requestId: 7,
  requestType: 'access',
  receivedOn: '2026-06-01',
  jurisdiction: 'quebec',
  range: { from: null, to: null },
  timeZone: 'America/Toronto',
  language: 'fr',
  organisation: 'Boutique Exemple',
  ...overrides,
});

async function build(input: PackageInput) {
  const db = backend.vaults.current().db;
  const person = collectForPackage(db, input, NOW);
  return buildPackage(person, input, translator(input.meta.language as 'fr' | 'en'));
}

async function unzip(bytes: Buffer, password?: string): Promise<Map<string, Buffer>> {
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(bytes)), password === undefined ? {} : { password });
  const files = new Map<string, Buffer>();
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    files.set(entry.filename, Buffer.from(await entry.getData!(new Uint8ArrayWriter())));
  }
  await reader.close();
  return files;
}

// Each test has a vault of its own (temp-vault.ts closes it after the test).
beforeEach(async () => {
  ({ backend } = await createVault());
  const file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, JSON.stringify(customers));
  const preview = await ok(backend, 'import.preview', { file });
  unwrap(
    await runJob(backend, 'import.file', {
      file,
      source: 'Boutique en ligne',
      options: {},
      mapping: { ...preview.mapping, defaultCountry: 'CA' },
      declaration: { purposes: ['customer_relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' },
    }),
  );
  const db = backend.vaults.current().db;
  helene = db.all<{ id: number }>(sql`SELECT id FROM source_record WHERE given_name = 'Hélène'`).map((row) => row.id);
});

describe('an access package', () => {
  it('holds every record of the person and nothing of anyone else, nor the gift recipient', async () => {
    const built = await build({ recordIds: helene, meta: meta(), password: null });
    const files = await unzip(built.bytes);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['report.html', 'report.pdf', 'data.json', 'events.csv', 'consents.csv', 'source-records.csv', 'manifest.json']),
    );
    const everything = [...files.entries()]
      .filter(([name]) => name !== 'report.pdf')
      .map(([, bytes]) => bytes.toString('utf8'))
      .join('\n');
    expect(everything).toContain('Gagnon-Tremblay');
    expect(everything).toContain('helene.gagnon@exemple.ca');
    expect(everything).not.toMatch(/Bruno|levesque|Zoé|zoe\.roy/i);
    // Zoé's name and email, met in the customer's row and again in the order: two values.
    expect(built.counts.withheld).toBe(2);
    const data = JSON.parse(files.get('data.json')!.toString('utf8')) as { events: unknown[]; records: unknown[]; consent: { events: unknown[] } };
    expect(data.records).toHaveLength(helene.length);
    expect(data.events).toHaveLength(3);
    expect(data.consent.events.length).toBeGreaterThan(0);
  });

  it('lists every file in the manifest with its SHA-256', async () => {
    const files = await unzip((await build({ recordIds: helene, meta: meta(), password: null })).bytes);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { files: { name: string; sha256: string; bytes: number }[] };
    expect(manifest.files.map((file) => file.name).sort()).toEqual([...files.keys()].filter((name) => name !== 'manifest.json').sort());
    for (const entry of manifest.files) expect(sha256(files.get(entry.name)!)).toBe(entry.sha256);
  });

  it('is byte-identical when built twice from the same vault state', async () => {
    const first = await build({ recordIds: helene, meta: meta(), password: null });
    const second = await build({ recordIds: helene, meta: meta(), password: null });
    expect(second.sha256).toBe(first.sha256);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
  });

  it('with a password is AES-encrypted, holds the same files, and a wrong password opens nothing', async () => {
    const plain = await build({ recordIds: helene, meta: meta(), password: null });
    const locked = await build({ recordIds: helene, meta: meta(), password: 'mot de passe sûr 2026' });
    expect(locked.manifestSha256).toBe(plain.manifestSha256);
    const files = await unzip(locked.bytes, 'mot de passe sûr 2026');
    expect(sha256(files.get('data.json')!)).toBe(plain.files.find((file) => file.name === 'data.json')!.sha256);
    await expect(unzip(locked.bytes, 'wrong')).rejects.toThrow();
  });

  it('includes events exactly on the range boundaries, in the vault’s zone, and nothing past them', async () => {
    const built = await build({ recordIds: helene, meta: meta({ range: { from: '2026-03-01', to: '2026-04-29' } }), password: null });
    const files = await unzip(built.bytes);
    const events = (JSON.parse(files.get('data.json')!.toString('utf8')) as { events: { at: string }[] }).events.map((event) => event.at);
    expect(events).toEqual(['2026-03-01T05:00:00.000Z', '2026-04-30T03:59:59.000Z']);
    const csvLines = files.get('events.csv')!.toString('utf8').trim().split('\r\n');
    expect(csvLines).toHaveLength(1 + events.length);
  });

  it('refuses a range that ends before it starts, or starts in the future', async () => {
    await expect(build({ recordIds: helene, meta: meta({ range: { from: '2026-05-01', to: '2026-04-01' } }), password: null })).rejects.toMatchObject({
      params: { reason: 'rangeReversed' },
    });
    await expect(build({ recordIds: helene, meta: meta({ range: { from: '2026-07-02', to: null } }), password: null })).rejects.toMatchObject({
      params: { reason: 'rangeInFuture' },
    });
    await expect(build({ recordIds: helene, meta: meta({ range: { from: '2026-02-30', to: null } }), password: null })).rejects.toMatchObject({
      params: { reason: 'rangeNotADay' },
    });
  });

  it('writes a PDF whose text holds the person’s name, in French', async () => {
    const files = await unzip((await build({ recordIds: helene, meta: meta(), password: null })).bytes);
    const pdf = path.join(tempDir(), 'report.pdf');
    fs.writeFileSync(pdf, files.get('report.pdf')!);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Hélène');
    expect(text).toContain('Gagnon-Tremblay');
    expect(text).toContain('Renseignements personnels détenus à votre sujet');
    expect(text).toContain('Commission d’accès à l’information du Québec');
    if (process.env.KEEP_PACKAGE_PDF) fs.copyFileSync(pdf, process.env.KEEP_PACKAGE_PDF);
  });

  it('lists the most recent events in the report and every event in the CSV', async () => {
    const file = path.join(tempDir(), 'till.json');
    const orders = Array.from({ length: 205 }, (_, index) => ({
      id: `T-${index}`,
      date: new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString(),
      total: '5.00',
    }));
    fs.writeFileSync(file, JSON.stringify([{ customer: { id: 9, first_name: 'Marc', last_name: 'Roy', email: 'marc.roy@exemple.ca' }, orders }]));
    const preview = await ok(backend, 'import.preview', { file });
    unwrap(
      await runJob(backend, 'import.file', {
        file,
        source: 'Caisse',
        options: {},
        mapping: { ...preview.mapping, defaultCountry: 'CA' },
        declaration: { purposes: ['customer_relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' },
      }),
    );
    const marc = backend.vaults
      .current()
      .db.all<{ id: number }>(sql`SELECT id FROM source_record WHERE given_name = 'Marc'`)
      .map((row) => row.id);
    const files = await unzip((await build({ recordIds: marc, meta: meta({ language: 'en' }), password: null })).bytes);
    expect(files.get('events.csv')!.toString('utf8').trim().split('\r\n')).toHaveLength(206);
    const html = files.get('report.html')!.toString('utf8');
    expect(html).toContain('The 200 most recent events are listed below; 5 earlier ones are not repeated here.');
    expect(html.split('<td>purchase</td>').length - 1).toBe(200);
  });

  it('reports and CSVs agree on the counts', async () => {
    const built = await build({ recordIds: helene, meta: meta({ language: 'en' }), password: null });
    const files = await unzip(built.bytes);
    const html = files.get('report.html')!.toString('utf8');
    const rows = (name: string) => files.get(name)!.toString('utf8').trim().split('\r\n').length - 1;
    expect(html).toContain(`<td>Events (purchases, visits, contacts)</td><td>${rows('events.csv')}</td>`);
    expect(html).toContain(`<td>Consent decisions recorded</td><td>${rows('consents.csv')}</td>`);
    expect(html).toContain(`<td>Records from our systems</td><td>${rows('source-records.csv')}</td>`);
  });
});
