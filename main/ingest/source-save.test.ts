import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { ADMIN, AUDITOR, createVault, ok, STEWARD, tempDir } from '../test-support/temp-vault';
import { addConnector } from './connectors/test-helpers';
import type { Mapping } from './mapping/fields';

const CLIENTS = ['no_client;prénom;nom;courriel;téléphone', '1001;Hélène;Tremblay;helene@exemple.ca;514 555 0199'].join('\n');

async function vaultWithSource(): Promise<{ backend: Backend; file: string }> {
  const { backend } = await createVault();
  const file = path.join(tempDir(), 'clients.csv');
  fs.writeFileSync(file, CLIENTS);
  const declaration = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' };
  unwrap(await runJob(backend, 'import.file', { file, source: 'Boutique', declaration }));
  return { backend, file };
}

type User = { readonly name: string; readonly passphrase: string };

async function unlockAs(backend: Backend, user: User): Promise<void> {
  await ok(backend, 'vault.lock');
  await ok(backend, 'vault.unlock', { userName: user.name, passphrase: user.passphrase });
}

async function as(backend: Backend, user: User, role: 'steward' | 'auditor'): Promise<void> {
  await ok(backend, 'users.add', { name: user.name, role, passphrase: user.passphrase });
  await unlockAs(backend, user);
}

async function savedEntries(backend: Backend) {
  return (await ok(backend, 'audit.list', { filter: { action: 'source.saved' } })).entries;
}

