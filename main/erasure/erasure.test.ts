import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { sql } from '../store/sql';
import { createVault, ok, tempDir } from '../test-support/temp-vault';

const NOW = new Date('2026-06-30T12:00:00Z');

/**
 * A shop's customers: Marie (her own email, and the family mailbox and phone she shares with Jean), Jean,
 * and six neighbours of Marie's age in the same region (H2X), so that her statistics may be kept at k = 5.
 */
function customers(): unknown[] {
  const person = (id: number, first: string, last: string, email: string, phone: string, postal: string, born: string, orders: unknown[]) => ({
    customer: { id, first_name: first, last_name: last, email, phone, postal_code: postal, birth_date: born },
    orders,
  });
  const neighbours = ['Ana', 'Bao', 'Chloé', 'Dario', 'Emma', 'Farid'].map((first, index) =>
    person(10 + index, first, `Voisin${index}`, `voisin${index}@exemple.ca`, `+1 514 555 02${10 + index}`, `H2X 2B${index}`, `199${index}-05-01`, [
      { id: `V-${index}`, date: '2026-02-10T15:00:00Z', total: '15.00' },
    ]),
  );
  return [
    person(1, 'Marie', 'Tremblay', 'marie.tremblay@exemple.ca', '514-555-0101', 'H2X 1Y4', '1991-04-02', [
      { id: 'M-1', date: '2026-01-05T15:00:00Z', total: '42.50' },
      { id: 'M-2', date: '2026-03-12T15:00:00Z', total: '120.00' },
    ]),
    person(2, 'Jean', 'Tremblay', 'famille.tremblay@exemple.ca', '514-555-0101', 'H2X 1Y4', '1960-09-09', [
      { id: 'J-1', date: '2026-02-01T15:00:00Z', total: '8.00' },
    ]),
    ...neighbours,
  ];
}

let backend: Backend;
let file: string;

async function importShop(): Promise<{ inserted: number; suppressed: number }> {
  const preview = await ok(backend, 'import.preview', { file });
  const run = unwrap(
    await runJob(backend, 'import.file', {
      file,
      source: 'Boutique',
      options: {},
      mapping: { ...preview.mapping, defaultCountry: 'CA' },
      declaration: { purposes: ['customer_relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' },
    }),
  );
  return run as unknown as { inserted: number; suppressed: number };
}

function all<T>(query: ReturnType<typeof sql>): T[] {
  return backend.vaults.current().db.all<T>(query);
}

function profileOf(given: string): number {
  return all<{ id: number }>(
    sql`SELECT m.profile_id AS id FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.given_name = ${given}`,
  )[0]!.id;
}

/** Every text of every table, FTS shadow tables included, as one string: what a dump of the decrypted database shows. */
function dump(): string {
  const raw = backend.vaults.current().raw;
  const tables = raw
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
    .pluck()
    .all() as string[];
  return tables
    .map((table) =>
      (raw.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][])
        .map((row) => row.map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value))).join('\u001f'))
        .join('\n'),
    )
    .join('\n')
    .toLowerCase();
}

beforeEach(async () => {
  ({ backend } = await createVault({ now: () => NOW }));
  file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, JSON.stringify(customers()));
  await importShop();
});

