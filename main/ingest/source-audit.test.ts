import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { addConnector, sync } from './connectors/test-helpers';

const HEADER = 'no_client;prénom;nom;courriel;téléphone';

async function savedEntries(backend: Backend) {
  return (await ok(backend, 'audit.list', { filter: { action: 'source.saved' } })).entries;
}

/** Written a minute ago, so a watched folder takes it at once. */
function drop(folder: string, name: string, rows: readonly string[]): void {
  const file = path.join(folder, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  const then = new Date(Date.now() - 60_000);
  fs.utimesSync(file, then, then);
}

describe('the audit entry of a source save', () => {
  it('says what an import changed in the declaration, before and after, as sources.save does', async () => {
    const { backend } = await createVault();
    const file = path.join(tempDir(), 'clients.csv');
    fs.writeFileSync(file, [HEADER, '1001;Hélène;Tremblay;helene@exemple.ca;514 555 0199'].join('\n'));
    const first = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' };
    unwrap(await runJob(backend, 'import.file', { file, source: 'Boutique', declaration: first }));
    expect((await savedEntries(backend))[0]?.details).toEqual({
      kind: 'file',
      created: true,
      changed: ['purposes', 'lawfulBasis', 'defaultCountry', 'mapping'],
      purposesBefore: null,
      purposesAfter: ['customer relationship=contract'],
      lawfulBasisBefore: null,
      lawfulBasisAfter: 'contract',
      defaultCountryBefore: null,
      defaultCountryAfter: 'CA',
      mappingChanged: true,
      mappingSuggested: true,
    });

    const declaration = { purposes: ['email marketing'], lawfulBasis: 'consent', defaultCountry: 'FR' };
    unwrap(await runJob(backend, 'import.file', { file, source: 'Boutique', declaration }));
    const [entry] = await savedEntries(backend);
    expect(entry?.details).toEqual({
      kind: 'file',
      created: false,
      changed: ['purposes', 'lawfulBasis', 'defaultCountry', 'mapping'],
      purposesBefore: ['customer relationship=contract'],
      purposesAfter: ['email marketing=consent'],
      lawfulBasisBefore: 'contract',
      lawfulBasisAfter: 'consent',
      defaultCountryBefore: 'CA',
      defaultCountryAfter: 'FR',
      mappingChanged: true,
      mappingSuggested: false,
    });
    // Neither rows nor the mapping's column names go into the trail.
    expect(JSON.stringify(entry)).not.toMatch(/Tremblay|helene|courriel|no_client/);
  });

  it('says what a connector update changed in the declaration, before and after', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Dépôt', 'folder', { path: tempDir() });
    expect((await savedEntries(backend))[0]?.details).toMatchObject({ kind: 'folder', created: true, changed: ['purposes', 'lawfulBasis', 'defaultCountry'] });

    await ok(backend, 'connectors.update', { name: 'Dépôt', purposes: ['legal records'], lawfulBasis: 'legal_obligation' });
    expect((await savedEntries(backend))[0]?.details).toEqual({
      kind: 'folder',
      created: false,
      changed: ['purposes', 'lawfulBasis'],
      purposesBefore: ['customer relationship=contract'],
      purposesAfter: ['legal records=legal_obligation'],
      lawfulBasisBefore: 'contract',
      lawfulBasisAfter: 'legal_obligation',
      defaultCountryBefore: 'CA',
      defaultCountryAfter: 'CA',
      mappingChanged: false,
      mappingSuggested: false,
    });
  });
});

describe('a connector’s declared country', () => {
  it('moves its saved mapping’s country when updated, so the next sync reads phone numbers in the new one', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder });
    drop(folder, 'clients-ca.csv', ['1;Hélène;Tremblay;helene@exemple.ca;514 555 0199']);
    expect((await sync(backend, 'Dépôt')).runs[0]).toMatchObject({ inserted: 1, rejected: 0 });
    const [suggested] = await ok(backend, 'sources.list');
    expect(suggested?.mapping?.defaultCountry).toBe('CA');
    expect((await savedEntries(backend))[0]?.details).toMatchObject({ changed: ['mapping'], mappingChanged: true, mappingSuggested: true });

    await ok(backend, 'connectors.update', { name: 'Dépôt', defaultCountry: 'FR' });
    expect((await ok(backend, 'sources.list'))[0]).toMatchObject({ defaultCountry: 'FR', mapping: { ...suggested!.mapping, defaultCountry: 'FR' } });
    expect((await savedEntries(backend))[0]?.details).toMatchObject({
      changed: ['defaultCountry', 'mapping'],
      defaultCountryBefore: 'CA',
      defaultCountryAfter: 'FR',
      mappingChanged: true,
      mappingSuggested: false,
    });

    // A French number written the French way: not a number in Canada.
    drop(folder, 'clients-fr.csv', ['2;Agnès;Martin;agnes@exemple.fr;01 23 45 67 89']);
    expect((await sync(backend, 'Dépôt')).runs[0]).toMatchObject({ fileName: 'clients-fr.csv', inserted: 1, rejected: 0 });
    const [hit] = (await ok(backend, 'profiles.search', { query: 'agnes martin' })).hits;
    const profile = await ok(backend, 'profiles.get', { id: hit!.id });
    expect(profile.records.flatMap((record) => record.phones.map((phone) => phone.value))).toEqual(['+33123456789']);
  });
});
