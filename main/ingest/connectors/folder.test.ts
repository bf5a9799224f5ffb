import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as formats from '../formats';
import { hashFile } from '../formats';
import { createVault, ok, tempDir } from '../../test-support/temp-vault';
import { addConnector, profileCount, search, sync } from './test-helpers';

// The real hash, except where a test holds it back to cancel a sync while a file is being hashed.
vi.mock('../formats', async (importOriginal) => {
  const real = await importOriginal<typeof formats>();
  return { ...real, hashFile: vi.fn(real.hashFile) };
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
const HEADER = 'no_client;prénom;nom;courriel;ville';

function csv(rows: readonly string[]): string {
  return [HEADER, ...rows].join('\n');
}

/** Writes a file as if it had been dropped a minute ago (older than any settle delay). */
function drop(folder: string, name: string, content: string | Buffer, ageSeconds = 60): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  const then = new Date(Date.now() - ageSeconds * 1000);
  fs.utimesSync(file, then, then);
  return file;
}

const list = (folder: string): string[] => (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []);

describe('watched folder connector', () => {
  it('imports each file in its own run and moves it to processed/ or failed/', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder });
    drop(folder, 'clients-a.csv', csv(['1;Hélène;Tremblay;helene@exemple.ca;Montréal', '2;Łukasz;Wiśniewski;lukasz@wp.pl;Łódź']));
    drop(folder, 'clients-b.csv', csv(['3;François;Côté;francois@exemple.ca;Québec']));
    drop(folder, '.hidden.csv', csv(['9;Caché;Caché;cache@exemple.ca;Laval']));
    drop(folder, 'copying.csv.part', csv(['9;Partiel;Partiel;partiel@exemple.ca;Laval']));
    fs.mkdirSync(path.join(folder, 'archive'));
    drop(path.join(folder, 'archive'), 'old.csv', csv(['9;Vieux;Vieux;vieux@exemple.ca;Laval']));

    const first = await sync(backend, 'Dépôt');
    expect(first).toMatchObject({ status: 'completed', error: null, waitingFiles: 0 });
    expect(first.runs.map((run) => [run.fileName, run.status, run.inserted])).toEqual([
      ['clients-a.csv', 'completed', 2],
      ['clients-b.csv', 'completed', 1],
    ]);
    expect(list(folder)).toEqual(['.hidden.csv', 'archive', 'copying.csv.part', 'processed']);
    expect(list(path.join(folder, 'processed'))).toEqual(['clients-a.csv', 'clients-b.csv']);
    expect(await search(backend, 'lukasz lodz')).toEqual(['Łukasz Wiśniewski']);
    // The mapping suggested from the first file was saved with the source, for the steward to review.
    const [source] = await ok(backend, 'sources.list');
    expect(source).toMatchObject({ kind: 'folder', mapping: expect.objectContaining({ recordKey: 'no_client' }) });

    // A broken file fails its own run and goes to failed/; a good one dropped with it still imports; a
    // name already in processed/ gets the time added.
    drop(folder, 'photo.csv', PNG);
    drop(folder, 'clients-a.csv', csv(['1;Hélène;Tremblay;helene.t@exemple.ca;Montréal']));
    const second = await sync(backend, 'Dépôt');
    expect(second.status).toBe('failed');
    expect(second.error).toMatch(/^1 file of 2 failed \(see failed\/\): photo\.csv: /);
    expect(second.runs.map((run) => [run.fileName, run.status])).toEqual(
      expect.arrayContaining([
        ['photo.csv', 'failed'],
        ['clients-a.csv', 'completed'],
      ]),
    );
    expect(second.runs.find((run) => run.fileName === 'photo.csv')).toMatchObject({
      error: expect.stringMatching(/\S/),
      errorDetail: { code: 'FILE_UNSUPPORTED', params: { detected: 'image' } },
    });
    // The connector's line names the files, so it can be said in French and still say which ones.
    const filesFailed = {
      code: 'CONNECTOR_FAILED',
      params: { kind: 'folder', reason: 'filesFailed', failed: 1, total: 2, files: 'photo.csv', folder: 'failed' },
    };
    expect(second.errorDetail).toEqual(filesFailed);
    expect((await ok(backend, 'connectors.list'))[0]).toMatchObject({ lastError: second.error, lastErrorDetail: filesFailed });
    expect(list(path.join(folder, 'failed'))).toEqual(['photo.csv']);
    const processed = list(path.join(folder, 'processed'));
    expect(processed).toHaveLength(3);
    expect(processed.filter((name) => /^clients-a-\d{8}T\d{6}Z\.csv$/.test(name))).toHaveLength(1);
    expect(await profileCount(backend)).toBe(3);
    expect(second.consecutiveFailures).toBe(1);
  });

  it('leaves a file that is still being written for the next sync, and reports a missing folder', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder, settleSeconds: 30 });
    drop(folder, 'fresh.csv', csv(['1;Zoë;Müller;zoe@exemple.ch;Zürich']), 0);
    expect(await sync(backend, 'Dépôt')).toMatchObject({ status: 'completed', runs: [], waitingFiles: 1 });
    expect(list(folder)).toEqual(['fresh.csv']);

    await addConnector(backend, 'Nulle part', 'folder', { path: path.join(folder, 'missing') });
    const missing = await sync(backend, 'Nulle part');
    expect(missing).toMatchObject({ status: 'failed', runs: [], consecutiveFailures: 1 });
    expect(missing.error).toBe(`The folder ${path.join(folder, 'missing')} does not exist.`);
    // No reason of its own: the interface shows the general sentence with this English line under it.
    expect(missing.errorDetail).toEqual({ code: 'CONNECTOR_FAILED', params: { kind: 'folder' } });
  });

  it('tests an emptied folder with the file it imported last, and a waiting file before that', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder });
    expect(await ok(backend, 'connectors.test', { name: 'Dépôt' })).toMatchObject({
      rows: [],
      note: expect.stringMatching(/^The folder is empty/),
      noteDetail: { code: 'folderEmpty', params: { path: folder } },
    });

    drop(folder, 'clients-a.csv', csv(['1;Hélène;Tremblay;helene@exemple.ca;Montréal']));
    await sync(backend, 'Dépôt');
    // Written long before the second file, but imported after it: the later import is the one shown.
    drop(folder, 'clients-b.csv', `no_client;prénom;nom;courriel;ville;téléphone\n2;Łukasz;Wiśniewski;lukasz@wp.pl;Łódź;+48 600 000 000`, 30);
    drop(folder, 'clients-c.csv', csv(['3;François;Côté;francois@exemple.ca;Québec']), 3_600);
    expect((await sync(backend, 'Dépôt')).runs.map((run) => run.fileName)).toEqual(['clients-c.csv', 'clients-b.csv']);
    drop(path.join(folder, 'processed'), '.notes.csv', csv(['9;Caché;Caché;cache@exemple.ca;Laval']), 0);
    drop(folder, 'copying.csv.part', csv(['9;Partiel;Partiel;partiel@exemple.ca;Laval']), 0);
    expect(list(folder)).toEqual(['copying.csv.part', 'processed']);

    const emptied = await ok(backend, 'connectors.test', { name: 'Dépôt' });
    expect(emptied.headers).toEqual(['no_client', 'prénom', 'nom', 'courriel', 'ville', 'téléphone']);
    expect(emptied.rows.map((row) => row.values['prénom'])).toEqual(['Łukasz']);
    expect(emptied).toMatchObject({ mappingFrom: 'source', problems: [] });
    expect(emptied.note).toBe('No file is waiting in the folder: these rows come from clients-b.csv, already imported (in processed/).');
    expect(emptied.noteDetail).toEqual({ code: 'fromProcessed', params: { file: 'clients-b.csv', folder: 'processed' } });

    // A file waiting to be imported comes first, even one still settling.
    drop(folder, 'clients-d.csv', csv(['4;Zoë;Müller;zoe@exemple.ch;Zürich']), 0);
    const waiting = await ok(backend, 'connectors.test', { name: 'Dépôt' });
    expect(waiting.rows.map((row) => row.values['prénom'])).toEqual(['Zoë']);
    expect(waiting.note).toBe('Read from clients-d.csv.');
    expect(waiting.noteDetail).toEqual({ code: 'readFrom', params: { file: 'clients-d.csv', others: 0 } });
  });

  it('stops a sync cancelled while a file is being hashed, leaving the file for the next sync', async () => {
    const { backend } = await createVault({ connectorTickMs: null });
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder });
    drop(folder, 'clients.csv', csv(['1;Hélène;Tremblay;helene@exemple.ca;Montréal']));
    const real = vi.mocked(hashFile).getMockImplementation()!;
    let hashing!: () => void;
    const started = new Promise<void>((resolve) => (hashing = resolve));
    // Held until the cancel arrives, then hashed for real: the hash sees the aborted signal and stops.
    vi.mocked(hashFile).mockImplementationOnce(async (file, signal) => {
      hashing();
      await new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        signal?.addEventListener('abort', () => resolve());
        setTimeout(resolve, 5_000);
      });
      return real(file, signal);
    });
    const job = await ok(backend, 'connectors.sync', { name: 'Dépôt' });
    await started;
    await ok(backend, 'jobs.cancel', job);
    await expect.poll(async () => (await ok(backend, 'jobs.get', job)).status).toBe('cancelled');
    expect(await ok(backend, 'import.runs', {})).toEqual([]);
    expect(list(folder)).toEqual(['clients.csv']);
    // Its lease was given back: the next sync takes the file.
    expect((await sync(backend, 'Dépôt')).runs.map((run) => [run.fileName, run.status])).toEqual([['clients.csv', 'completed']]);
  });

  it('never syncs a folder set to "On demand only": not when it is added, nor when a file arrives; its mapping is reviewed from the waiting file', async () => {
    const { backend } = await createVault({ connectorTickMs: 50 });
    const folder = tempDir();
    drop(folder, 'caisse.csv', csv(['1;Agnès;Gagnon;agnes@exemple.ca;Laval', '2;Jérôme;Lévesque;jerome@exemple.ca;Lévis']));
    const added = await addConnector(backend, 'Dépôt', 'folder', { path: folder, settleSeconds: 0 });
    expect(added.scheduleMinutes).toBeNull();
    expect(backend.scheduler.watchedFolders).toBe(0);
    // Ticks pass (every 50 ms here) and a second file arrives: nothing is read, nothing moves.
    drop(folder, 'caisse-2.csv', csv(['3;Noël;Bouchard;noel@exemple.ca;Gatineau']), 0);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await backend.scheduler.idle();
    expect(await ok(backend, 'import.runs', {})).toEqual([]);
    expect(list(folder)).toEqual(['caisse-2.csv', 'caisse.csv']);
    expect(await profileCount(backend)).toBe(0);

    // Review the mapping: the rows of a waiting file, and the mapping the first sync would save.
    const review = await ok(backend, 'connectors.test', { name: 'Dépôt' });
    expect(review.rows.length).toBeGreaterThan(0);
    expect(review.mappingFrom).toBe('suggested');
    expect(review.mapping.recordKey).toBe('no_client');
    const mapping = { ...review.mapping, columns: review.mapping.columns.filter((column) => column.column !== 'ville') };
    await ok(backend, 'connectors.update', { name: 'Dépôt', mapping });
    expect(await ok(backend, 'import.runs', {})).toEqual([]);

    // Synced when asked, with the reviewed mapping.
    expect((await sync(backend, 'Dépôt')).runs.map((run) => [run.fileName, run.inserted])).toEqual([
      ['caisse.csv', 2],
      ['caisse-2.csv', 1],
    ]);
    const [source] = await ok(backend, 'sources.list');
    expect(source!.mapping!.columns.map((column) => column.column)).not.toContain('ville');
  });

  it('while unlocked, watches the folder of a connector with a schedule and syncs a file once it has been completely written', async () => {
    const { backend } = await createVault();
    const folder = tempDir();
    drop(folder, 'waiting.csv', csv(['1;Agnès;Gagnon;agnes@exemple.ca;Laval']));
    await addConnector(backend, 'Dépôt', 'folder', { path: folder, settleSeconds: 0 }, { scheduleMinutes: 60 });
    expect(backend.scheduler.watchedFolders).toBe(1);
    // A file already there when watching starts is synced at once.
    await expect.poll(() => list(path.join(folder, 'processed')), { timeout: 10_000, interval: 100 }).toEqual(['waiting.csv']);

    // A file copied slowly: the watcher waits until it stops growing, so all three rows arrive together.
    const slow = path.join(folder, 'slow.csv');
    fs.writeFileSync(slow, `${HEADER}\n2;Jérôme;Lévesque;jerome@exemple.ca;Lévis\n`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    fs.appendFileSync(slow, '3;Noël;Bouchard;noel@exemple.ca;Gatineau\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    fs.appendFileSync(slow, '4;Zoë;Côté;zoe@exemple.ca;Québec\n');
    await expect.poll(() => list(path.join(folder, 'processed')), { timeout: 10_000, interval: 100 }).toEqual(['slow.csv', 'waiting.csv']);
    const runs = await ok(backend, 'import.runs', {});
    expect(runs.map((run) => [run.fileName, run.read, run.status])).toEqual([
      ['slow.csv', 3, 'completed'],
      ['waiting.csv', 1, 'completed'],
    ]);

    // Locking stops the watching; removing the connector too.
    await ok(backend, 'connectors.update', { name: 'Dépôt', enabled: false });
    expect(backend.scheduler.watchedFolders).toBe(0);
    await ok(backend, 'connectors.update', { name: 'Dépôt', enabled: true });
    expect(backend.scheduler.watchedFolders).toBe(1);
    await ok(backend, 'vault.lock');
    expect(backend.scheduler.watchedFolders).toBe(0);
  });

  it('syncs once more for a file that arrives while the folder is being synced', async () => {
    const { backend } = await createVault();
    const folder = tempDir();
    await addConnector(backend, 'Dépôt', 'folder', { path: folder, settleSeconds: 0 }, { scheduleMinutes: 60 });
    const real = vi.mocked(hashFile).getMockImplementation()!;
    let hashing!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (hashing = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // The first file's sync is held while it hashes: it has listed the folder, and then the second file comes.
    vi.mocked(hashFile).mockImplementationOnce(async (file, signal) => {
      hashing();
      await released;
      return real(file, signal);
    });
    drop(folder, 'first.csv', csv(['1;Agnès;Gagnon;agnes@exemple.ca;Laval']));
    await started;
    drop(folder, 'second.csv', csv(['2;Jérôme;Lévesque;jerome@exemple.ca;Lévis']));
    // The watcher announces a file once it has stopped growing for a second, then waits 300 ms for others.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    release();
    // No scheduled tick comes within this test (every 60 s): only the file's own trigger brings it in.
    await expect.poll(() => list(path.join(folder, 'processed')), { timeout: 10_000, interval: 100 }).toEqual(['first.csv', 'second.csv']);
    const runs = await ok(backend, 'import.runs', {});
    expect(runs.map((run) => [run.fileName, run.read, run.status])).toEqual([
      ['second.csv', 1, 'completed'],
      ['first.csv', 1, 'completed'],
    ]);
    expect(await profileCount(backend)).toBe(2);
  });
});