describe('erasure', () => {
  it('previews exact counts, commits with the token, and leaves nothing of the person but a tombstone and a certificate', async () => {
    const marie = profileOf('Marie');
    const before = dump();
    expect(before).toContain('marie.tremblay@exemple.ca');
    // The same scan before the erasure finds her in the tables and in the decrypted pages.
    const found = unwrap(await runJob(backend, 'erasure.verify', { profileId: marie }));
    expect(found).toMatchObject({ erased: false, scan: { clean: false } });
    expect(found.scan!.tableHits).toBeGreaterThan(0);
    expect(found.scan!.pageHits).toBeGreaterThan(0);
    const preview = await ok(backend, 'erasure.preview', { profileId: marie });
    expect(preview).toMatchObject({ profileId: marie, blockedBy: [], k: 5, sharedWith: 1 });
    expect(preview.removed).toMatchObject({ records: 1, identifiers: 2, events: 2, searchEntries: 1 });
    expect(preview.generalized).toMatchObject({ events: 2, rows: 2, dropped: 0, region: 'H2X', ageBand: '30–39' });

    const certificate = unwrap(await runJob(backend, 'erasure.commit', { profileId: marie, token: preview.token }));
    expect(certificate).toMatchObject({ profileId: marie, reason: 'steward', removed: preview.removed, k: 5 });
    expect(certificate.scan).toMatchObject({ clean: true, tableHits: 0, pageHits: 0, fileHits: 0 });
    // The index part ran first, through the indexes only.
    expect(certificate.scan!.index).toMatchObject({ clean: true });
    expect(certificate.scan!.index!.lookups).toBeGreaterThan(3);
    // The family phone is still Jean's: found, and reported as shared rather than as a leak.
    expect(certificate.scan!.shared).toBeGreaterThan(0);
    expect(certificate.hash).toMatch(/^[0-9a-f]{64}$/);

    const after = dump();
    // Nor do the vault folder's files as they lie on disk (the log, staging; the database and WAL pages were read decrypted by the scan).
    const folder = backend.vaults.current().files.dir;
    for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
      const full = path.join(folder, name);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).toString('latin1').toLowerCase()).not.toContain('marie.tremblay');
    }
    for (const form of ['marie.tremblay@exemple.ca', 'marie tremblay', '"marie"']) expect(after).not.toContain(form);
    // Jean, who shares the family phone, is untouched, and still found.
    expect(after).toContain('famille.tremblay@exemple.ca');
    expect((await ok(backend, 'profiles.search', { query: 'Tremblay' })).hits.map((profile) => profile.displayName)).toEqual(['Jean Tremblay']);
    expect(all<{ status: string; display_name: string }>(sql`SELECT status, display_name FROM profile WHERE id = ${marie}`)).toEqual([
      { status: 'erased', display_name: '' },
    ]);
    // Statistics keep month, type, amount band, region and age band, counted.
    expect(all(sql`SELECT month, amount_band, region, age_band, events FROM erasure_statistic ORDER BY month`)).toEqual([
      { month: '2026-01', amount_band: '10–50', region: 'H2X', age_band: '30–39', events: 1 },
      { month: '2026-03', amount_band: '100–500', region: 'H2X', age_band: '30–39', events: 1 },
    ]);
    const audit = (await ok(backend, 'audit.list', { limit: 50 })).entries.filter((entry: { action: string }) => entry.action.startsWith('erasure.'));
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['erasure.verified', 'erasure.committed']);
    // The certificate's SHA-256 is hex and may spell 0101 by chance: the words are read without the hashes.
    const details = JSON.stringify(audit.map((entry: { details: unknown }) => entry.details)).replace(/"hash":"[0-9a-f]{64}"/g, '"hash":""');
    expect(details).not.toMatch(/marie|tremblay|0101|h2x/i);
  });

  it('does not let a re-import bring the person back, and counts them as suppressed', async () => {
    const marie = profileOf('Marie');
    const preview = await ok(backend, 'erasure.preview', { profileId: marie });
    unwrap(await runJob(backend, 'erasure.commit', { profileId: marie, token: preview.token }));
    const again = await importShop();
    expect(again.suppressed).toBe(1);
    expect(dump()).not.toContain('marie.tremblay@exemple.ca');
    expect(all(sql`SELECT given_name FROM source_record ORDER BY id`).map((row) => (row as { given_name: string }).given_name)).not.toContain('Marie');
  });

  it('refuses a commit whose plan changed, and one a litigation hold stops', async () => {
    const marie = profileOf('Marie');
    const preview = await ok(backend, 'erasure.preview', { profileId: marie });
    const stale = await runJob(backend, 'erasure.commit', { profileId: marie, token: 'not-the-token' });
    expect(stale.ok ? null : stale.error.params).toMatchObject({ reason: 'planChanged' });
    await ok(backend, 'erasure.placeHold', { kind: 'litigation', profileId: marie, reason: 'Dossier 2026-114' });
    const blocked = await ok(backend, 'erasure.preview', { profileId: marie });
    expect(blocked.blockedBy).toHaveLength(1);
    const refused = await runJob(backend, 'erasure.commit', { profileId: marie, token: blocked.token });
    expect(refused.ok ? null : refused.error.params).toMatchObject({ reason: 'legalHold' });
    expect(preview.token).not.toBe(blocked.token);
    expect(all(sql`SELECT status FROM profile WHERE id = ${marie}`)).toEqual([{ status: 'active' }]);
  });

  it('keeps no statistics for a group smaller than k', async () => {
    const jean = profileOf('Jean');
    const preview = await ok(backend, 'erasure.preview', { profileId: jean });
    // Nobody else in H2X was born in the 1960s.
    expect(preview.generalized).toMatchObject({ events: 0, rows: 0, dropped: 1, region: null });
    unwrap(await runJob(backend, 'erasure.commit', { profileId: jean, token: preview.token }));
    expect(all(sql`SELECT * FROM erasure_statistic`)).toEqual([]);
  });

  it('writes the certificate as a PDF and lists it for an auditor-readable register', async () => {
    const marie = profileOf('Marie');
    const preview = await ok(backend, 'erasure.preview', { profileId: marie });
    const certificate = unwrap(await runJob(backend, 'erasure.commit', { profileId: marie, token: preview.token }));
    const pdf = await ok(backend, 'erasure.certificatePdf', { id: certificate.id, language: 'fr' });
    expect(Buffer.from(pdf.pdfBase64!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const list = await ok(backend, 'erasure.certificates', {});
    expect(list).toMatchObject({ total: 1, certificates: [{ id: certificate.id, clean: true, hash: certificate.hash }] });
    const verified = unwrap(await runJob(backend, 'erasure.verify', { profileId: marie }));
    expect(verified).toMatchObject({ erased: true, certificateId: certificate.id, hashMatches: true, auditMatches: true, tombstoneEmpty: true });
  });

  it('erases the people of several verified requests in one job, with one verification scan for them all', async () => {
    const requests: number[] = [];
    for (const given of ['Ana', 'Bao', 'Chloé']) {
      const request = await ok(backend, 'requests.open', { type: 'erasure', jurisdiction: 'eu', requesterName: given, receivedOn: '2026-06-20' });
      await ok(backend, 'requests.verify', { id: request.id, method: 'email reply', identifiers: ['email'], profileIds: [profileOf(given)] });
      requests.push(request.id);
    }
    const access = await ok(backend, 'requests.open', { type: 'access', jurisdiction: 'eu', requesterName: 'Dario', receivedOn: '2026-06-20' });
    const requestIds = [...requests, access.id];
    const preview = unwrap(await runJob(backend, 'erasure.previewBulk', { requestIds }));
    expect(preview).toMatchObject({ people: 3, removed: { records: 3, events: 3 }, skipped: [{ requestId: access.id, reason: 'noActiveProfile' }] });
    expect(await runJob(backend, 'erasure.bulk', { requestIds, token: 'stale' })).toMatchObject({ ok: false, error: { params: { reason: 'planChanged' } } });
    const done = unwrap(await runJob(backend, 'erasure.bulk', { requestIds, token: preview.token }));
    expect(done).toMatchObject({ erased: 3, skipped: [{ requestId: access.id, reason: 'noActiveProfile' }] });
    const certificates = await Promise.all(done.certificates.map((id) => ok(backend, 'erasure.certificate', { id })));
    expect(certificates.map((certificate) => [certificate.reason, certificate.scan?.clean])).toEqual([
      ['request', true],
      ['request', true],
      ['request', true],
    ]);
    expect(new Set(certificates.map((certificate) => certificate.scan?.rowsScanned)).size).toBe(1);
    const dumped = dump();
    for (const email of ['voisin0@exemple.ca', 'voisin1@exemple.ca', 'voisin2@exemple.ca']) expect(dumped).not.toContain(email);
    expect(dumped).toContain('voisin3@exemple.ca');
    for (const id of requests) expect(await ok(backend, 'requests.get', { id })).toMatchObject({ status: 'closed', outcome: 'fulfilled' });
  });

  it('deletes the blocking keys identity resolution wrote for the person', async () => {
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const marie = profileOf('Marie');
    const record = all<{ id: number }>(sql`SELECT source_record_id AS id FROM profile_member WHERE profile_id = ${marie}`)[0]!.id;
    const keys = () => all<{ n: number }>(sql`SELECT count(*) AS n FROM identity_key WHERE source_record_id = ${record}`)[0]!.n;
    expect(keys()).toBeGreaterThan(0);
    const preview = await ok(backend, 'erasure.preview', { profileId: marie });
    expect(preview.removed.blockingKeys).toBe(keys());
    unwrap(await runJob(backend, 'erasure.commit', { profileId: marie, token: preview.token }));
    expect(keys()).toBe(0);
  });
});
