/**
 * What an erasure reaches beyond the person's own records (held records, rejected rows, the requests that
 * name them), what it keeps (a legal obligation), and what comes after it (an access request, a restore).
 */
import fs from 'node:fs';
import path from 'node:path';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { importPeople } from '../consent/test-people';
import { sql } from '../store/sql';
import { ADMIN, createVault, ok, openBackend, tempDir } from '../test-support/temp-vault';

configure({ useWebWorkers: false });
const NOW = new Date('2026-06-30T12:00:00Z');
let backend: Backend;

const marie = { id: 1, first: 'Marie', last: 'Tremblay', email: 'marie.tremblay@exemple.ca' };
const jean = { id: 2, first: 'Jean', last: 'Tremblay', email: 'famille.tremblay@exemple.ca' };
const others = [3, 4, 5].map((id) => ({ id, first: `Prénom${id}`, last: `Nom${id}`, email: `p${id}@exemple.ca` }));

function all<T>(query: ReturnType<typeof sql>): T[] {
  return backend.vaults.current().db.all<T>(query);
}

function profileOfRecord(given: string, source: string): number {
  return all<{ id: number }>(sql`
    SELECT m.profile_id AS id FROM source_record r JOIN source s ON s.id = r.source_id JOIN profile_member m ON m.source_record_id = r.id
    WHERE r.given_name = ${given} AND s.name = ${source}`)[0]!.id;
}

async function erase(profileId: number, requestId?: number) {
  const preview = await ok(backend, 'erasure.preview', { profileId, ...(requestId === undefined ? {} : { requestId }) });
  const certificate = unwrap(await runJob(backend, 'erasure.commit', { profileId, token: preview.token, ...(requestId === undefined ? {} : { requestId }) }));
  return { preview, certificate };
}

beforeEach(async () => {
  ({ backend } = await createVault({ now: () => NOW }));
  await importPeople(backend, 'Boutique', [marie, jean, ...others]);
});

