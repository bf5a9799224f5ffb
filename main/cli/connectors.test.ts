import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPostgres, type TestPostgres } from '../ingest/connectors/test-servers';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { tempDir } from '../test-support/temp-vault';

const PASSWORD = 'cli-Pg-Secret-9';
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres(PASSWORD);
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: server.user, password: PASSWORD, database: 'postgres' });
  await client.connect();
  await client.query(`
    CREATE TABLE clients (no_client integer PRIMARY KEY, prenom text, nom text, courriel text, ville text, modifie_le timestamptz NOT NULL DEFAULT now());
    INSERT INTO clients (no_client, prenom, nom, courriel, ville) VALUES
      (1, 'Hélène', 'Tremblay', 'helene@exemple.ca', 'Montréal'),
      (2, 'Łukasz', 'Wiśniewski', 'lukasz@wp.pl', 'Łódź'),
      (3, 'Zoë', 'Côté', 'zoe@exemple.ca', 'Québec');
  `);
  await client.end();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function configFile(extra: Record<string, unknown> = {}): string {
  const file = path.join(tempDir(), 'connector.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      host: '127.0.0.1',
      port: server.port,
      database: 'postgres',
      user: 'postgres',
      password: PASSWORD,
      table: 'clients',
      idColumn: 'no_client',
      cursorColumn: 'modifie_le',
      ...extra,
    }),
  );
  return file;
}

describe('custodia connectors and sync', () => {
  it('adds, lists (password masked), tests and syncs a PostgreSQL connector; sync --all exits 1 when one fails', async () => {
    const dir = await initVault();
    const added = await cli(
      [
        'connectors',
        'add',
        'CRM',
        '--kind',
        'postgres',
        '--config',
        configFile(),
        '--schedule',
        '30',
        '--country',
        'CA',
        '--basis',
        'contract',
        '--purpose',
        'customer relationship',
      ],
      asAdmin(dir),
    );
    expect(added).toMatchObject({ code: 0, stdout: 'Added the postgres connector CRM, synced every 30 min while the app is open.\n' });
    expect(added.stderr).toMatch(/no longer needed and can be deleted/);

    const listed = await cli(['connectors', 'list'], asAdmin(dir));
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME +KIND +SCHEDULE +STATE +LAST RUN +WHERE\nCRM +postgres +30 min +ok +- +127\.0\.0\.1:\d+\/postgres\n$/);
    const json = await cli(['connectors', 'list', '--json'], asAdmin(dir));
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ name: 'CRM', config: expect.objectContaining({ password: '••••', user: 'postgres' }) }),
    ]);
    expect(json.stdout + listed.stdout).not.toContain(PASSWORD);

    const tested = await cli(['connectors', 'test', 'CRM'], asAdmin(dir));
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^Connected: read 3 rows\.\nColumns: no_client, prenom, nom, courriel, ville, modifie_le\nMapping \(suggested/);

    const synced = await cli(['sync', 'CRM'], asAdmin(dir));
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(
      /^CRM \(postgres\): completed\n {2}Run #1 \(CRM, sync\): completed\n {4}read 3, inserted 3, updated 0, unchanged 0, rejected 0, flagged 0, anonymous 0, held 0\n$/,
    );
    expect((await cli(['profiles', 'search', 'lodz'], asAdmin(dir))).stdout).toMatch(/Łukasz Wiśniewski/);

    const downFile = configFile({ port: await freePort() });
    expect((await cli(['connectors', 'add', 'Ancien CRM', '--kind', 'postgres', '--config', downFile], asAdmin(dir))).code).toBe(0);
    const all = await cli(['sync', '--all'], asAdmin(dir));
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(
      /^Ancien CRM \(postgres\): failed: Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: the connection was refused \(is the server running\?\)\.\n/m,
    );
    expect(all.stdout).toMatch(/Failure 1 in a row; the app retries after \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(all.stdout).toMatch(/^CRM \(postgres\): completed\n {2}Run #\d+ \(CRM, sync\): completed\n {4}read 0,/m);
    const allJson = JSON.parse((await cli(['sync', '--all', '--json'], asAdmin(dir))).stdout);
    expect(allJson.outcomes.map((outcome: { name: string; status: string }) => [outcome.name, outcome.status])).toEqual([
      ['Ancien CRM', 'failed'],
      ['CRM', 'completed'],
    ]);
    // Only what is due: CRM synced a moment ago (every 30 min) and Ancien CRM waits out its retry delay.
    expect(await cli(['sync', '--all', '--due'], asAdmin(dir))).toMatchObject({ code: 0, stdout: 'Nothing to sync.\n' });

    expect((await cli(['connectors', 'update', 'Ancien CRM', '--disable'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['sync', '--all'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['connectors', 'remove', 'Ancien CRM'], asAdmin(dir))).stdout).toMatch(/its source, runs and records stay/);
    expect(JSON.parse((await cli(['connectors', 'list', '--json'], asAdmin(dir))).stdout)).toHaveLength(1);
  });

  it('takes the settings from standard input, so the password never sits in a file', async () => {
    const dir = await initVault();
    const settings = fs.readFileSync(configFile(), 'utf8');
    const piped = { stdin: Object.assign(Readable.from([settings]), { isTTY: false }) };
    const added = await cli(['connectors', 'add', 'CRM', '--kind', 'postgres', '--config', '-'], asAdmin(dir), piped);
    expect(added).toMatchObject({ code: 0, stdout: 'Added the postgres connector CRM.\n' });
    expect(added.stderr).not.toMatch(/can be deleted/);
    expect((await cli(['sync', 'CRM'], asAdmin(dir))).stdout).toMatch(/read 3, inserted 3/);
    const notJson = { stdin: Object.assign(Readable.from(['host=db']), { isTTY: false }) };
    expect(await cli(['connectors', 'update', 'CRM', '--config', '-'], asAdmin(dir), notJson)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/the configuration in standard input is not JSON/),
    });
  });

  it('explains what it needs', async () => {
    const dir = await initVault();
    expect(await cli(['sync'], asAdmin(dir))).toMatchObject({ code: 2, stderr: expect.stringMatching(/give a connector name or --all/) });
    expect((await cli(['connectors', 'add', 'X', '--kind', 'ftp', '--config', 'x.json'], asAdmin(dir))).code).toBe(2);
    const missingConfig = await cli(['connectors', 'add', 'X', '--kind', 'postgres', '--config', path.join(tempDir(), 'none.json')], asAdmin(dir));
    expect(missingConfig).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read the configuration file/) });
    const invalid = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(invalid, JSON.stringify({ host: 'db', database: 'crm', user: 'u', idColumn: 'id' }));
    const refused = await cli(['connectors', 'add', 'X', '--kind', 'postgres', '--config', invalid], asAdmin(dir));
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/give either a table or a query.*\(INVALID_INPUT\)/) });
    expect(await cli(['sync', 'Nobody'], asAdmin(dir))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/there is no connector named Nobody \(NOT_FOUND\)/),
    });
  });
});
