/** An extract delivered by SFTP end to end: a real sshd, the agreement's pinned key, the register. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { importPeople } from '../../consent/test-people';
import { sql } from '../../store/sql';
import { startSshd, type TestSshd } from '../../test-support/sshd';
import { createVault, ok } from '../../test-support/temp-vault';

let sshd: TestSshd;
let backend: Backend;
let now: Date;
let inbox: string;

const people = [
  { id: 1, first: 'Zoé', last: 'Martin', email: 'zoe@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
  { id: 2, first: 'Marc', last: 'Tremblay', email: 'marc@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'yes', date: '2026-01-10' }] },
  { id: 3, first: 'Paul', last: 'Roy', email: 'paul@exemple.fr', consents: [{ purpose: 'email_marketing', granted: 'no', date: '2026-01-10' }] },
];

beforeAll(async () => {
  sshd = await startSshd();
}, 30_000);

afterAll(async () => {
  await sshd?.stop();
});

beforeEach(async () => {
  now = new Date('2026-06-29T14:00:00Z');
  ({ backend } = await createVault({ now: () => now, connectorTickMs: null }));
  backend.vaults.current().db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('time_zone', 'America/Toronto')`).run();
  await importPeople(backend, 'Newsletter', people);
  now = new Date('2026-06-30T14:00:00Z');
  inbox = fs.mkdtempSync(path.join(sshd.dir, 'inbox-'));
});

async function sftpAgreement(): Promise<number> {
  const partner = await ok(backend, 'partners.add', { name: 'Envoi Québec', role: 'processor', country: 'CA', subdivision: 'QC' });
  const signed = await ok(backend, 'agreements.add', {
    partnerId: partner.id,
    title: 'Infolettre',
    purposes: ['email_marketing'],
    basis: 'consent',
    fields: ['profileId', 'email', 'givenName'],
    validFrom: '2026-06-30',
    validTo: '2026-12-31',
    delivery: {
      kind: 'sftp',
      target: { host: '127.0.0.1', port: sshd.port, username: sshd.username, path: inbox, hostKey: sshd.hostKeyFingerprint },
      credential: { privateKey: sshd.clientPrivateKey },
    },
  });
  return signed.id;
}

const registerCount = (): number => backend.vaults.current().db.get<{ n: number }>(sql`SELECT count(*) AS n FROM extract`)!.n;

describe('an extract delivered by SFTP', () => {
  it('lands on the server under its final name, entered on the register as delivered by SFTP', async () => {
    const id = await sftpAgreement();
    const entry = unwrap(await runJob(backend, 'extracts.run', { agreementId: id }));
    expect(entry).toMatchObject({ agreementId: id, deliveredTo: 'sftp', people: 2, excluded: 1 });
    expect(fs.readdirSync(inbox)).toEqual([entry.fileName]);
    const text = fs.readFileSync(path.join(inbox, entry.fileName), 'utf8');
    expect(text).toContain('zoe@exemple.fr');
    expect(text).not.toContain('paul@exemple.fr');
    expect(fs.statSync(path.join(inbox, entry.fileName)).size).toBe(entry.bytes);
  });

  it('is refused when the server shows another host key than the pinned one, and leaves no register entry', async () => {
    const id = await sftpAgreement();
    const pinned = sshd.hostKeyFingerprint;
    await sshd.rotateHostKey();
    const reply = await runJob(backend, 'extracts.run', { agreementId: id });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error).toMatchObject({ code: 'CONNECTOR_FAILED', params: { reason: 'hostKeyMismatch', pinned, presented: sshd.hostKeyFingerprint } });
    expect(registerCount()).toBe(0);
    expect(fs.readdirSync(inbox)).toEqual([]);
    // Nothing was left behind on this computer either: the staged file is gone.
    expect(fs.readdirSync(backend.vaults.current().files.staging).filter((name) => name.includes('envoi'))).toEqual([]);
  });
});