describe('what an erasure reaches', () => {
  it('removes the person’s held records and rejected rows, and leaves a household member’s held record', async () => {
    // A consent-only newsletter without consent on file holds both; a row that is no record at all holds her email.
    await importPeople(
      backend,
      'Infolettre',
      [
        { ...marie, id: 91 },
        { ...jean, id: 92 },
      ],
      { purposes: ['email_marketing'], lawfulBasis: 'consent' },
    );
    const file = path.join(tempDir(), 'broken.json');
    fs.writeFileSync(
      file,
      JSON.stringify([{ customer: { id: 7, first_name: 'Ana', last_name: 'Nom', email: 'ana@exemple.ca' } }, 'écrire à marie.tremblay@exemple.ca']),
    );
    const preview = await ok(backend, 'import.preview', { file });
    unwrap(await runJob(backend, 'import.file', { file, source: 'Cassé', options: {}, mapping: preview.mapping }));
    expect(all<{ n: number }>(sql`SELECT count(*) AS n FROM import_reject WHERE raw LIKE '%marie.tremblay%'`)[0]!.n).toBe(1);
    expect(all<{ n: number }>(sql`SELECT count(*) AS n FROM record_hold`)[0]!.n).toBe(2);

    const { preview: plan, certificate } = await erase(profileOfRecord('Marie', 'Boutique'));
    expect(plan.removed).toMatchObject({ records: 1, heldRecords: 1, rejects: 1 });
    expect(certificate.scan).toMatchObject({ clean: true });
    expect(all(sql`SELECT r.given_name FROM record_hold h JOIN source_record r ON r.id = h.source_record_id`)).toEqual([{ given_name: 'Jean' }]);
    expect(all<{ n: number }>(sql`SELECT count(*) AS n FROM import_reject WHERE raw LIKE '%marie%'`)[0]!.n).toBe(0);
  });

  it('keeps a source’s records under a legal obligation, cut off from search, and says so in the certificate', async () => {
    await importPeople(backend, 'Facturation', [{ ...marie, id: 501 }, ...others.map((person) => ({ ...person, id: 500 + person.id }))]);
    const billing = all<{ id: number }>(sql`SELECT id FROM source WHERE name = 'Facturation'`)[0]!.id;
    // Identity is not run here: her billing record is a profile of its own, erased on its own.
    const hold = await ok(backend, 'erasure.placeHold', {
      kind: 'legal_obligation',
      sourceId: billing,
      reason: 'Loi sur les impôts : factures 6 ans',
      until: '2032-12-31',
    });
    const profile = profileOfRecord('Marie', 'Facturation');
    const { preview, certificate } = await erase(profile);
    expect(preview.kept).toEqual([{ holdId: hold.id, sourceId: billing, records: 1, until: '2032-12-31' }]);
    expect(preview.removed.records).toBe(0);
    expect(certificate.kept).toHaveLength(1);
    expect(all(sql`SELECT status, display_name FROM profile WHERE id = ${profile}`)).toEqual([{ status: 'erased', display_name: '' }]);
    expect(all<{ n: number }>(sql`SELECT count(*) AS n FROM source_record WHERE source_id = ${billing} AND given_name = 'Marie'`)[0]!.n).toBe(1);
    expect((await ok(backend, 'profiles.search', { query: 'marie.tremblay@exemple.ca' })).hits.map((hit) => hit.id)).not.toContain(profile);
  });

  it('answers an erasure request, closes it, redacts the requester, and answers a later access request from the certificate', async () => {
    const profile = profileOfRecord('Marie', 'Boutique');
    const request = await ok(backend, 'requests.open', {
      type: 'erasure',
      jurisdiction: 'quebec',
      requesterName: 'Marie Tremblay',
      contact: 'marie.tremblay@exemple.ca',
      receivedOn: '2026-06-20',
    });
    await ok(backend, 'requests.verify', { id: request.id, method: 'appel vidéo', identifiers: ['name', 'email'], profileIds: [profile] });
    const { certificate } = await erase(profile, request.id);
    expect(certificate).toMatchObject({ requestId: request.id, reason: 'request' });
    const closed = await ok(backend, 'requests.get', { id: request.id });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'fulfilled', requesterName: '—', contact: null });

    // She asks later what is held about her: matched to the tombstone, the package says she was erased, and nothing else.
    const access = await ok(backend, 'requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'M. T.', receivedOn: '2026-06-29' });
    await ok(backend, 'requests.verify', { id: access.id, method: 'appel vidéo', identifiers: ['email'], profileIds: [profile] });
    const built = unwrap(await runJob(backend, 'requests.package', { id: access.id, language: 'fr' }));
    const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(Buffer.from(built.zipBase64!, 'base64'))));
    const entries = await reader.getEntries();
    const dataEntry = entries.find((entry) => entry.filename === 'data.json') as unknown as { getData: (writer: Uint8ArrayWriter) => Promise<Uint8Array> };
    const data = JSON.parse(Buffer.from(await dataEntry.getData(new Uint8ArrayWriter())).toString('utf8'));
    await reader.close();
    expect(data.erasures).toEqual([{ certificateId: certificate.id, erasedAt: certificate.erasedAt, hash: certificate.hash }]);
    expect(data.records).toEqual([]);
    expect(JSON.stringify(data)).not.toMatch(/marie\.tremblay|Tremblay/);
  });

  it('replays the erasure into a backup restored from the unlocked vault', async () => {
    const backupFile = path.join(tempDir(), 'avant.custodia-backup');
    unwrap(await runJob(backend, 'vault.backup', { outFile: backupFile }));
    const profile = profileOfRecord('Marie', 'Boutique');
    await erase(profile);
    const target = path.join(tempDir(), 'restored');
    await ok(backend, 'vault.restore', { file: backupFile, targetDir: target });
    await backend.close();
    const restored = openBackend(target, { now: () => NOW });
    await ok(restored, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const db = restored.vaults.current().db;
    expect(db.all(sql`SELECT status, display_name FROM profile WHERE id = ${profile}`)).toEqual([{ status: 'erased', display_name: '' }]);
    expect(db.all(sql`SELECT reason FROM erasure`)).toEqual([{ reason: 'restore' }]);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM identifier WHERE value = 'marie.tremblay@exemple.ca'`)!.n).toBe(0);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM suppression`)!.n).toBeGreaterThan(0);
  });
});
