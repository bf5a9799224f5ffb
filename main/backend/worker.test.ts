import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../test-support/temp-vault';
import { runJob } from './run-job';
import { WorkerBackend } from './worker-client';

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
