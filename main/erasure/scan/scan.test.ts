import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { AppError } from '../../core/errors';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import { hmacKey, lowerAscii, needleForms, pageDecryptor, scanPages, scanTables, tombstonedDocs, verificationScan, type IdentifierValue } from './index';
import { optimizeSearch, searchTableOf } from '../../store/search-index';

// Marie and Jean live together: one home phone.
const CLIENTS = [
  'id,first_name,last_name,email,phone,city,country',
  '2001,Marie,Tremblay,Marie.Tremblay@Example.com,(514) 555-0101,Montréal,Canada',
  '2002,Jean,Gagnon,jean.gagnon@exemple.ca,(514) 555-0101,Montréal,Canada',
  '2003,Hélène,Roy,helene.roy@exemple.ca,(438) 555-0177,Laval,Canada',
].join('\n');

const MARIE: IdentifierValue[] = [
  { kind: 'email', value: 'Marie.Tremblay@Example.com' },
  { kind: 'email', value: 'marie.tremblay@example.com' },
  { kind: 'phone', value: '(514) 555-0101' },
  { kind: 'phone', value: '+15145550101' },
  { kind: 'name', value: 'Marie Tremblay' },
];

async function vaultWithClients(): Promise<{ backend: Backend; marie: { record: number; profile: number } }> {
  const { backend } = await createVault();
  const file = path.join(tempDir(), 'clients.csv');
  fs.writeFileSync(file, CLIENTS);
  const run = unwrap(await runJob(backend, 'import.file', { file, source: 'Boutique' }));
  expect(run).toMatchObject({ status: 'completed', inserted: 3 });
  const raw = backend.vaults.current().raw;
  const marie = raw
    .prepare(
      `SELECT r.id AS record, m.profile_id AS profile FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.external_id = '2001'`,
    )
    .get() as { record: number; profile: number };
  // The shared phone alone must not have made them one person.
  expect(raw.prepare(`SELECT count(DISTINCT profile_id) FROM profile_member`).pluck().get()).toBe(3);
  return { backend, marie };
}

/** What the erasure engine does to the person's rows, reduced to the statements that matter here. */
function eraseRows(backend: Backend, marie: { record: number; profile: number }, options: { fts: boolean; optimize?: boolean }): void {
  const raw = backend.vaults.current().raw;
  expect(raw.pragma('secure_delete', { simple: true })).toBe(1);
  raw.transaction(() => {
    raw.prepare('DELETE FROM profile_member WHERE source_record_id = ?').run(marie.record);
    raw.prepare('DELETE FROM source_record WHERE id = ?').run(marie.record);
    raw.prepare('DELETE FROM consent_state WHERE profile_id = ?').run(marie.profile);
    raw.prepare(`UPDATE profile SET status = 'erased', display_name = '', sort_key = '' WHERE id = ?`).run(marie.profile);
    if (options.fts) raw.prepare(`DELETE FROM ${searchTableOf(marie.profile)} WHERE rowid = ?`).run(marie.profile);
  })();
  if (options.fts && options.optimize !== false) optimizeSearch(raw, [marie.profile]);
  raw.pragma('wal_checkpoint(TRUNCATE)');
}

