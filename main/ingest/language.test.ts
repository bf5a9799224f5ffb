/** A person's preferred language: suggested from the header, normalized to ISO 639-1, flagged when unreadable, and no change to older records. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { applyMapping } from './mapping/apply';
import { Mapping } from './mapping/fields';
import { identityHash } from './write-items';

const now = new Date('2026-06-01T00:00:00Z');

const mapping = Mapping.parse({
  version: 1,
  recordKey: 'id',
  dateFormat: 'YYYY-MM-DD',
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry: 'CA',
  columns: [
    { column: 'id', field: 'sourceRecordId' },
    { column: 'prenom', field: 'givenName' },
    { column: 'nom', field: 'familyName' },
    { column: 'courriel', field: 'email' },
    { column: 'tel', field: 'phone' },
    { column: 'ville', field: 'city' },
    { column: 'pays', field: 'country' },
    { column: 'naissance', field: 'birthDate' },
  ],
});
const withLanguage = Mapping.parse({ ...mapping, columns: [...mapping.columns, { column: 'langue', field: 'language' }] });

const helene = {
  id: 'C-1',
  prenom: 'Hélène',
  nom: 'Tremblay',
  courriel: 'helene@exemple.ca',
  tel: '514 555 0199',
  ville: 'Montréal',
  pays: 'Canada',
  naissance: '1980-12-25',
};

function mapped(values: Record<string, unknown>, with_: Mapping = withLanguage) {
  const result = applyMapping({ line: 2, values }, with_, { now });
  if (!result.ok || result.kind !== 'record') throw new Error('not a record');
  return result;
}

describe('the language field', () => {
  it('normalizes the cell, flags one it cannot read and keeps the record with the raw value', () => {
    expect(mapped({ ...helene, langue: 'fr-CA' }).record.identity.language).toEqual({ value: 'fr', raw: 'fr-CA' });
    expect(mapped({ ...helene, langue: 'anglais' }).record.identity.language).toEqual({ value: 'en', raw: 'anglais' });
    expect(mapped({ ...helene, langue: '' }).record.identity.language).toBeUndefined();
    const bad = mapped({ ...helene, langue: 'Klingon' });
    expect(bad.record.identity.language).toBeUndefined();
    expect(bad.record.identity.givenName).toEqual({ value: 'Hélène', raw: 'Hélène' });
    expect(bad.flags).toEqual([
      { field: 'language', column: 'langue', reason: 'langue: unknown language', detail: { code: 'language', params: { column: 'langue' } }, raw: 'Klingon' },
    ]);
  });

  it('leaves the identity digest of a record without a language as it was before the field existed', () => {
    // Computed by the writer before migration 030: a vault's stored hashes must still match after it.
    const before = 'S4y0DEN0lOJLz+QWnmae/oEDKSSVaOhk8pzZ37dKY40=';
    expect(identityHash(mapped(helene, mapping).record)).toBe(before);
    // A mapping with a language column and a blank cell is no language either.
    expect(identityHash(mapped({ ...helene, langue: ' ' }).record)).toBe(before);
    // A language stated is part of the identity: a changed one is a change.
    const french = identityHash(mapped({ ...helene, langue: 'fr' }).record);
    expect(french).not.toBe(before);
    expect(identityHash(mapped({ ...helene, langue: 'en' }).record)).not.toBe(french);
  });

  it('is suggested from the header, stored on the record, and only records that gain one change on a re-import', async () => {
    const { backend } = await createVault({ now: () => now });
    const dir = tempDir();
    const file = (name: string, lines: string[]) => {
      const target = path.join(dir, name);
      fs.writeFileSync(target, lines.join('\n'));
      return target;
    };
    const plain = file('clients.csv', [
      'no_client,prénom,nom,courriel',
      '1,Hélène,Tremblay,helene@exemple.ca',
      '2,John,Smith,john@example.com',
      '3,Ewa,Nowak,ewa@example.pl',
    ]);
    const first = unwrap(await runJob(backend, 'import.file', { file: plain, source: 'Boutique' }));
    expect(first).toMatchObject({ inserted: 3, unchanged: 0 });

    const lines = [
      'no_client,prénom,nom,courriel,langue_préférée',
      '1,Hélène,Tremblay,helene@exemple.ca,Français',
      '2,John,Smith,john@example.com,',
      '3,Ewa,Nowak,ewa@example.pl,polski',
      '4,Kim,Lee,kim@example.com,Klingon',
    ];
    const preview = await ok(backend, 'import.preview', { file: file('clients-langue.csv', lines) });
    expect(preview.mapping.columns).toContainEqual({ column: 'langue_préférée', field: 'language' });
    const second = unwrap(await runJob(backend, 'import.file', { file: path.join(dir, 'clients-langue.csv'), source: 'Boutique', mapping: preview.mapping }));
    // John's blank language leaves him as he was; Kim is new, her language flagged and kept as sent.
    expect(second).toMatchObject({ inserted: 1, updated: 2, unchanged: 1, flagged: 1, rejected: 0 });
    const db = backend.vaults.current().db.raw;
    expect(db.prepare('SELECT external_id AS id, language FROM source_record ORDER BY external_id').all()).toEqual([
      { id: '1', language: 'fr' },
      { id: '2', language: null },
      { id: '3', language: 'pl' },
      { id: '4', language: null },
    ]);
    expect(db.prepare(`SELECT field, code, raw FROM record_flag`).all()).toEqual([{ field: 'language', code: 'language', raw: 'Klingon' }]);
    const helene = (await ok(backend, 'profiles.search', { query: 'helene' })).hits[0]!.id;
    expect((await ok(backend, 'profiles.get', { id: helene })).records[0]).toMatchObject({ language: 'fr' });
  });
});
