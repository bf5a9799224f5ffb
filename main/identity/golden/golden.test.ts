import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { ADMIN, STEWARD, createVault, ok, openBackend, tempDir } from '../../test-support/temp-vault';

const HEADER = 'id,first_name,last_name,email,phone,phone_2,birth_date,street,city,postal_code';
/**
 * One person in three sources: the CRM knows him as Jean, the web shop and the till as Jean-Pierre; the
 * till is the newest and also sent a phone it could not read (a flag on his phone there).
 */
const SOURCES = {
  CRM: 'C1,Jean,Tremblay,jean.tremblay@exemple.ca,514 555 0100,,1970-01-02,10 rue Principale,Laval,H7A 1B2',
  'Web shop': 'W1,Jean-Pierre,Tremblay,JP.Tremblay@Exemple.ca,(514) 555-0111,,1970-01-02,"22 avenue du Parc, app. 4",Montréal,H2X 1Y4',
  Till: 'T1,Jean-Pierre,Tremblay,jp.tremblay@exemple.ca,5145550199,12,,5 rue Saint-Denis,Montréal,H2X 2Z2',
} as const;

async function onePersonInThreeSources(): Promise<{ backend: Backend; dir: string; profiles: number[]; sources: Record<string, number> }> {
  const { backend, dir } = await createVault();
  const folder = tempDir();
  for (const [source, line] of Object.entries(SOURCES)) {
    const file = path.join(folder, `${source}.csv`);
    fs.writeFileSync(file, `${HEADER}\n${line}\n`);
    unwrap(await runJob(backend, 'import.file', { file, source }));
  }
  const { profiles } = await ok(backend, 'profiles.list', {});
  const { sources } = await ok(backend, 'identity.survivorship');
  return {
    backend,
    dir,
    profiles: profiles.map((profile) => profile.id).sort((a, b) => a - b),
    sources: Object.fromEntries(sources.map((source) => [source.name, source.id])),
  };
}

