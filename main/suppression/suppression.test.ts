/** The suppression list through the real import path: an erased person stays out, their household does not. */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { importPeople, type TestPerson } from '../consent/test-people';
import { createVault, ok } from '../test-support/temp-vault';
import { digestsOfRecords, recordDigests, suppressionSecret, Suppressor } from './index';
import { listErasure } from './test-erasure';
import { searchDocuments } from '../test-support/search-index';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const clock = () => NOW;

const zoe: TestPerson = { id: 1, first: 'Zoé', last: 'Martin', email: 'famille.martin@exemple.fr' };
// Zoé's brother: the same family mailbox, another given name.
const marc: TestPerson = { id: 2, first: 'Marc', last: 'Martin', email: 'famille.martin@exemple.fr' };
const paul: TestPerson = { id: 3, first: 'Paul', last: 'Durand', email: 'paul@exemple.fr' };

function db(backend: Backend) {
  return backend.vaults.current().db;
}

function all<T>(backend: Backend, query: string, ...params: unknown[]): T[] {
  return db(backend)
    .raw.prepare(query)
    .all(...params) as T[];
}

const count = (backend: Backend, query: string, ...params: unknown[]) => all<{ n: number }>(backend, query, ...params)[0]?.n ?? 0;

/** Any stored trace of Zoé in what an import writes: records, identifiers, rejected rows, search. */
function tracesOfZoe(backend: Backend): number {
  return (
    count(backend, `SELECT count(*) AS n FROM source_record WHERE raw LIKE '%Zoé%' OR given_name = 'Zoé' OR full_name LIKE '%Zoé%'`) +
    count(backend, `SELECT count(*) AS n FROM import_reject WHERE raw LIKE '%Zoé%'`) +
    count(backend, `SELECT count(*) AS n FROM profile WHERE display_name LIKE '%Zoé%'`) +
    searchDocuments(backend.vaults.current().raw, 'zoe')
  );
}

function recordIdOf(backend: Backend, source: string, externalId: string): number {
  return all<{ id: number }>(
    backend,
    'SELECT r.id FROM source_record r JOIN source s ON s.id = r.source_id WHERE s.name = ? AND r.external_id = ?',
    source,
    externalId,
  )[0]!.id;
}

function profileOfRecord(backend: Backend, recordId: number): number {
  return all<{ profile_id: number }>(backend, 'SELECT profile_id FROM profile_member WHERE source_record_id = ?', recordId)[0]!.profile_id;
}

