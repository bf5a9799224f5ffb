import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { consentPurposeTexts, unmatchedPurposeTexts } from '../ingest/contract';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { profileOf } from './test-people';

const NOW = new Date('2026-06-01T12:00:00.000Z');

const PEOPLE = [
  {
    customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' },
    consents: [{ purpose: 'Club Fidélité', granted: 'yes', date: '2025-01-01' }],
  },
  {
    customer: { id: 2, first_name: 'Bo', last_name: 'Berg', email: 'bo@exemple.fr' },
    consents: [{ purpose: 'Horoscope', granted: 'yes', date: '2025-01-02' }],
  },
];

async function importWith(backend: Backend, aliases?: Record<string, string>) {
  const file = path.join(tempDir(), 'boutique.json');
  fs.writeFileSync(file, JSON.stringify(PEOPLE));
  const preview = await ok(backend, 'import.preview', { file });
  const mapping = { ...preview.mapping, defaultCountry: 'FR', ...(aliases === undefined ? {} : { purposeAliases: aliases }) };
  return { preview, reply: await runJob(backend, 'import.file', { file, source: 'Boutique', options: {}, mapping }) };
}

function rows<T>(backend: Backend, query: string): T[] {
  return backend.vaults.current().db.raw.prepare(query).all() as T[];
}

describe('a source’s purpose texts matched to the catalog in the mapping', () => {
  it('lists the texts the catalog lacks from the preview, as the mapping step shows them', async () => {
    const { backend } = await createVault({ now: () => NOW });
    const file = path.join(tempDir(), 'boutique.json');
    fs.writeFileSync(file, JSON.stringify(PEOPLE));
    const preview = await ok(backend, 'import.preview', { file });
    const texts = consentPurposeTexts(preview.mapping, preview.rows);
    expect(texts).toEqual(['Club Fidélité', 'Horoscope']);
    const catalog = await ok(backend, 'purposes.list');
    expect(unmatchedPurposeTexts([...texts, 'newsletter', 'Email marketing'], catalog, undefined)).toEqual(['Club Fidélité', 'Horoscope']);
    // Mapped by the steward, compared folded.
    expect(unmatchedPurposeTexts(texts, catalog, { 'club fidelite': 'email_marketing' })).toEqual(['Horoscope']);
    // A flat consent column names its purpose in the mapping itself.
    expect(consentPurposeTexts({ columns: [{ column: 'optin_club', field: 'consent.granted', purpose: 'club' }] }, [])).toEqual(['club']);
  });

  it('records the consent for the catalog purpose the steward chose; an unmatched text still flags the consent, not the record', async () => {
    const { backend } = await createVault({ now: () => NOW });
    const { reply } = await importWith(backend, { 'Club Fidélité': 'email_marketing' });
    expect(unwrap(reply)).toMatchObject({ inserted: 2, rejected: 0, flagged: 1 });
    const zoe = await profileOf(backend, 'zoe');
    const shown = await ok(backend, 'consent.show', { profileId: zoe });
    expect(shown.purposes.find((entry) => entry.purpose === 'email_marketing')).toMatchObject({ state: 'granted', since: '2025-01-01' });
    expect(rows(backend, 'SELECT field, column_name AS columnName, code FROM record_flag')).toEqual([
      { field: 'consent.purpose', columnName: 'Horoscope', code: 'consentUnknownPurpose' },
    ]);
    // Saved with the source's mapping: the next sync or file uses it.
    expect((await ok(backend, 'sources.list'))[0]?.mapping?.purposeAliases).toEqual({ 'Club Fidélité': 'email_marketing' });
  });

  it('refuses a mapping whose alias names a purpose the catalog lacks', async () => {
    const { backend } = await createVault({ now: () => NOW });
    const { reply } = await importWith(backend, { Horoscope: 'astrology' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'unknownPurpose', purpose: 'astrology' } } });
  });
});
