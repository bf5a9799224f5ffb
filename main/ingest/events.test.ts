import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';

const HEADER = 'loyalty_card,first_name,last_name,email,transaction_id,date,amount,store';
const HEADER_WITHOUT_IDS = 'loyalty_card,first_name,last_name,email,date,amount,store';

function writeFile(name: string, lines: readonly string[]): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

async function importFile(backend: Backend, file: string) {
  return unwrap(await runJob(backend, 'import.file', { file, source: 'Caisse' }));
}

async function eventsOf(backend: Backend, query: string): Promise<(string | number | null)[][]> {
  const [hit] = (await ok(backend, 'profiles.search', { query })).hits;
  const detail = await ok(backend, 'profiles.get', { id: hit!.id });
  return detail.events.map((event) => [event.at.slice(0, 10), event.amount, event.place]).sort((a, b) => String(a).localeCompare(String(b)));
}

function eventRows(backend: Backend): number {
  return (backend.vaults.current().db.raw.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n;
}

describe('events and consents of imported records', () => {
  it('takes a corrected transaction from an updated export instead of keeping the old amount', async () => {
    const { backend } = await createVault();
    const first = writeFile('till.csv', [
      HEADER,
      'C-1,Marie,Gagnon,marie@exemple.ca,T1,2026-03-01,12.50,Laval',
      'C-1,Marie,Gagnon,marie@exemple.ca,T2,2026-03-04,40.00,Montréal',
    ]);
    expect(await importFile(backend, first)).toMatchObject({ inserted: 1, rejected: 0 });

    const corrected = writeFile('till-corrected.csv', [
      HEADER,
      'C-1,Marie,Gagnon,marie@exemple.ca,T1,2026-03-01,15.75,Laval',
      'C-1,Marie,Gagnon,marie@exemple.ca,T2,2026-03-04,40.00,Montréal',
    ]);
    expect(await importFile(backend, corrected)).toMatchObject({ read: 2, inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect(await eventsOf(backend, 'gagnon')).toEqual([
      ['2026-03-01', 15.75, 'Laval'],
      ['2026-03-04', 40, 'Montréal'],
    ]);
    expect(eventRows(backend)).toBe(2);
    expect(await importFile(backend, corrected)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('keeps two identical purchases without transaction numbers, and finds them both again on a re-import', async () => {
    const { backend } = await createVault();
    const lines = [
      HEADER_WITHOUT_IDS,
      'C-1,Marie,Gagnon,marie@exemple.ca,2026-03-01,3.25,Laval',
      'C-2,Paul,Roy,paul@exemple.ca,2026-03-01,3.25,Laval',
      'C-1,Marie,Gagnon,marie@exemple.ca,2026-03-01,3.25,Laval',
    ];
    expect(await importFile(backend, writeFile('coffee.csv', lines))).toMatchObject({ read: 3, inserted: 2, rejected: 0 });
    expect(await eventsOf(backend, 'gagnon')).toEqual([
      ['2026-03-01', 3.25, 'Laval'],
      ['2026-03-01', 3.25, 'Laval'],
    ]);

    expect(await importFile(backend, writeFile('coffee-again.csv', lines))).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    expect(eventRows(backend)).toBe(3);

    // The same export later, with a third coffee that day and Marie's new address: one event more, nothing doubled.
    const later = [
      HEADER_WITHOUT_IDS,
      'C-1,Marie,Gagnon,marie.gagnon@exemple.ca,2026-03-01,3.25,Laval',
      'C-2,Paul,Roy,paul@exemple.ca,2026-03-01,3.25,Laval',
      'C-1,Marie,Gagnon,marie.gagnon@exemple.ca,2026-03-01,3.25,Laval',
      'C-1,Marie,Gagnon,marie.gagnon@exemple.ca,2026-03-01,3.25,Laval',
    ];
    expect(await importFile(backend, writeFile('coffee-later.csv', later))).toMatchObject({ read: 4, inserted: 0, rejected: 0 });
    expect(await eventsOf(backend, 'gagnon')).toHaveLength(3);
    expect(eventRows(backend)).toBe(4);
  });

  it('keeps the first details of a transaction number given twice, and flags the conflict with the other details', async () => {
    const { backend } = await createVault();
    const run = await importFile(
      backend,
      writeFile('till.csv', [
        HEADER,
        'C-1,Marie,Gagnon,marie@exemple.ca,T1,2026-03-01,12.50,Laval',
        'C-1,Marie,Gagnon,marie@exemple.ca,T1,2026-03-01,12.50,Laval',
        'C-1,Marie,Gagnon,marie@exemple.ca,T1,2026-03-01,99.00,Laval',
      ]),
    );
    expect(run).toMatchObject({ read: 3, inserted: 1, rejected: 0, flagged: 1 });
    const flags = backend.vaults.current().db.raw.prepare('SELECT code, reason, raw FROM record_flag').all() as { code: string; reason: string; raw: string }[];
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ code: 'duplicateTransaction', reason: expect.stringMatching(/^transaction T1 appears more than once/) });
    // The other details, as sent, for the steward to decide.
    expect(JSON.parse(flags[0]!.raw)).toMatchObject({ amount: '99.00' });
    expect(await eventsOf(backend, 'gagnon')).toEqual([['2026-03-01', 12.5, 'Laval']]);
  });

  it('writes identical orders of a new JSON record as two events, and the same order number once', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'orders.json');
    const order = { date: '2026-03-01', amount: 3.25, store: 'Laval' };
    fs.writeFileSync(
      file,
      JSON.stringify([
        { customer_no: 'C-1', first_name: 'Marie', last_name: 'Gagnon', email: 'marie@exemple.ca', orders: [order, order] },
        {
          customer_no: 'C-2',
          first_name: 'Paul',
          last_name: 'Roy',
          email: 'paul@exemple.ca',
          orders: [
            { ...order, id: 'T9' },
            { ...order, id: 'T9' },
          ],
        },
      ]),
    );
    const preview = await ok(backend, 'import.preview', { file });
    expect(preview.mapping.eventsPath).toBe('orders');
    expect(await importFile(backend, file)).toMatchObject({ inserted: 2, rejected: 0 });
    expect(await eventsOf(backend, 'gagnon')).toHaveLength(2);
    expect(await eventsOf(backend, 'roy')).toHaveLength(1);
    expect(await importFile(backend, file)).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    expect(eventRows(backend)).toBe(3);
  });

  it('brings nested JSON orders and consents into the vault with the suggested mapping', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'shop.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          customer: { id: 9001, first_name: 'Zoé', last_name: 'Martin', email: 'Zoe@Exemple.fr', phones: ['06 12 34 56 78'] },
          orders: [
            { id: 'O-1', date: '2024-05-01', total: '12,50', store: 'Lyon Part-Dieu' },
            { id: 'O-2', date: '2024-05-03', total: 8, store: 'Lyon Confluence' },
          ],
          consents: [
            { purpose: 'email_marketing', granted: 'oui', date: '2024-01-01' },
            { purpose: 'SMS marketing', granted: false, date: '2024-01-02' },
          ],
        },
      ]),
    );
    const preview = await ok(backend, 'import.preview', { file });
    expect(preview.mapping).toMatchObject({ eventsPath: 'orders', consentsPath: 'consents', recordKey: 'customer.id' });
    const run = unwrap(await runJob(backend, 'import.file', { file, source: 'Boutique', options: {}, mapping: { ...preview.mapping, defaultCountry: 'FR' } }));
    expect(run).toMatchObject({ inserted: 1, rejected: 0 });
    const [zoe] = (await ok(backend, 'profiles.search', { query: 'zoe martin' })).hits;
    const detail = await ok(backend, 'profiles.get', { id: zoe!.id });
    expect(detail.records[0]!.phones.map((phone) => phone.value)).toEqual(['+33612345678']);
    expect(detail.events.map((event) => [event.at.slice(0, 10), event.amount, event.place])).toEqual([
      ['2024-05-03', 8, 'Lyon Confluence'],
      ['2024-05-01', 12.5, 'Lyon Part-Dieu'],
    ]);
    expect(detail.consents.map((consent) => [consent.purpose, consent.granted]).sort()).toEqual([
      ['email_marketing', true],
      ['sms_marketing', false],
    ]);
  });
});

describe('a newsletter that lists the same address twice', () => {
  it('keeps both rows’ consent observations, so a later withdrawal is not lost', async () => {
    const { backend } = await createVault();
    await ok(backend, 'purposes.add', { code: 'newsletter', nameEn: 'Newsletter', bases: ['consent'] });
    const file = path.join(tempDir(), 'newsletter.tsv');
    fs.writeFileSync(
      file,
      [
        'email\tfirst_name\tnewsletter\tdate',
        'ana@exemple.ca\tAna\tyes\t2026-01-05',
        'bo@exemple.ca\tBo\tyes\t2026-01-06',
        'ana@exemple.ca\tAna\tno\t2026-02-10',
      ].join('\n'),
    );
    const run = unwrap(await runJob(backend, 'import.file', { file, source: 'Infolettre' }));
    expect(run).toMatchObject({ read: 3, inserted: 2, rejected: 0 });
    const consents = backend.vaults
      .current()
      .db.raw.prepare(
        `SELECT c.kind FROM consent_event c JOIN source_record r ON r.id = c.source_record_id WHERE r.external_id = 'ana@exemple.ca' ORDER BY c.id`,
      )
      .pluck()
      .all();
    expect(consents).toEqual(['grant', 'withdrawal']);
  });
});