describe('the suppression list at import', () => {
  it('drops an erased person’s row before anything of it is written, and imports the household member with the same email', async () => {
    const { backend } = await createVault({ now: clock });
    // Someone erased earlier: an erasure row needs a profile, and Zoé was never in this vault.
    await importPeople(backend, 'Boutique', [paul]);
    const paulProfile = profileOfRecord(backend, recordIdOf(backend, 'Boutique', '3'));
    db(backend).transaction(() => {
      const secret = suppressionSecret(db(backend));
      // Another source's key: only her name with her email can recognise her here.
      const digests = recordDigests(secret, {
        sourceId: 999,
        externalId: '1',
        givenName: 'Zoé',
        familyName: 'Martin',
        fullName: null,
        emails: [zoe.email],
        phones: [],
      });
      listErasure(db(backend), paulProfile, digests);
    });

    // Her name written the other way round and without its accent is still her.
    const run = await importPeople(backend, 'Newsletter', [zoe, marc, { ...zoe, id: 7, first: 'Martin', last: 'Zoe' }]);
    expect(run).toMatchObject({ read: 3, inserted: 1, rejected: 0, suppressed: 2 });
    expect(count(backend, 'SELECT suppressed AS n FROM import_run WHERE id = ?', run.id)).toBe(2);
    expect(tracesOfZoe(backend)).toBe(0);
    expect(count(backend, `SELECT count(*) AS n FROM source_record WHERE given_name IN ('Martin', 'Zoe')`)).toBe(0);
    expect(count(backend, `SELECT count(*) AS n FROM source_record WHERE external_id IN ('1', '7')`)).toBe(0);
    expect(count(backend, 'SELECT count(*) AS n FROM import_reject')).toBe(0);
    // Marc is in, with the family mailbox.
    expect(count(backend, `SELECT count(*) AS n FROM identifier WHERE kind = 'email' AND value = ?`, zoe.email)).toBe(1);
    expect((await ok(backend, 'profiles.search', { query: 'marc' })).hits).toHaveLength(1);
    expect((await ok(backend, 'import.runs', {})).find((entry) => entry.id === run.id)).toMatchObject({ suppressed: 2 });
    const completed = all<{ details: string }>(backend, `SELECT details FROM audit_log WHERE action = 'import.completed' ORDER BY seq DESC LIMIT 1`)[0]!;
    expect(JSON.parse(completed.details)).toMatchObject({ suppressed: 2 });
  });

  it('recognises a record erased from this source by its key, whatever else changed, and whether the row changed or not', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [zoe, marc]);
    const zoeRecord = recordIdOf(backend, 'Boutique', '1');
    // As the erasure engine does: digests from the stored rows before anything is removed.
    const digests = db(backend).transaction(() => {
      const computed = digestsOfRecords(db(backend), [zoeRecord]);
      listErasure(db(backend), profileOfRecord(backend, zoeRecord), computed);
      return computed;
    });
    expect(digests.map((digest) => digest.kind).sort()).toEqual(['name_email', 'record']);
    const before = all<{ content_hash: string }>(backend, 'SELECT content_hash FROM source_record WHERE id = ?', zoeRecord)[0]!.content_hash;

    // The same file again: her row is recognised unchanged, by its key alone.
    const again = await importPeople(backend, 'Boutique', [zoe, marc]);
    expect(again).toMatchObject({ read: 2, unchanged: 1, updated: 0, suppressed: 1 });
    // Renamed, with another email: the customer number still says who it is; the stored record is not written to.
    const renamed = await importPeople(backend, 'Boutique', [{ ...zoe, first: 'Zoë', last: 'Lefèvre', email: 'zoe.lefevre@exemple.fr' }, marc]);
    expect(renamed).toMatchObject({ updated: 0, inserted: 0, suppressed: 1 });
    expect(all<{ content_hash: string }>(backend, 'SELECT content_hash FROM source_record WHERE id = ?', zoeRecord)[0]!.content_hash).toBe(before);
    expect(count(backend, `SELECT count(*) AS n FROM source_record WHERE raw LIKE '%Lefèvre%'`)).toBe(0);
    expect(count(backend, `SELECT count(*) AS n FROM identifier WHERE value = 'zoe.lefevre@exemple.fr'`)).toBe(0);
  });

  it('costs nothing while the list is empty: no secret is made, nothing is counted', async () => {
    const { backend } = await createVault({ now: clock });
    const run = await importPeople(backend, 'Boutique', [zoe, marc]);
    expect(run).toMatchObject({ inserted: 2, suppressed: 0 });
    expect(count(backend, `SELECT count(*) AS n FROM setting WHERE key = 'suppression_secret'`)).toBe(0);
    expect(new Suppressor(db(backend)).active).toBe(false);
    expect(await ok(backend, 'suppression.list', {})).toEqual({ total: 0, erasures: [] });
  });

  it('lists counts per erasure, never the digests, to auditors too', async () => {
    const { backend } = await createVault({ now: clock });
    await importPeople(backend, 'Boutique', [zoe, paul]);
    db(backend).transaction(() => {
      const zoeRecord = recordIdOf(backend, 'Boutique', '1');
      listErasure(db(backend), profileOfRecord(backend, zoeRecord), digestsOfRecords(db(backend), [zoeRecord]), '2026-05-01T00:00:00.000Z');
      const paulRecord = recordIdOf(backend, 'Boutique', '3');
      listErasure(db(backend), profileOfRecord(backend, paulRecord), digestsOfRecords(db(backend), [paulRecord]), '2026-05-02T00:00:00.000Z');
    });
    const list = await ok(backend, 'suppression.list', {});
    expect(list).toEqual({
      total: 4,
      erasures: [
        { erasureId: 2, erasedAt: '2026-05-02T00:00:00.000Z', record: 1, nameEmail: 1, namePhone: 0, total: 2 },
        { erasureId: 1, erasedAt: '2026-05-01T00:00:00.000Z', record: 1, nameEmail: 1, namePhone: 0, total: 2 },
      ],
    });
    expect(JSON.stringify(list)).not.toMatch(/[0-9a-f]{64}/);
  });
});
