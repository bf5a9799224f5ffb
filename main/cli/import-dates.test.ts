import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { ADMIN, ok, openBackend, tempDir } from '../test-support/temp-vault';

// A French till export as it comes: `;`, day-first local date-times, decimal commas.
const TILL = [
  'no_carte;prénom;nom;date_achat;montant;magasin',
  'C-1;Marie;Dubois;28/07/2012 13:25;12,50;Lyon',
  'C-2;Paul;Martin;02/08/2012 9:05;1 234,00;Lyon',
  'C-1;Marie;Dubois;03/01/2013 18:40;8;Paris',
].join('\n');

async function eventsOf(dir: string, query: string) {
  const backend = openBackend(dir);
  await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
  const [hit] = (await ok(backend, 'profiles.search', { query })).hits;
  return (await ok(backend, 'profiles.get', { id: hit!.id })).events;
}

describe('custodia import without a mapping', () => {
  it('detects the till’s date-time format and decimal comma, and imports every row', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'caisse.csv');
    fs.writeFileSync(file, TILL);
    const run = await cli(['import', file, '--source', 'Caisse', '--country', 'FR', '--json'], asAdmin(dir));
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ read: 3, rejected: 0, suggestedMapping: { dateFormat: 'DD/MM/YYYY HH:MM', decimal: ',', defaultCountry: 'FR' } });
    expect(summary.suggestedMapping.columns).toEqual(
      expect.arrayContaining([
        { column: 'date_achat', field: 'event.at' },
        { column: 'montant', field: 'event.amount' },
      ]),
    );

    const events = await eventsOf(dir, 'dubois');
    expect(events.map((event) => event.amount).sort()).toEqual([12.5, 8]);
  });

  // Needs main/ingest/mapping/apply.ts to pass `timeZone: mappingTimeZone(mapping)` to parseDate (the
  // lead's rewrite): until then local times are read as UTC. Flip to `it` once it does.
  it('stores the till’s Paris local times in UTC, summer and winter', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'caisse.csv');
    fs.writeFileSync(file, TILL);
    expect((await cli(['import', file, '--source', 'Caisse', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
    const times = (await eventsOf(dir, 'dubois')).map((event) => event.at).sort();
    expect(times).toEqual(['2012-07-28T11:25:00.000Z', '2013-01-03T17:40:00.000Z']);
  });
});
