/** A connector's sync goes through the same record writer as a file import: the suppression list holds there too. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addConnector, sync } from '../ingest/connectors/test-helpers';
import { createVault, tempDir } from '../test-support/temp-vault';
import { digestsOfRecords } from './index';
import { listErasure } from './test-erasure';

const HEADER = 'no_client;prénom;nom;téléphone;ville';

function drop(folder: string, name: string, rows: readonly string[]): void {
  const file = path.join(folder, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  const then = new Date(Date.now() - 60_000);
  fs.utimesSync(file, then, then);
}

describe('the suppression list at a connector sync', () => {
  it('keeps an erased person out by her name and phone under a new customer number, and lets the household’s other member in', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const db = backend.vaults.current().db;
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder });
    // One phone for the household.
    drop(folder, 'clients-a.csv', ['1;Hélène;Tremblay;514 555 0101;Montréal']);
    expect((await sync(backend, 'Dépôt')).runs.map((run) => run.inserted)).toEqual([1]);
    const helene = db.raw.prepare(`SELECT id FROM source_record WHERE external_id = '1'`).get() as { id: number };
    const profile = db.raw.prepare('SELECT profile_id AS id FROM profile_member WHERE source_record_id = ?').get(helene.id) as { id: number };
    const phones = db.raw.prepare(`SELECT value FROM identifier WHERE kind = 'phone'`).all();
    expect(phones).toEqual([{ value: '+15145550101' }]);
    db.transaction(() => {
      const digests = digestsOfRecords(db, [helene.id]);
      expect(digests.map((digest) => digest.kind).sort()).toEqual(['name_phone', 'record']);
      listErasure(db, profile.id, digests);
    });

    drop(folder, 'clients-b.csv', ['7;Helene;TREMBLAY;+1 514-555-0101;Laval', '8;Jean;Tremblay;514 555 0101;Montréal']);
    const [run] = (await sync(backend, 'Dépôt')).runs;
    expect(run).toMatchObject({ status: 'completed', read: 2, inserted: 1, suppressed: 1 });
    expect(db.raw.prepare(`SELECT external_id AS key FROM source_record ORDER BY id`).all()).toEqual([{ key: '1' }, { key: '8' }]);
    expect(db.raw.prepare(`SELECT count(*) AS n FROM source_record WHERE raw LIKE '%Laval%'`).get()).toEqual({ n: 0 });
  });
});