describe('verification scan', () => {
  it('builds each spelling of an identifier the vault could hold, and none too short to mean anything', () => {
    const forms = needleForms([
      ...MARIE,
      { kind: 'name', value: 'Łucja Ébert' },
      { kind: 'phone', value: '+33 6 12 34 56 78' },
      { kind: 'other', value: 'H2X' },
    ]).map((needle) => needle.form);
    expect(forms).toEqual(
      expect.arrayContaining([
        'Marie.Tremblay@Example.com',
        'marie.tremblay@example.com',
        'marie tremblay example com',
        '(514) 555-0101',
        '5145550101',
        '+15145550101',
        '15145550101',
        'Marie Tremblay',
        'marie tremblay',
        'tremblay marie',
        'Łucja Ebert',
        'łucja ébert',
        'lucja ebert',
        '33612345678',
        '612345678',
        '0612345678',
      ]),
    );
    expect(new Set(forms).size).toBe(forms.length);
    expect(forms.some((form) => form.length < 5)).toBe(false);
    expect(forms).not.toContain('H2X');
  });

  it('lower-cases ASCII four bytes at a time exactly as byte by byte, leaving UTF-8 alone', () => {
    const bytes = Buffer.alloc(4099);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 37 + (index >> 8)) & 0xff;
    const expected = Buffer.from(bytes.map((byte) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte)));
    for (const from of [0, 1, 3]) {
      const copy = Buffer.from(bytes);
      lowerAscii(copy.subarray(from), 0, copy.length - from);
      expect(copy.subarray(from).equals(expected.subarray(from))).toBe(true);
      expect(copy.subarray(0, from).equals(bytes.subarray(0, from))).toBe(true);
    }
    const text = Buffer.from('HÉLÈNE Tremblay @EXAMPLE.COM');
    lowerAscii(text, 0, text.length);
    expect(text.toString()).toBe('hÉlÈne tremblay @example.com');
  });

  it('decrypts vault.db page by page: page 1 continues the SQLite header, and a wrong key reads nothing', async () => {
    const { backend } = await createVault();
    const vault = backend.vaults.current();
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    const page = fs.readFileSync(vault.files.db).subarray(0, 4096);
    const out = Buffer.alloc(4096);
    const written = pageDecryptor(vault.key, hmacKey(vault.key, page.subarray(0, 16)), 4096)(page, 1, out, 0);
    expect(written).toBe(4096 - 16 - 80);
    // Header bytes 16 onwards: page size 4096, file format versions 2 (WAL), 80 reserved bytes, payload fractions 64/32/32.
    expect([...out.subarray(0, 8)]).toEqual([0x10, 0x00, 2, 2, 80, 64, 32, 32]);
    const wrong = Buffer.alloc(32, 7);
    expect(pageDecryptor(wrong, hmacKey(wrong, page.subarray(0, 16)), 4096)(page, 1, out, 0)).toBe(-1);
    const all = await scanPages(vault.files.db, wrong, ['anything']);
    expect(all.unreadable).toBe(all.pagesScanned);
  });

  it('finds the person everywhere before the erasure, nowhere after it, and reports the household phone as shared', async () => {
    const { backend, marie } = await vaultWithClients();
    const vault = backend.vaults.current();
    const forms = needleForms(MARIE);
    const erased = { erasedRecordIds: [marie.record], erasedProfileIds: [marie.profile] };
    const emailForms = forms.filter((needle) => needle.of === 'email').map((needle) => needle.form);

    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    const beforePages = await scanPages(vault.files.db, vault.key, emailForms);
    expect(beforePages.hits).toBeGreaterThan(0);
    expect(beforePages.unreadable).toBe(0);
    // Among a bulk erasure's many forms (searched in one pass, multi-match.ts) she is found the same way.
    const strangers = Array.from({ length: 40 }, (_, index) => `inconnu${index}.personne@nulle-part.example`);
    const amongMany = await scanPages(vault.files.db, vault.key, [...strangers, ...emailForms]);
    expect(amongMany.hitForms).toBe(beforePages.hitForms);
    expect(scanTables(vault.raw, [...strangers.map((form) => ({ form, of: 'email' as const })), ...forms], erased).leakedForms).toBeGreaterThan(0);
    const before = scanTables(vault.raw, forms, erased);
    expect(before.leakedForms).toBeGreaterThan(0);
    const tables = new Set(before.hits.map((hit) => `${hit.table}.${hit.column}`));
    for (const place of ['source_record.raw', 'identifier.value', 'identifier.raw', 'profile.display_name', `${searchTableOf(marie.profile)}.*`])
      expect(tables).toContain(place);
    expect((await verificationScan({ raw: vault.raw, file: vault.files.db, key: vault.key, forms, pages: true, ...erased })).clean).toBe(false);

    eraseRows(backend, marie, { fts: true });
    const progress: string[] = [];
    const job = { signal: new AbortController().signal, progress: (step: string) => progress.push(step), checkpoint: () => undefined };
    const after = await verificationScan({ raw: vault.raw, file: vault.files.db, key: vault.key, forms, pages: true, job, ...erased });
    expect(after).toMatchObject({ clean: true, leakedForms: 0, pageHits: 0, pageHitForms: 0, unreadablePages: 0 });
    expect(after.pagesScanned).toBe(fs.statSync(vault.files.db).size / 4096);
    expect(after.rowsScanned).toBeGreaterThan(0);
    expect(progress).toEqual(expect.arrayContaining(['tables', 'pages']));
    // Jean's number is Marie's too: it stays, in his rows, and is no leak.
    expect(after.shared).toBeGreaterThan(0);
    const tableScan = scanTables(vault.raw, forms, erased);
    expect(tableScan.tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'source_record',
        'identifier',
        'profile',
        `${searchTableOf(marie.profile)}_data`,
        `${searchTableOf(marie.profile)}_idx`,
        `${searchTableOf(marie.profile)}_config`,
        'sqlite_schema',
      ]),
    );
    // Nothing there can hold text.
    expect(tableScan.tables).not.toContain('identity_key');
    expect(tableScan.tablesScanned).toBe(tableScan.tables.length);
    expect(tableScan.sharedForms).toEqual(expect.arrayContaining(['(514) 555-0101', '+15145550101', '5145550101']));
    expect(tableScan.sharedForms.some((form) => /marie|tremblay/i.test(form))).toBe(false);
    const identifierHit = after.tableHits.find((hit) => hit.table === 'identifier' && hit.column === 'value');
    expect(identifierHit).toMatchObject({ rows: 1, sharedRows: 1 });
    for (const hit of after.tableHits) expect(hit.sharedRows).toBe(hit.rows);
    // Nothing of the email is in any page, even searched on its own, or among many.
    expect((await scanPages(vault.files.db, vault.key, emailForms)).hits).toBe(0);
    expect((await scanPages(vault.files.db, vault.key, [...strangers, ...emailForms])).hits).toBe(0);
  });

  it('calls a person still in the search index a leak, and the phone a leak when the household member is the erased person', async () => {
    const { backend, marie } = await vaultWithClients();
    const vault = backend.vaults.current();
    const forms = needleForms(MARIE);
    eraseRows(backend, marie, { fts: false });
    const scan = scanTables(vault.raw, forms, { erasedRecordIds: [marie.record], erasedProfileIds: [marie.profile] });
    expect(scan.leakedForms).toBeGreaterThan(0);
    // Two documents hold the phone's digits: Jean's (shared) and Marie's, still indexed (a leak).
    const searchHits = scan.hits.filter((hit) => /^profile_search_\d+$/.test(hit.table));
    expect(searchHits.every((hit) => hit.column === '*')).toBe(true);
    expect([searchHits.reduce((sum, hit) => sum + hit.rows, 0), searchHits.reduce((sum, hit) => sum + hit.sharedRows, 0)]).toEqual([2, 1]);

    // Jean named as erased too: his row holding the phone is no longer somebody else's.
    const jean = vault.raw.prepare(`SELECT id FROM source_record WHERE external_id = '2002'`).pluck().get() as number;
    const both = scanTables(vault.raw, forms, { erasedRecordIds: [marie.record, jean] });
    expect(both.sharedForms).toEqual([]);
  });

  it('calls an erased search document still in the index segments residue, until the index is merged', async () => {
    const { backend, marie } = await vaultWithClients();
    const vault = backend.vaults.current();
    const forms = needleForms(MARIE);
    const erased = { erasedRecordIds: [marie.record], erasedProfileIds: [marie.profile] };
    eraseRows(backend, marie, { fts: true, optimize: false });
    expect(tombstonedDocs(vault.raw, searchTableOf(marie.profile))).toContain(marie.profile);
    const pending = await verificationScan({ raw: vault.raw, file: vault.files.db, key: vault.key, forms, pages: true, ...erased });
    // MATCH sees nothing; the tombstone tells, and the shard's few segments may still hold a word whole.
    expect(pending).toMatchObject({ clean: false, ftsResidue: 1 });
    optimizeSearch(vault.raw, [marie.profile]);
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    expect(tombstonedDocs(vault.raw, searchTableOf(marie.profile)).size).toBe(0);
    expect(await verificationScan({ raw: vault.raw, file: vault.files.db, key: vault.key, forms, pages: true, ...erased })).toMatchObject({
      clean: true,
      ftsResidue: 0,
    });
  });

  it('reads the WAL as well: a value written since the last checkpoint is found in its frames only', async () => {
    const { backend } = await vaultWithClients();
    const vault = backend.vaults.current();
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    vault.raw.prepare(`UPDATE source_record SET street = '12 Rue Zzyzx-Quartz' WHERE external_id = '2002'`).run();
    const scan = await scanPages(vault.files.db, vault.key, ['RUE ZZYZX-QUARTZ']);
    expect(scan.walFramesScanned).toBeGreaterThan(0);
    expect(scan.hits).toBeGreaterThan(0);
    expect(scan.unreadable).toBe(0);
    // vault.db alone does not hold it yet: the hits above came from the frames.
    const alone = path.join(tempDir(), 'vault.db');
    fs.copyFileSync(vault.files.db, alone);
    expect(await scanPages(alone, vault.key, ['RUE ZZYZX-QUARTZ'])).toMatchObject({ hits: 0, walFramesScanned: 0, unreadable: 0 });
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    const folded = await scanPages(vault.files.db, vault.key, ['rue zzyzx-quartz']);
    expect(folded).toMatchObject({ walFramesScanned: 0, unreadable: 0 });
    expect(folded.hits).toBeGreaterThan(0);
  });

  it('counts what the erasure keeps on purpose (the request register) as kept, not leaked', async () => {
    const { backend, marie } = await vaultWithClients();
    await ok(backend, 'requests.open', { type: 'erasure', jurisdiction: 'quebec', requesterName: 'Marie Tremblay' });
    const vault = backend.vaults.current();
    eraseRows(backend, marie, { fts: true });
    const input = {
      raw: vault.raw,
      file: vault.files.db,
      key: vault.key,
      forms: needleForms(MARIE),
      pages: true,
      erasedRecordIds: [marie.record],
      erasedProfileIds: [marie.profile],
    };
    const plain = await verificationScan(input);
    expect(plain.clean).toBe(false);
    expect(plain.tableHits.find((hit) => hit.table === 'request')).toMatchObject({ column: 'requester_name', rows: 1, sharedRows: 0 });
    const kept = await verificationScan({ ...input, keptIn: [{ table: 'request', column: 'requester_name' }] });
    expect(kept).toMatchObject({ clean: true, pageHits: 0 });
  });

  it('stops at a checkpoint when cancelled, and forgets the forms', async () => {
    const { backend } = await vaultWithClients();
    const vault = backend.vaults.current();
    const cancelled = {
      signal: new AbortController().signal,
      progress: () => undefined,
      checkpoint: () => {
        throw new AppError('CANCELLED', 'cancelled');
      },
    };
    expect(() => scanTables(vault.raw, needleForms(MARIE), { job: cancelled })).toThrow(/cancelled/);
    await expect(scanPages(vault.files.db, vault.key, ['marie tremblay'], cancelled)).rejects.toThrow(/cancelled/);
    // The scan's SQL function is left answering nothing.
    expect(vault.raw.prepare(`SELECT custodia_erasure_scan(NULL, 'Marie Tremblay')`).pluck().get()).toBe(0);
  });
});
