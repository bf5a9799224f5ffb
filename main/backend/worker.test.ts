import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../test-support/temp-vault';
import { runJob } from './run-job';
import { WorkerBackend } from './worker-client';
import { bombRows, customerRows, sheetXml, workbookParts, writeZip } from '../ingest/formats/test-workbook';

describe('backend worker thread', () => {
  it('owns the vault and relays calls, job progress and results', async () => {
    const backend = new WorkerBackend(path.join(tempDir(), 'vault'));
    try {
      expect(await backend.call('vault.status')).toMatchObject({ ok: true, value: { state: 'no-vault' } });
      expect(await backend.call('vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase })).toMatchObject({ ok: true });
      const progress: number[] = [];
      const report = await runJob(backend, 'audit.verify', {}, (event) => progress.push(event.done));
      expect(report).toMatchObject({ ok: true, value: { intact: true, entries: 2 } });
      expect(progress.at(-1)).toBe(2);
    } finally {
      await backend.close();
    }
  });
});

describe('backend worker thread and untrusted workbooks', () => {
  it('answers a preview of a ZIP bomb or of a sheet padded to XFD1048576 with FILE_TOO_LARGE, and keeps serving', async () => {
    const dir = tempDir();
    const bomb = path.join(dir, 'bomb.xlsx');
    const sparse = path.join(dir, 'sparse.xlsx');
    const normal = path.join(dir, 'clients.xlsx');
    await writeZip(bomb, workbookParts(sheetXml(bombRows(600))));
    await writeZip(sparse, workbookParts(sheetXml(() => ['<row r="1"><c r="A1"><v>1</v></c></row>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])));
    await writeZip(normal, workbookParts(sheetXml(customerRows(3))));
    const backend = new WorkerBackend(path.join(dir, 'vault'));
    try {
      expect(await backend.call('vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase })).toMatchObject({ ok: true });
      expect(await backend.call('import.preview', { file: bomb })).toMatchObject({
        ok: false,
        error: { code: 'FILE_TOO_LARGE', params: { reason: 'xlsxPart' } },
      });
      expect(await backend.call('import.preview', { file: sparse })).toMatchObject({
        ok: false,
        error: { code: 'FILE_TOO_LARGE', params: { reason: 'xlsxCells' } },
      });
      expect(await backend.call('import.preview', { file: normal })).toMatchObject({ ok: true, value: { format: 'xlsx', headers: ['name', 'email'] } });
      expect(await backend.call('vault.status')).toMatchObject({ ok: true });
    } finally {
      await backend.close();
    }
  }, 60_000);
});