describe('the golden record', () => {
  it('chooses each field by its rule among the merged records, says where it came from, and names the person after it', async () => {
    const { backend, profiles, sources } = await onePersonInThreeSources();
    expect(profiles).toHaveLength(3);
    const [crm, shop, till] = profiles as [number, number, number];
    await ok(backend, 'identity.merge', { profileA: shop, profileB: crm });
    await ok(backend, 'identity.merge', { profileA: crm, profileB: till });

    const golden = await ok(backend, 'identity.golden', { profileId: till });
    expect(golden).toMatchObject({ profileId: crm, redirectedFrom: till, displayName: 'Jean-Pierre Tremblay' });
    const field = (name: string) => golden.fields.find((entry) => entry.field === name);
    // Two sources of three say Jean-Pierre; the till is the newer of the two.
    expect(field('givenName')).toMatchObject({ value: 'Jean-Pierre', source: 'Till', rule: 'mostFrequent', alternatives: 1, verified: true });
    expect(field('familyName')).toMatchObject({ value: 'Tremblay', alternatives: 0 });
    // The till's number is newest, but the till also sent one it could not read: the web shop's is the newest verified.
    expect(field('phone')).toMatchObject({ value: '+15145550111', source: 'Web shop', rule: 'verifiedFirst', verified: true, alternatives: 2 });
    expect(field('email')).toMatchObject({ value: 'jp.tremblay@exemple.ca', source: 'Till', rule: 'verifiedFirst', alternatives: 1 });
    expect(field('street')).toMatchObject({ value: '5 rue Saint-Denis', source: 'Till', rule: 'mostRecent', alternatives: 2 });
    expect(field('birthDate')).toMatchObject({ value: '1970-01-02', source: 'Web shop', alternatives: 0 });
    expect(field('country')).toMatchObject({ value: null, source: null, recordId: null, alternatives: 0 });
    const tillRecord = (await ok(backend, 'profiles.get', { id: crm })).records.find((record) => record.source === 'Till')!;
    expect(field('givenName')!.recordId).toBe(tillRecord.id);
    // The merges renamed the profile after its golden record, not after its first record (the CRM's Jean)…
    expect((await ok(backend, 'profiles.list', {})).profiles.map((profile) => profile.displayName)).toEqual(['Jean-Pierre Tremblay']);
    // …and so does a re-import that changes a record.
    const moved = path.join(tempDir(), 'till.csv');
    fs.writeFileSync(moved, `${HEADER}\n${SOURCES.Till.replace('5 rue Saint-Denis', '7 rue Saint-Denis')}\n`);
    expect(unwrap(await runJob(backend, 'import.file', { file: moved, source: 'Till' }))).toMatchObject({ updated: 1 });
    expect((await ok(backend, 'profiles.list', {})).profiles.map((profile) => profile.displayName)).toEqual(['Jean-Pierre Tremblay']);
    expect((await ok(backend, 'identity.golden', { profileId: crm })).fields.find((entry) => entry.field === 'street')).toMatchObject({
      value: '7 rue Saint-Denis',
      source: 'Till',
    });

    // The administrator trusts the CRM for names and cities: the list follows at once.
    const saved = await ok(backend, 'identity.saveSurvivorship', {
      rules: {
        givenName: { rule: 'sourcePriority', sources: [sources.CRM!] },
        city: { rule: 'sourcePriority', sources: [sources.CRM!, sources.Till!] },
        street: { rule: 'longest' },
      },
    });
    expect(saved).toMatchObject({ changed: ['givenName', 'street', 'city'], renamed: 1 });
    expect(saved.rules.givenName).toEqual({ rule: 'sourcePriority', sources: [sources.CRM] });
    expect(saved.rules.phone).toEqual({ rule: 'verifiedFirst', sources: [] });
    expect((await ok(backend, 'profiles.list', {})).profiles.map((profile) => profile.displayName)).toEqual(['Jean Tremblay']);
    const after = await ok(backend, 'identity.golden', { profileId: crm });
    expect(after.fields.find((entry) => entry.field === 'city')).toMatchObject({ value: 'Laval', source: 'CRM', rule: 'sourcePriority', alternatives: 1 });
    expect(after.fields.find((entry) => entry.field === 'street')).toMatchObject({ value: '22 avenue du Parc, app. 4', source: 'Web shop', rule: 'longest' });
    expect((await ok(backend, 'profiles.search', { query: 'Jean Tremblay' })).hits.map((hit) => hit.displayName)).toEqual(['Jean Tremblay']);

    // Saving the same again changes nothing; a default saved again is no choice any more (later defaults reach it).
    expect(await ok(backend, 'identity.saveSurvivorship', { rules: { givenName: { rule: 'sourcePriority', sources: [sources.CRM!] } } })).toMatchObject({
      changed: [],
      renamed: 0,
    });
    await ok(backend, 'identity.saveSurvivorship', { rules: { street: { rule: 'mostRecent', sources: [] } } });
    expect(backend.vaults.current().db.raw.prepare('SELECT field FROM golden_rule ORDER BY field').pluck().all()).toEqual(['city', 'givenName']);
    expect(await backend.call('identity.saveSurvivorship', { rules: { city: { rule: 'sourcePriority', sources: [999] } } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    const entries = (await ok(backend, 'audit.list', { filter: { action: 'identity.survivorship_changed' } })).entries;
    expect(entries).toHaveLength(3);
    expect(entries.map((entry) => entry.details)).toContainEqual({ changed: ['givenName', 'street', 'city'], renamed: 1 });
    expect(JSON.stringify(entries)).not.toMatch(/Jean|Tremblay|exemple|Laval/i);
  });

  it('lets a steward read the golden record and the rules, and only an administrator change them', async () => {
    const { backend, dir, profiles } = await onePersonInThreeSources();
    await ok(backend, 'users.add', { name: STEWARD.name, role: 'steward', passphrase: STEWARD.passphrase });
    await ok(backend, 'identity.saveSurvivorship', { rules: { familyName: { rule: 'longest' } } });
    await backend.close();

    const steward = openBackend(dir);
    await ok(steward, 'vault.unlock', { userName: STEWARD.name, passphrase: STEWARD.passphrase });
    expect((await ok(steward, 'identity.survivorship')).rules.familyName).toEqual({ rule: 'longest', sources: [] });
    expect((await ok(steward, 'identity.golden', { profileId: profiles[0]! })).fields.find((entry) => entry.field === 'givenName')).toMatchObject({
      value: 'Jean',
      source: 'CRM',
    });
    expect(await steward.call('identity.saveSurvivorship', { rules: { familyName: { rule: 'mostRecent' } } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await steward.call('identity.golden', { profileId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok(steward, 'vault.lock');
    await ok(steward, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect((await ok(steward, 'identity.survivorship')).rules.familyName.rule).toBe('longest');
  });
});
