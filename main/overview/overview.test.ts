import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { addConnector, sync } from '../ingest/connectors/test-helpers';
import { writeTestSources } from '../identity/test-people';
import { AUDITOR, createVault, ok, tempDir } from '../test-support/temp-vault';

async function importText(backend: Backend, source: string, text: string) {
  const file = path.join(tempDir(), `${source}.csv`);
  fs.writeFileSync(file, text);
  const preview = await ok(backend, 'import.preview', { file });
  const declaration = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'FR' };
  return unwrap(await runJob(backend, 'import.file', { file, source, mapping: { ...preview.mapping, defaultCountry: 'FR' }, declaration }));
}

// Rows with no customer number and nothing else identifying anyone: none can be a record.
const ALL_REJECTED = 'No client;Ville\n;Laval\n;Lyon';
const GOOD = 'No client;Prénom;Nom;Courriel;Téléphone\n1;Zoé;Martin;zoe@exemple.fr;06 12 34 56 78\n2;Hugo;Bernard;hugo@exemple.fr;12';

describe('what needs attention', () => {
  it('lists a 100 %-rejected run, a failed one, an undone one, a failing and an overdue connector, and flagged records', async () => {
    let clock = new Date('2026-03-10T09:00:00Z');
    const { backend } = await createVault({ connectorTickMs: null, now: () => clock });
    expect(await ok(backend, 'overview.attention')).toEqual([]);

    const rejected = await importText(backend, 'Salon', ALL_REJECTED);
    expect(rejected).toMatchObject({ read: 2, inserted: 0, rejected: 2 });
    const good = await importText(backend, 'Boutique', GOOD);
    expect(good).toMatchObject({ inserted: 2, flagged: 1 });
    const failed = await importText(backend, 'Caisse', 'No client;Nom\n5;Leroy');
    backend.vaults.current().db.raw.prepare(`UPDATE import_run SET status = 'failed', error = 'Disk full' WHERE id = ?`).run(failed.id);
    const undone = await importText(backend, 'Erreur', 'No client;Nom\n7;Dupont');
    unwrap(await runJob(backend, 'import.undo', { runId: undone.id }));

    await addConnector(backend, 'Nulle part', 'folder', { path: path.join(tempDir(), 'missing') });
    expect(await sync(backend, 'Nulle part')).toMatchObject({ status: 'failed' });
    await addConnector(backend, 'Dépôt', 'folder', { path: tempDir() }, { scheduleMinutes: 60 });
    // One period late is ordinary (the scheduler runs only while the vault is open); two are not.
    clock = new Date(clock.getTime() + 90 * 60_000);
    expect((await ok(backend, 'overview.attention')).some((item) => item.kind === 'connectorOverdue')).toBe(false);
    clock = new Date(clock.getTime() + 60 * 60_000);

    const items = await ok(backend, 'overview.attention');
    const byKind = (kind: string) =>
      items.filter((item) => item.kind === kind).map(({ kind: _, severity, count, name, target }) => ({ severity, count, name, target }));
    expect(byKind('runRejectedAll')).toEqual([{ severity: 'error', count: 2, name: 'Salon', target: { place: 'runs', runId: rejected.id } }]);
    expect(byKind('runFailed')).toEqual([{ severity: 'error', count: 0, name: 'Caisse', target: { place: 'runs', runId: failed.id } }]);
    expect(byKind('runUndone')).toEqual([{ severity: 'info', count: 1, name: 'Erreur', target: { place: 'runs', runId: undone.id } }]);
    expect(byKind('connectorFailing')).toEqual([
      { severity: 'error', count: 1, name: 'Nulle part', target: { place: 'connectors', sourceId: expect.any(Number) } },
    ]);
    expect(byKind('connectorOverdue')).toEqual([
      { severity: 'warning', count: 60, name: 'Dépôt', target: { place: 'connectors', sourceId: expect.any(Number) } },
    ]);
    expect(byKind('flaggedRecords')).toEqual([{ severity: 'warning', count: 1, name: 'Boutique', target: { place: 'quality', sourceId: good.sourceId } }]);
    // The most serious first.
    expect(items.map((item) => item.severity)).toEqual(['error', 'error', 'error', 'warning', 'warning', 'info']);

    // A later run that goes through puts the source right.
    await importText(backend, 'Salon', 'No client;Nom\n8;Durand');
    expect((await ok(backend, 'overview.attention')).some((item) => item.kind === 'runRejectedAll')).toBe(false);
    // An undone import leaves the home screen after a while.
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    expect((await ok(backend, 'overview.attention')).some((item) => item.kind === 'runUndone')).toBe(false);
  });

  it('shows auditors runs and connectors, never a way to flagged values, and counts for the charts', async () => {
    const { backend } = await createVault({ connectorTickMs: null, now: () => new Date('2026-03-10T09:00:00Z') });
    await importText(backend, 'Salon', ALL_REJECTED);
    await importText(backend, 'Boutique', GOOD);
    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect((await ok(backend, 'overview.attention')).map((item) => item.kind)).toEqual(['runRejectedAll']);

    const figures = await ok(backend, 'overview.figures');
    expect(figures.recordsPerSource.map(({ sourceName, records }) => [sourceName, records])).toEqual([
      ['Boutique', 2],
      ['Salon', 0],
    ]);
    expect(figures.importsPerMonth).toHaveLength(12);
    expect(figures.importsPerMonth[0]).toEqual({ month: '2025-04', runs: 0, rows: 0 });
    expect(figures.importsPerMonth[11]).toEqual({ month: '2026-03', runs: 2, rows: 4 });
    expect(figures.flagsByReason).toEqual([{ field: 'phone', code: 'phone', column: 'Téléphone', records: 1, flags: 1 }]);
  });

  it('lists the pairs waiting for review and contradicting decisions, which lead to Identities, never to auditors', async () => {
    const { backend } = await createVault();
    const files = writeTestSources(tempDir());
    unwrap(await runJob(backend, 'import.file', { file: files.crm, source: 'CRM' }));
    unwrap(await runJob(backend, 'import.file', { file: files.shop, source: 'Web shop' }));
    const { settings } = await ok(backend, 'identity.settings');
    await ok(backend, 'identity.saveSettings', { settings: { ...settings, matchThreshold: 5, reviewThreshold: -2 } });
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const identity = (await ok(backend, 'overview.attention')).filter((item) => item.kind.startsWith('identity'));
    expect(identity).toEqual([
      { kind: 'identityReview', severity: 'info', count: 2, sourceId: null, name: '', at: null, target: { place: 'identity', view: 'review' } },
    ]);

    // Two decisions that cannot both hold: a conflict, more serious than the queue.
    const [pair] = (await ok(backend, 'identity.review', {})).pairs;
    const profiles = (await ok(backend, 'profiles.list', { limit: 3 })).profiles;
    const other = (
      await ok(backend, 'profiles.get', { id: profiles.find((profile) => profile.id !== pair!.a.profileId && profile.id !== pair!.b.profileId)!.id })
    ).records[0]!;
    await ok(backend, 'identity.decide', { recordA: pair!.a.recordId, recordB: other.id, decision: 'same' });
    await ok(backend, 'identity.decide', { recordA: other.id, recordB: pair!.b.recordId, decision: 'same' });
    await ok(backend, 'identity.decide', { recordA: pair!.a.recordId, recordB: pair!.b.recordId, decision: 'different' });
    const kinds = (await ok(backend, 'overview.attention')).filter((item) => item.kind.startsWith('identity')).map((item) => [item.kind, item.count]);
    expect(kinds[0]).toEqual(['identityConflicts', 1]);
    const conflicts = await ok(backend, 'identity.conflicts');
    expect(conflicts.records.map((record) => record.recordId).sort((x, y) => x - y)).toEqual(conflicts.conflicts[0]!.records);

    await ok(backend, 'users.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await ok(backend, 'vault.lock');
    await ok(backend, 'vault.unlock', { userName: AUDITOR.name, passphrase: AUDITOR.passphrase });
    expect((await ok(backend, 'overview.attention')).some((item) => item.kind.startsWith('identity'))).toBe(false);
  });
});
