import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { createVault, ok, tempDir } from '../test-support/temp-vault';

describe('the profiles export', () => {
  it('writes one line per source record with its source, its key there and its profile, audited, no personal data', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'crm.csv');
    fs.writeFileSync(file, 'id,first_name,email\nC-1,Ana,ana@exemple.ca\n=2+3,Bo,bo@exemple.ca\n');
    unwrap(await runJob(backend, 'import.file', { file, source: 'CRM' }));
    const out = path.join(tempDir(), 'profiles.csv');
    expect(await ok(backend, 'profiles.export', { outFile: out })).toEqual({ file: out, rows: 2 });
    const rows = Papa.parse<string[]>(fs.readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
    const ids = (await ok(backend, 'profiles.list', {})).profiles.map((profile) => profile.id);
    expect(rows[0]).toEqual(['source', 'source_record_id', 'profile_id']);
    expect(rows.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['CRM', 'C-1'],
      ['CRM', "'=2+3"],
    ]);
    expect(
      rows
        .slice(1)
        .map((row) => Number(row[2]))
        .sort(),
    ).toEqual(ids.sort());
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/Ana|ana@/);
    const [entry] = (await ok(backend, 'audit.list', { filter: { action: 'profiles.exported' } })).entries;
    expect(entry).toMatchObject({ details: { rows: 2 } });
    expect(await backend.call('profiles.export', { outFile: out })).toMatchObject({ ok: false });
  });

  it('is a command that refuses a path inside the vault before opening it', async () => {
    const dir = await initVault();
    const out = path.join(tempDir(), 'membership.csv');
    const written = await cli(['profiles', 'export', '--out', out], asAdmin(dir));
    expect(written.stdout).toMatch(/Wrote 0 source records with their profile/);
    expect(fs.readFileSync(out, 'utf8').trim()).toBe('source,source_record_id,profile_id');
    expect((await cli(['profiles', 'export', '--out', path.join(dir, 'x.csv')], asAdmin(dir))).code).not.toBe(0);
  });
});
