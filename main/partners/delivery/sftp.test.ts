import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { startStallingProxy } from '../../ingest/connectors/test-servers';
import { newKeyPair, startSshd, type TestSshd } from '../../test-support/sshd';
import { tempDir } from '../../test-support/temp-vault';
import type { SftpTarget } from '../contract';
import { uploadBySftp } from './sftp';

let sshd: TestSshd;
const bytes = Buffer.from('profileId,givenName\n1,Hélène\n2,Łukasz\n', 'utf8');

beforeAll(async () => {
  sshd = await startSshd();
}, 30_000);

afterAll(async () => {
  await sshd?.stop();
});

/** The extract on this computer (temp folders are removed after each test). */
function extract(): string {
  const file = path.join(tempDir(), 'extract.csv');
  fs.writeFileSync(file, bytes);
  return file;
}

function target(folder: string, hostKey = sshd.hostKeyFingerprint): SftpTarget {
  fs.mkdirSync(path.join(sshd.dir, folder), { recursive: true });
  return { host: '127.0.0.1', port: sshd.port, username: sshd.username, path: path.join(sshd.dir, folder), hostKey };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('uploadBySftp', () => {
  it('puts the exact bytes under the final name and leaves no temporary file', async () => {
    const to = target('ok');
    await uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: extract(), fileName: 'partner-2026-12-07.csv' });
    expect(fs.readdirSync(to.path)).toEqual(['partner-2026-12-07.csv']);
    expect(fs.readFileSync(path.join(to.path, 'partner-2026-12-07.csv')).equals(bytes)).toBe(true);
  });

  it('accepts the pin written with its base64 padding', async () => {
    const to = target('padded', `${sshd.hostKeyFingerprint}=`);
    await uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: extract(), fileName: 'padded.csv' });
    expect(fs.readdirSync(to.path)).toEqual(['padded.csv']);
  });

  it('refuses a server whose host key is not the pinned one, before anything is written', async () => {
    const other = newKeyPair().fingerprint;
    const to = target('mismatch', other);
    const error = await failure(uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: extract(), fileName: 'x.csv' }));
    expect(error.code).toBe('CONNECTOR_FAILED');
    expect(error.params).toMatchObject({ reason: 'hostKeyMismatch', presented: sshd.hostKeyFingerprint, pinned: other });
    expect(fs.readdirSync(to.path)).toEqual([]);
  });

  it('says the login was refused for a key the server does not know', async () => {
    const to = target('badkey');
    const error = await failure(uploadBySftp({ target: to, credential: { privateKey: newKeyPair().privateKey }, localFile: extract(), fileName: 'x.csv' }));
    expect(error.params).toMatchObject({ reason: 'sftpLoginRefused', user: sshd.username });
    expect(fs.readdirSync(to.path)).toEqual([]);
  });

  it('says the login was refused for a password the server does not accept', async () => {
    const error = await failure(
      uploadBySftp({ target: target('badpassword'), credential: { password: 'not-the-password' }, localFile: extract(), fileName: 'x.csv' }),
    );
    expect(error.params).toMatchObject({ reason: 'sftpLoginRefused' });
  });

  it("reports the server's own message when the folder does not exist, and leaves nothing behind", async () => {
    const to = { ...target('missing-parent'), path: path.join(sshd.dir, 'missing-parent', 'no-such-folder') };
    const error = await failure(uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: extract(), fileName: 'x.csv' }));
    expect(error.params).toMatchObject({ reason: 'sftpFailed' });
    expect(String(error.params?.detail)).toMatch(/No such file/i);
    expect(fs.readdirSync(path.join(sshd.dir, 'missing-parent'))).toEqual([]);
  });

  it('does not overwrite a file of the same name already on the server, and removes its temporary file', async () => {
    const to = target('exists');
    fs.writeFileSync(path.join(to.path, 'same.csv'), 'the partner’s own file');
    const error = await failure(uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: extract(), fileName: 'same.csv' }));
    expect(error.params).toMatchObject({ reason: 'sftpFailed' });
    expect(fs.readdirSync(to.path)).toEqual(['same.csv']);
    expect(fs.readFileSync(path.join(to.path, 'same.csv'), 'utf8')).toBe('the partner’s own file');
  });

  describe('against a server that stops answering halfway through the file', () => {
    // Handshake and login travel in small packets; the file's data in packets of tens of kilobytes.
    const big = (): string => {
      const file = path.join(tempDir(), 'big.csv');
      fs.writeFileSync(file, Buffer.alloc(512 * 1024, 'a'));
      return file;
    };

    it('gives up once it has been silent for the stall delay', async () => {
      const proxy = await startStallingProxy(sshd.port, (chunk) => chunk.length > 8_000);
      try {
        const to = { ...target('stalled'), port: proxy.port };
        const started = Date.now();
        const error = await failure(
          uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: big(), fileName: 'x.csv', stallMs: 3_000 }),
        );
        expect(proxy.stalled).toBe(1);
        expect(error.params).toMatchObject({ reason: 'sftpFailed' });
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(fs.readdirSync(to.path).filter((name) => !name.endsWith('.part'))).toEqual([]);
      } finally {
        await proxy.close();
      }
    });

    it('stops at once when the job is cancelled', async () => {
      const proxy = await startStallingProxy(sshd.port, (chunk) => chunk.length > 8_000);
      try {
        const to = { ...target('cancelled'), port: proxy.port };
        const controller = new AbortController();
        const upload = uploadBySftp({
          target: to,
          credential: { privateKey: sshd.clientPrivateKey },
          localFile: big(),
          fileName: 'x.csv',
          signal: controller.signal,
        });
        await expect.poll(() => proxy.stalled, { timeout: 10_000 }).toBe(1);
        const started = Date.now();
        controller.abort();
        const error = await failure(upload);
        expect(error.code).toBe('CANCELLED');
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(fs.readdirSync(to.path).filter((name) => !name.endsWith('.part'))).toEqual([]);
        const cancelledBefore = await failure(
          uploadBySftp({ target: to, credential: { privateKey: sshd.clientPrivateKey }, localFile: big(), fileName: 'y.csv', signal: controller.signal }),
        );
        expect(cancelledBefore.code).toBe('CANCELLED');
      } finally {
        await proxy.close();
      }
    });
  });
});