describe('sources.save', () => {
  it('refuses a withdrawn country code (DD, YU, SU, UK, ZR) and takes current ones such as SS', async () => {
    const { backend } = await createVault();
    const declaration = { name: 'Newsletter', purposes: ['email marketing'], lawfulBasis: 'consent' };
    for (const defaultCountry of ['DD', 'YU', 'SU', 'UK', 'ZR']) {
      const reply = await backend.call('sources.save', { ...declaration, defaultCountry });
      expect(reply.ok ? 'accepted' : reply.error.code, defaultCountry).toBe('INVALID_INPUT');
    }
    expect(await ok(backend, 'sources.save', { ...declaration, defaultCountry: 'SS' })).toMatchObject({ defaultCountry: 'SS' });
  });

  it('edits the existing source, and audits the declaration before and after and whether the mapping changed', async () => {
    const { backend, file } = await vaultWithSource();
    const entries = (await savedEntries(backend)).length;
    await as(backend, STEWARD, 'steward');
    const [before] = await ok(backend, 'sources.list');
    const mapping: Mapping = { ...before!.mapping!, columns: before!.mapping!.columns.filter((column) => column.column !== 'courriel') };

    const saved = await ok(backend, 'sources.save', {
      name: 'boutique',
      purposes: [{ purpose: 'email marketing', basis: 'consent' }],
      lawfulBasis: 'consent',
      defaultCountry: 'CA',
      mapping,
    });

    expect(saved).toMatchObject({
      id: before!.id,
      name: 'Boutique',
      kind: 'file',
      purposes: [{ purpose: 'email marketing', basis: 'consent' }],
      lawfulBasis: 'consent',
    });
    expect(await ok(backend, 'sources.list')).toEqual([expect.objectContaining({ id: before!.id, lawfulBasis: 'consent', mapping })]);
    await unlockAs(backend, ADMIN);
    const audit = await savedEntries(backend);
    expect(audit).toHaveLength(entries + 1);
    expect(audit[0]).toMatchObject({
      objectType: 'source',
      objectId: String(before!.id),
      details: {
        kind: 'file',
        created: false,
        changed: ['purposes', 'lawfulBasis', 'mapping'],
        purposesBefore: ['customer relationship=contract'],
        purposesAfter: ['email marketing=consent'],
        lawfulBasisBefore: 'contract',
        lawfulBasisAfter: 'consent',
        defaultCountryBefore: 'CA',
        defaultCountryAfter: 'CA',
        mappingChanged: true,
      },
    });
    // Neither rows nor the mapping's column names go into the trail.
    expect(JSON.stringify(audit[0])).not.toMatch(/Tremblay|helene|courriel|no_client/);

    // The next file from the source is previewed, and imported, with the edited mapping.
    const preview = await ok(backend, 'import.preview', { file, source: 'Boutique' });
    expect(preview).toMatchObject({ mappingFrom: 'source', mapping });
    unwrap(await runJob(backend, 'import.file', { file, source: 'Boutique' }));
    expect((await ok(backend, 'sources.list'))[0]?.mapping).toEqual(mapping);
  });

  it('keeps the saved mapping when none is sent, and moves its country with the declared one', async () => {
    const { backend } = await vaultWithSource();
    const [before] = await ok(backend, 'sources.list');
    expect(before?.mapping?.defaultCountry).toBe('CA');
    // The catalog's customer relationship rests on contract alone until an administrator allows more.
    await ok(backend, 'purposes.update', { code: 'customer_relationship', bases: ['contract', 'legitimate_interests'] });

    await ok(backend, 'sources.save', { name: 'Boutique', purposes: before!.purposes, lawfulBasis: 'legitimate_interests', defaultCountry: 'CA' });
    const kept = await ok(backend, 'sources.list');
    expect(kept).toEqual([expect.objectContaining({ lawfulBasis: 'legitimate_interests', mapping: before!.mapping })]);
    expect((await savedEntries(backend))[0]?.details).toMatchObject({ changed: ['lawfulBasis'], mappingChanged: false });

    await ok(backend, 'sources.save', { name: 'Boutique', purposes: before!.purposes, lawfulBasis: 'legitimate_interests', defaultCountry: 'FR' });
    expect((await ok(backend, 'sources.list'))[0]).toMatchObject({ defaultCountry: 'FR', mapping: { ...before!.mapping, defaultCountry: 'FR' } });
    expect((await savedEntries(backend))[0]?.details).toMatchObject({
      changed: ['defaultCountry', 'mapping'],
      defaultCountryBefore: 'CA',
      mappingChanged: true,
    });

    // A mapping sent with another country still follows the source's: one source, one country.
    await ok(backend, 'sources.save', {
      name: 'Boutique',
      purposes: before!.purposes,
      lawfulBasis: 'contract',
      defaultCountry: 'PL',
      mapping: { ...before!.mapping!, defaultCountry: 'DE' },
    });
    expect((await ok(backend, 'sources.list'))[0]).toMatchObject({ defaultCountry: 'PL', mapping: { defaultCountry: 'PL' } });
  });

  it('keeps a connector’s source a connector’s, its declaration edited and read by the connector', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    await addConnector(backend, 'Dépôt', 'folder', { path: tempDir() });
    await ok(backend, 'sources.save', { name: 'Dépôt', purposes: ['legal records'], lawfulBasis: 'legal_obligation', defaultCountry: 'FR' });
    expect(await ok(backend, 'sources.list')).toEqual([expect.objectContaining({ name: 'Dépôt', kind: 'folder', lawfulBasis: 'legal_obligation' })]);
    expect(await ok(backend, 'connectors.list')).toEqual([
      expect.objectContaining({ name: 'Dépôt', purposes: [{ purpose: 'legal records', basis: 'legal_obligation' }], defaultCountry: 'FR' }),
    ]);
    expect((await savedEntries(backend))[0]?.details).toMatchObject({ kind: 'folder', created: false, mappingChanged: false });
  });

  it('is refused to auditors, who change nothing and leave no entry', async () => {
    const { backend } = await vaultWithSource();
    await as(backend, AUDITOR, 'auditor');
    const [before] = await ok(backend, 'sources.list');
    const entries = (await savedEntries(backend)).length;
    const result = await backend.call('sources.save', {
      name: 'Boutique',
      purposes: ['marketing'],
      lawfulBasis: 'consent',
      defaultCountry: null,
      mapping: null,
    });
    expect(result.ok || result.error.code).toBe('FORBIDDEN');
    expect(await ok(backend, 'sources.list')).toEqual([before]);
    expect(await savedEntries(backend)).toHaveLength(entries);
  });
});
