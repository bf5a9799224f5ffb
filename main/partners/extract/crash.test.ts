/** kill -9 while an extract is being written: no file at its destination, nothing on the register. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob, unwrap } from '../../backend/run-job';
import { sql } from '../../store/sql';
import { ADMIN, createVault, ok, openBackend, tempDir } from '../../test-support/temp-vault';
import { fillPeople } from './test-fill-people';

const child = path.join(import.meta.dirname, 'test-extract-child.ts');

/** Runs the extract in a child and kills it at the first sign of rows written but not all. */
function killWhileWriting(vaultDir: string, agreementId: number, outFile: string): Promise<{ killedAt: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, vaultDir, ADMIN.name, ADMIN.passphrase, String(agreementId), outFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killedAt = '';
    process_.stderr.on('data', (chunk) => (stderr += String(chunk)));
    process_.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const writing = stdout.split('\n').find((line) => {
        const [step, done, total] = line.split(' ');
        return step === 'write' && Number(done) > 0 && Number(done) < Number(total);
      });
      if (writing !== undefined && killedAt === '') {
        killedAt = writing;
        process_.kill('SIGKILL');
      }
    });
    process_.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ killedAt }) : reject(new Error(`the child ended: ${stdout} ${stderr}`))));
  });
}

describe('kill -9 during an extract', () => {
  it('leaves no file at the destination and no register entry', async () => {
    const { backend, dir } = await createVault({ now: () => new Date('2026-06-30T14:00:00Z') });
    fillPeople(backend.vaults.current().db.raw, 60_000);
    const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
    const agreement = await ok(backend, 'agreements.add', {
      partnerId: partner.id,
      title: 'Infolettre',
      purposes: ['email_marketing'],
      basis: 'consent',
      fields: ['profileId', 'email', 'givenName', 'familyName', 'city'],
      validFrom: '2026-06-30',
      validTo: '2099-12-31',
      delivery: { kind: 'folder', folder: tempDir() },
    });
    await backend.close();

    const out = path.join(tempDir(), 'extract.csv');
    const { killedAt } = await killWhileWriting(dir, agreement.id, out);
    expect(killedAt).toMatch(/^write \d+ 30000$/);
    expect(fs.existsSync(out)).toBe(false);

    const reopened = openBackend(dir);
    await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    const db = reopened.vaults.current().db;
    expect(db.get(sql`SELECT (SELECT count(*) FROM extract) AS extracts, (SELECT count(*) FROM disclosure) AS disclosures`)).toEqual({
      extracts: 0,
      disclosures: 0,
    });
    expect(unwrap(await runJob(reopened, 'audit.verify', {})).intact).toBe(true);
    // The vault is whole: the same extract, run again, completes and is registered once.
    const entry = unwrap(await runJob(reopened, 'extracts.run', { agreementId: agreement.id, outFile: out }));
    expect(entry.people).toBe(30_000);
    expect(fs.readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(30_001);
    await reopened.close();
  }, 120_000);
});
