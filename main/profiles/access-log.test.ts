import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { asAuditor, cli } from '../test-support/cli';
import { ADMIN, AUDITOR, createVault, ok, tempDir } from '../test-support/temp-vault';

describe('access to people is logged', () => {
  it('records who opened which person and that a search ran, with ids and counts only', async () => {
    const { backend, dir } = await createVault();
    const file = path.join(tempDir(), 'clients.csv');
    fs.writeFileSync(file, 'id,first_name,last_name,email\n1,Hélène,Tremblay,helene@exemple.ca\n2,Zoé,Gagnon,zoe@exemple.ca\n');
    unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }));
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });

    const { hits } = await ok(backend, 'profiles.search', { query: 'helene tremblay' });
    const person = await ok(backend, 'profiles.get', { id: hits[0]!.id });
    await ok(backend, 'profiles.get', { id: hits[0]!.id });

    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    const views = await ok(backend, 'audit.list', { filter: { action: 'profile.viewed', objectType: 'profile', objectId: String(person.id) } });
    expect(views.total).toBe(2);
    expect(views.entries[0]).toMatchObject({ actorName: ADMIN.name, objectType: 'profile', objectId: String(person.id), details: { records: 1 } });
    const searches = await ok(backend, 'audit.list', { filter: { action: 'profiles.searched' } });
    expect(searches.entries.map((entry) => entry.details)).toEqual([{ results: 1 }]);
    // Never the text looked for, nor anything read about the person.
    const everything = JSON.stringify((await ok(backend, 'audit.list', { limit: 1000 })).entries);
    for (const personal of ['helene', 'Hélène', 'Tremblay', 'exemple.ca']) expect(everything).not.toContain(personal);
    // Another person's entries are not "about" this one.
    const other = await ok(backend, 'audit.list', { filter: { objectType: 'profile', objectId: String(hits[0]!.id + 1) } });
    expect(other.total).toBe(0);

    // The same question from the command line.
    await backend.close();
    const listed = await cli(['audit', 'list', '--action', 'profile.viewed', '--profile', String(person.id), '--json'], asAuditor(dir));
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      total: 2,
      entries: [expect.objectContaining({ actorName: ADMIN.name }), expect.objectContaining({ actorName: ADMIN.name })],
    });
    expect((await cli(['audit', 'list', '--profile', 'x'], asAuditor(dir))).code).toBe(2);
    // And what one user looked at, by the user's name.
    const looked = await cli(['audit', 'list', '--actor', ADMIN.name.toUpperCase(), '--action', 'profile.viewed', '--json'], asAuditor(dir));
    expect(JSON.parse(looked.stdout)).toMatchObject({ total: 2, entries: [expect.objectContaining({ objectId: String(person.id) }), expect.anything()] });
    expect(JSON.parse((await cli(['audit', 'list', '--actor', AUDITOR.name, '--action', 'profile.viewed', '--json'], asAuditor(dir))).stdout).total).toBe(0);
    expect((await cli(['audit', 'list', '--actor', 'Nobody'], asAuditor(dir))).code).toBe(1);
  });
});
