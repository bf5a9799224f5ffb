import fs from 'node:fs';
import path from 'node:path';
import { configure, TextWriter, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../api/contract';
import { runJob } from '../../backend/run-job';
import { importPeople, profileOf } from '../../consent/test-people';
import { AUDITOR, createVault, ok, tempDir } from '../../test-support/temp-vault';

configure({ useWebWorkers: false });

async function verifiedRequest() {
  const { backend, dir } = await createVault({ now: () => new Date('2026-12-07T15:00:00Z'), connectorTickMs: null });
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
  await importPeople(backend, 'Boutique', [
    { id: 1, first: 'Hélène', last: 'Gagnon', email: 'helene@exemple.ca', consents: [{ purpose: 'newsletter', granted: true, date: '2026-03-01T10:00:00Z' }] },
    { id: 2, first: 'Bruno', last: 'Lévesque', email: 'bruno@exemple.ca' },
  ]);
  const profile = await profileOf(backend, 'Hélène');
  const request = await ok(backend, 'requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'Hélène Gagnon', receivedOn: '2026-12-01' });
  return { backend, dir, profile, request };
}

async function entries(bytes: Buffer): Promise<Map<string, string>> {
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(bytes)));
  const files = new Map<string, string>();
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    files.set(entry.filename, entry.filename.endsWith('.pdf') ? '' : await entry.getData(new TextWriter()));
  }
  await reader.close();
  return files;
}

