import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { ADMIN, AUDITOR, STEWARD, createVault, ok, tempDir } from '../test-support/temp-vault';

async function vaultWithImport() {
  const { backend } = await createVault();
  const file = path.join(tempDir(), 'clients.csv');
  fs.writeFileSync(file, 'id,first_name,last_name,email\n1,Hélène,Tremblay,helene@exemple.ca\n');
  const run = unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }));
  const auditor = await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
  await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
  const { hits } = await ok(backend, 'profiles.search', { query: 'tremblay' });
  await ok(backend, 'profiles.get', { id: hits[0]!.id });
  return { backend, run, auditor, profileId: hits[0]!.id };
}

describe('audit names', () => {
  it('names users, sources and runs for the reader of the trail, and never a person', async () => {
    const { backend, run, auditor, profileId } = await vaultWithImport();
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    const { entries } = await ok(backend, 'audit.list', { limit: 1000 });
    const completed = entries.find((entry) => entry.action === 'import.completed')!;
    expect(completed).toMatchObject({ objectType: 'import_run', objectId: String(run.id) });
    const sourceId = completed.details['sourceId'] as number;

    const names = await ok(backend, 'audit.names', { users: [1, auditor.id, 999], sources: [sourceId], runs: [run.id] });
    expect(names).toEqual({
      users: { 1: ADMIN.name, [auditor.id]: AUDITOR.name },
      sources: { [sourceId]: 'CRM' },
      runs: { [run.id]: { sourceId, sourceName: 'CRM' } },
      connectors: {},
    });
    // A profile id is not a request the resolver takes: the person stays "Person N".
    expect(await backend.call('audit.names', { profiles: [profileId] })).toMatchObject({ ok: true, value: { users: {}, sources: {} } });
    const everything = JSON.stringify(await ok(backend, 'audit.names', { users: [1, 2, 3], sources: [sourceId], runs: [run.id] }));
    for (const personal of ['Hélène', 'Tremblay', 'exemple.ca']) expect(everything).not.toContain(personal);
  });

  it('is for the readers of the trail only', async () => {
    const { backend } = await vaultWithImport();
    await ok(backend, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    expect(await backend.call('audit.names', { users: [1] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('states the filter in a filtered export and in its entry', async () => {
    const { backend } = await vaultWithImport();
    const outDir = tempDir();
    const exported = unwrap(await runJob(backend, 'audit.export', { outDir, filter: { action: 'profile.viewed', actorId: 1 } }));
    expect(exported.entries).toBe(1);
    const text = fs.readFileSync(exported.files[0]!, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^# custodia-audit-export\/1; head #\d+; filter: actorId=1; action=profile\.viewed$/);
    const csv = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, comments: '#' });
    expect(csv.data.map((row) => row.action)).toEqual(['profile.viewed']);
    expect(JSON.parse(fs.readFileSync(exported.files[1]!, 'utf8')).filter).toEqual({ action: 'profile.viewed', actorId: 1 });
    const [entry] = (await ok(backend, 'audit.list', { filter: { action: 'audit.exported' } })).entries;
    expect(entry!.details).toMatchObject({ entries: 1, filterAction: 'profile.viewed', filterActorId: 1 });
  });
});
