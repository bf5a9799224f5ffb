import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestsOfRecords } from '../suppression/index';
import { listErasure } from '../suppression/test-erasure';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { ADMIN, ok, openBackend, tempDir } from '../test-support/temp-vault';

const SHOP = JSON.stringify([
  { customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'famille.martin@exemple.fr' } },
  { customer: { id: 2, first_name: 'Marc', last_name: 'Martin', email: 'famille.martin@exemple.fr' } },
]);

/** Lists Zoé as the erasure engine would, through a backend of its own on the same vault. */
async function eraseZoe(dir: string): Promise<void> {
  const backend = openBackend(dir);
  await ok(backend, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
  const db = backend.vaults.current().db;
  const zoe = db.raw
    .prepare(`SELECT r.id, m.profile_id AS profileId FROM source_record r JOIN profile_member m ON m.source_record_id = r.id WHERE r.external_id = '1'`)
    .get() as {
    id: number;
    profileId: number;
  };
  db.transaction(() => listErasure(db, zoe.profileId, digestsOfRecords(db, [zoe.id])));
  backend.close();
}

describe('custodia suppression', () => {
  it('lists the entries per erasure, counts only, and an import says what it kept out', async () => {
    const dir = await initVault();
    const file = path.join(tempDir(), 'shop.json');
    fs.writeFileSync(file, SHOP);
    expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
    expect(await cli(['suppression', 'list'], asAdmin(dir))).toMatchObject({ code: 0, stdout: 'No one has been erased: the suppression list is empty.\n' });

    await eraseZoe(dir);
    const listed = await cli(['suppression', 'list', '--json'], asAdmin(dir));
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      total: 2,
      erasures: [{ erasureId: 1, erasedAt: '2026-06-01T12:00:00.000Z', record: 1, nameEmail: 1, namePhone: 0, total: 2 }],
    });
    expect(listed.stdout).not.toMatch(/[0-9a-f]{64}|Zoé|famille/);
    const table = await cli(['suppression', 'list'], asAdmin(dir));
    expect(table.stdout).toMatch(
      /^ERASURE +ERASED AT +RECORD KEYS +NAME\+EMAIL +NAME\+PHONE +ENTRIES\n1 +2026-06-01T12:00:00\.000Z +1 +1 +0 +2\n2 entries in all\.\n$/,
    );

    const again = await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/read 2, inserted 0, updated 0, unchanged 1, .*held 0, suppressed 1\n/);
    expect(again.stdout).toMatch(/Nothing changed: every row of this file was already in the vault or belonged to a person erased from it\./);
    expect(again.stdout).toMatch(/ 1 row belonged to a person erased from the vault: the suppression list kept it out, and nothing of it was stored\.\n/);
  });
});