describe('requests.package', () => {
  it('refuses a request not verified yet, and records nothing', async () => {
    const { backend, request } = await verifiedRequest();
    const result = await runJob(backend, 'requests.package', { id: request.id, language: 'fr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { reason: 'requestNotVerified' } } });
    expect(await ok(backend, 'requests.packages', { id: request.id })).toEqual([]);
  });

  it('builds the verified person’s package, records its hashes on the request and in the audit trail (no personal data)', async () => {
    const { backend, profile, request } = await verifiedRequest();
    await ok(backend, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['name', 'email'], profileIds: [profile] });
    const result = await runJob(backend, 'requests.package', { id: request.id, language: 'fr', from: '2026-01-01', to: '2026-12-06' });
    if (!result.ok) throw new Error(result.error.message);
    const built = result.value;
    expect(built.fileName).toBe(`access-package-${request.id}-2026-01-01_2026-12-06.zip`);
    const bytes = Buffer.from(built.zipBase64!, 'base64');
    const files = await entries(bytes);
    expect(files.get('data.json')).toContain('helene@exemple.ca');
    expect([...files.values()].join('\n')).not.toContain('Bruno');
    expect(files.get('report.html')).toContain('Période visée');
    expect(built.package).toMatchObject({ from: '2026-01-01', to: '2026-12-06', language: 'fr', encrypted: false, records: 1, timeZone: 'America/Toronto' });
    expect(await ok(backend, 'requests.packages', { id: request.id })).toEqual([built.package]);
    const audit = backend.vaults.current().db.raw.prepare(`SELECT details FROM audit_log WHERE action = 'request.packaged'`).all() as { details: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      packageId: built.package.id,
      sha256: built.package.sha256,
      manifestSha256: built.package.manifestSha256,
      records: 1,
    });
    expect(audit[0]!.details).not.toMatch(/Hélène|helene|Gagnon/);
  });

  it('writes the archive to the chosen file, and refuses a file inside the vault folder without recording anything', async () => {
    const { backend, dir, profile, request } = await verifiedRequest();
    await ok(backend, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['email'], profileIds: [profile] });
    const refused = await runJob(backend, 'requests.package', { id: request.id, language: 'en', outFile: path.join(dir, 'package.zip') });
    expect(refused.ok).toBe(false);
    expect(await ok(backend, 'requests.packages', { id: request.id })).toEqual([]);
    const out = path.join(tempDir(), 'package.zip');
    const result = await runJob(backend, 'requests.package', { id: request.id, language: 'en', outFile: out });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ savedTo: out, zipBase64: null });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['package.zip']);
    const files = await entries(fs.readFileSync(out));
    expect(files.get('report.html')).toContain('Personal information held about you');
  });

  it('is for stewards and administrators: an auditor sees the packages built, not their content', async () => {
    const { backend, profile, request } = await verifiedRequest();
    await ok(backend, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['email'], profileIds: [profile] });
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock', {});
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect(await runJob(backend, 'requests.package', { id: request.id, language: 'en' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ok(backend, 'requests.packages', { id: request.id })).toEqual([]);
  });

  it('cancelled part-way, records nothing and leaves no file', async () => {
    const { backend, profile, request } = await verifiedRequest();
    await ok(backend, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['email'], profileIds: [profile] });
    const out = path.join(tempDir(), 'cancelled.zip');
    // Cancelled as soon as it starts: the job stops between its steps, before recording anything.
    const stop = backend.onEvent((event: BackendEvent) => {
      if (event.type === 'job.progress' && event.step === 'collecting') void backend.call('jobs.cancel', { jobId: event.jobId });
    });
    const result = await runJob(backend, 'requests.package', { id: request.id, language: 'fr', outFile: out });
    stop();
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await ok(backend, 'requests.packages', { id: request.id })).toEqual([]);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
    expect(backend.vaults.current().db.raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'request.packaged'`).get()).toEqual({ n: 0 });
  });

  it('is still built for a request past its deadline: it must be answered all the same', async () => {
    const { backend, profile } = await verifiedRequest();
    const late = await ok(backend, 'requests.open', { type: 'access', jurisdiction: 'quebec', requesterName: 'Hélène Gagnon', receivedOn: '2026-09-01' });
    expect(late.overdue).toBe(true);
    await ok(backend, 'requests.verify', { id: late.id, method: 'video call', identifiers: ['email'], profileIds: [profile] });
    const result = await runJob(backend, 'requests.package', { id: late.id, language: 'en' });
    expect(result).toMatchObject({ ok: true, value: { package: { records: 1 } } });
  });

  it('covers the person’s records in every source, follows a later merge, and shows times in the vault’s zone', async () => {
    const { backend, profile, request } = await verifiedRequest();
    // The same person in a second source, a profile of their own until identity merges them.
    await importPeople(backend, 'Infolettre', [
      {
        id: 77,
        first: 'Hélène',
        last: 'Gagnon',
        email: 'h.gagnon@courriel.ca',
        consents: [{ purpose: 'newsletter', granted: false, date: '2026-06-15T04:30:00Z' }],
      },
    ]);
    const hits = (await ok(backend, 'profiles.search', { query: 'gagnon' })).hits.map((hit) => hit.id);
    const other = hits.find((id) => id !== profile)!;
    await ok(backend, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['name', 'email'], profileIds: [profile] });
    const before = await runJob(backend, 'requests.package', { id: request.id, language: 'fr' });
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.package.records).toBe(1);
    await ok(backend, 'identity.merge', { profileA: profile, profileB: other });
    const after = await runJob(backend, 'requests.package', { id: request.id, language: 'fr' });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.package.records).toBe(2);
    const files = await entries(Buffer.from(after.value.zipBase64!, 'base64'));
    expect(files.get('data.json')).toContain('h.gagnon@courriel.ca');
    expect(files.get('data.json')).not.toContain('Bruno');
    // 04:30 UTC on 15 June is 00:30 in Toronto, the vault's zone; data.json keeps UTC.
    expect(files.get('data.json')).toContain('2026-06-15T04:30:00.000Z');
    expect(files.get('report.html')).toMatch(/15 juin 2026,? 00 h 30/);
    expect(files.get('report.html')).toContain('America/Toronto');
  });

  it('includes the person’s records held for a lawful basis, found by their email', async () => {
    const { backend, profile, request } = await verifiedRequest();
    // An SMS list on consent alone, with Hélène's email and no SMS consent: held, in no profile.
    const imported = await importPeople(backend, 'Liste SMS', [{ id: 5, first: 'Hélène', last: 'G.', email: 'helene@exemple.ca' }], {
      purposes: ['sms_marketing'],
      lawfulBasis: 'consent',
    });
    expect(imported.held).toBe(1);
    await ok(backend, 'requests.verify', { id: request.id, method: 'video call', identifiers: ['email'], profileIds: [profile] });
    const result = await runJob(backend, 'requests.package', { id: request.id, language: 'en' });
    if (!result.ok) throw new Error(result.error.message);
    const files = await entries(Buffer.from(result.value.zipBase64!, 'base64'));
    const held = files.get('held-records.csv')!.trim().split('\r\n');
    expect(held).toHaveLength(2);
    expect(held[1]).toContain('Liste SMS');
    expect(JSON.parse(files.get('data.json')!).recordsHeldForABasis).toHaveLength(1);
    expect(files.get('report.html')).toContain('<td>Records held until a lawful basis is confirmed</td><td>1</td>');
  });
});
