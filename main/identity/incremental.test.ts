import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../backend/run-job';
import { createVault, ok, tempDir } from '../test-support/temp-vault';
import { testPeople, writeTestSources } from './test-people';

const STRICT = { matchThreshold: 5, reviewThreshold: -2 };

describe('incremental linking after each import', () => {
  it('links a later import to the people already resolved, as a full run would, without merging existing profiles', async () => {
    const { backend } = await createVault();
    const files = writeTestSources(tempDir());
    const db = () => backend.vaults.current().db.raw;
    unwrap(await runJob(backend, 'import.file', { file: files.crm, source: 'CRM' }));
    const { settings } = await ok(backend, 'identity.settings');
    await ok(backend, 'identity.saveSettings', { settings: { ...settings, ...STRICT } });
    // Before the first resolution an import links nothing and leaves nothing pending.
    expect(await ok(backend, 'identity.status')).toMatchObject({ pendingRecords: 0, lastRun: null });
    const full = unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(full).toMatchObject({ records: 65, profilesAfter: 65, moved: 0 });
    const keys = (db().prepare('SELECT count(DISTINCT source_record_id) AS n FROM identity_key').get() as { n: number }).n;
    expect(keys).toBe(65);

    unwrap(await runJob(backend, 'import.file', { file: files.shop, source: 'Web shop' }));
    // The shop's 20 returning customers joined their CRM profiles during the import job; the 2 name-only ones wait for review.
    expect((await ok(backend, 'profiles.count')).profiles).toBe(67);
    const status = await ok(backend, 'identity.status');
    expect(status).toMatchObject({ pendingRecords: 0, pendingPairs: 2, lastRun: { kind: 'incremental', records: 22, moved: 20, reviewPairs: 2 } });
    const crmOfShop = db()
      .prepare(
        `SELECT count(*) AS n FROM source_record r JOIN source s ON s.id = r.source_id JOIN profile_member m ON m.source_record_id = r.id
        WHERE s.name = 'Web shop' AND m.profile_id IN (SELECT m2.profile_id FROM profile_member m2 JOIN source_record r2 ON r2.id = m2.source_record_id JOIN source s2 ON s2.id = r2.source_id WHERE s2.name = 'CRM')`,
      )
      .get() as { n: number };
    expect(crmOfShop.n).toBe(20);
    const audit = await ok(backend, 'audit.list', { filter: { action: 'identity.linked' } });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]!.details).toMatchObject({ pending: 22, compared: 22, joined: 20, reviewPairs: 2 });
    expect(JSON.stringify(audit.entries)).not.toMatch(/Tremblay|exemple\.ca/i);

    // A full run agrees with what the incremental link did: nothing moves.
    expect(unwrap(await runJob(backend, 'identity.resolve', {}))).toMatchObject({ moved: 0, profilesAfter: 67 });
    // Nothing new: the job answers with an empty link.
    expect(unwrap(await runJob(backend, 'identity.link', {}))).toMatchObject({ pending: 0, joined: 0, runId: null });
  });

  it('re-links a changed record that is alone, and keeps a changed record of a merged profile where it is', async () => {
    const { backend } = await createVault();
    const files = writeTestSources(tempDir());
    unwrap(await runJob(backend, 'import.file', { file: files.crm, source: 'CRM' }));
    unwrap(await runJob(backend, 'import.file', { file: files.shop, source: 'Web shop' }));
    const { settings } = await ok(backend, 'identity.settings');
    await ok(backend, 'identity.saveSettings', { settings: { ...settings, ...STRICT } });
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const profileOf = (key: string): number =>
      (
        backend.vaults
          .current()
          .db.raw.prepare('SELECT m.profile_id AS id FROM profile_member m JOIN source_record r ON r.id = m.source_record_id WHERE r.external_id = ?')
          .get(key) as { id: number }
      ).id;
    const merged = profileOf('W900');
    expect(merged).toBe(profileOf('C1'));
    // The same file again: nothing changed, nothing to link.
    unwrap(await runJob(backend, 'import.file', { file: files.shop, source: 'Web shop' }));
    expect((await ok(backend, 'identity.status')).pendingRecords).toBe(0);

    // Now a name-only customer gives the shop an email and phone (the CRM's), and W900 a new phone.
    const person = testPeople()[50]!;
    const lines = fs.readFileSync(files.shop, 'utf8').trimEnd().split('\n');
    const changed = lines.map((line) => {
      const cells = line.split(',');
      if (cells[0] === `W${950 + person.id}`)
        return [cells[0], person.given, person.family, person.email, person.phone, person.birth, person.street, person.city, person.postal].join(',');
      if (cells[0] === 'W900') return [...cells.slice(0, 4), '4385550199', ...cells.slice(5)].join(',');
      return line;
    });
    const second = path.join(tempDir(), 'shop.csv');
    fs.writeFileSync(second, changed.join('\n') + '\n');
    expect(profileOf(`W${950 + person.id}`)).not.toBe(profileOf(`C${person.id}`));
    unwrap(await runJob(backend, 'import.file', { file: second, source: 'Web shop' }));
    expect(profileOf(`W${950 + person.id}`)).toBe(profileOf(`C${person.id}`));
    expect(profileOf('W900')).toBe(merged);
    // Its pair in the review queue is answered by the link; the other name-only customer still waits.
    expect(await ok(backend, 'identity.status')).toMatchObject({ pendingRecords: 0, pendingPairs: 1, lastRun: { kind: 'incremental', records: 1, moved: 1 } });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(66);

    // A record changed with no link after it (as when a link fails or is cancelled) is on the home screen until linked.
    const raw = backend.vaults.current().db.raw;
    const { linked_at: linkedAt } = raw.prepare('SELECT linked_at FROM identity_watermark').get() as { linked_at: string };
    raw.prepare('UPDATE source_record SET updated_at = ? WHERE external_id = ?').run(new Date(Date.parse(linkedAt) + 1).toISOString(), `W${950 + person.id}`);
    const attention = await ok(backend, 'overview.attention');
    expect(attention.filter((item) => item.kind === 'identityUnlinked').map((item) => item.count)).toEqual([1]);
    expect(unwrap(await runJob(backend, 'identity.link', {}))).toMatchObject({ pending: 1 });
    expect((await ok(backend, 'overview.attention')).some((item) => item.kind === 'identityUnlinked')).toBe(false);
  });
});
