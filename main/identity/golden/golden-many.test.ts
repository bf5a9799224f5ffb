/** goldenValuesOfMany gives each profile the values goldenRecord gives, whatever the rules. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../../backend/run-job';
import { sql } from '../../store/sql';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import { GOLDEN_FIELDS } from './contract';
import { goldenValuesOfMany } from './golden-many';
import { goldenRecord } from './golden-record';

const HEADER = 'id,first_name,last_name,email,phone,phone_2,birth_date,street,city,postal_code,language';
const SOURCES = {
  CRM: [
    'C1,Jean,Tremblay,jean.tremblay@exemple.ca,514 555 0100,,1970-01-02,10 rue Principale,Laval,H7A 1B2,fr',
    'C2,Zoé,Martin,zoe@exemple.fr,,,,,Paris,,Français',
  ],
  'Web shop': [
    'W1,Jean-Pierre,Tremblay,JP.Tremblay@Exemple.ca,(514) 555-0111,,1970-01-02,"22 avenue du Parc, app. 4",Montréal,H2X 1Y4,French',
    'W2,Léa,Roy,,,,,,,,',
  ],
  Till: [
    'T1,Jean-Pierre,Tremblay,jp.tremblay@exemple.ca,5145550199,12,,5 rue Saint-Denis,Montréal,H2X 2Z2,en-CA',
    'T2,Marc,Côté,marc@exemple.ca,514 555 0123,514 555 0124,,,,,',
  ],
} as const;

describe('goldenValuesOfMany', () => {
  it('gives the values goldenRecord gives, for merged and single-record people, under default and chosen rules', async () => {
    const { backend } = await createVault();
    const folder = tempDir();
    for (const [source, lines] of Object.entries(SOURCES)) {
      const file = path.join(folder, `${source}.csv`);
      fs.writeFileSync(file, `${HEADER}\n${lines.join('\n')}\n`);
      unwrap(await runJob(backend, 'import.file', { file, source }));
    }
    const db = backend.vaults.current().db;
    const jean = db.all<{ id: number }>(
      sql`SELECT m.profile_id AS id FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE r.family_name = 'Tremblay' ORDER BY r.id`,
    );
    await ok(backend, 'identity.merge', { profileA: jean[1]!.id, profileB: jean[0]!.id });
    await ok(backend, 'identity.merge', { profileA: jean[0]!.id, profileB: jean[2]!.id });
    const ids = db.all<{ id: number }>(sql`SELECT id FROM profile WHERE status = 'active' ORDER BY id`).map((row) => row.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const compare = () => {
      const many = new Map(goldenValuesOfMany(db, ids, GOLDEN_FIELDS));
      expect([...many.keys()]).toEqual(ids);
      for (const id of ids) expect(many.get(id)).toEqual(goldenRecord(db, id).map((entry) => entry.value));
      return many;
    };
    const before = compare();
    expect(before.get(jean[0]!.id)?.[GOLDEN_FIELDS.indexOf('givenName')]).toBe('Jean-Pierre');
    // A language is the one stated last (the till's, imported last); Léa's records state none.
    const language = GOLDEN_FIELDS.indexOf('language');
    expect(before.get(jean[0]!.id)?.[language]).toBe('en');
    expect(ids.map((id) => before.get(id)?.[language]).sort()).toEqual(['en', 'fr', null, null]);
    const { sources } = await ok(backend, 'identity.survivorship');
    const crm = sources.find((source) => source.name === 'CRM')!.id;
    await ok(backend, 'identity.saveSurvivorship', {
      rules: {
        givenName: { rule: 'sourcePriority', sources: [crm] },
        street: { rule: 'longest', sources: [] },
        phone: { rule: 'mostRecent', sources: [] },
        email: { rule: 'mostFrequent', sources: [] },
        language: { rule: 'mostFrequent', sources: [] },
      },
    });
    const after = compare();
    expect(after.get(jean[0]!.id)?.[GOLDEN_FIELDS.indexOf('givenName')]).toBe('Jean');
    // Two of Jean's three records say French (`fr`, `French`): the most frequent.
    expect(after.get(jean[0]!.id)?.[language]).toBe('fr');
    // Asked for a few fields, in any order, the same values; an unknown profile has none.
    const some = new Map(goldenValuesOfMany(db, [...ids, 999_999], ['phone', 'city']));
    for (const id of ids) expect(some.get(id)).toEqual([after.get(id)![GOLDEN_FIELDS.indexOf('phone')], after.get(id)![GOLDEN_FIELDS.indexOf('city')]]);
    expect(some.get(999_999)).toEqual([null, null]);
  });
});
