import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../api/contract';
import { openBackend, tempDir, ADMIN } from '../test-support/temp-vault';
import { isLoopbackAddress, startBridge, type Bridge } from './server';
import { afterEach } from 'vitest';
import { vaultFiles } from '../vault/vault-files';

const bridges: Bridge[] = [];
afterEach(async () => {
  for (const bridge of bridges.splice(0)) await bridge.close();
});

async function bridgeWithVault(maxUploadBytes?: number): Promise<Bridge> {
  const renderer = tempDir();
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Custodia</title>');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'outside');
  const vault = path.join(tempDir(), 'vault');
  const bridge = await startBridge({ backend: openBackend(vault), rendererDir: renderer, uploadDir: vaultFiles(vault).staging, maxUploadBytes });
  bridges.push(bridge);
  return bridge;
}

function request(
  bridge: Bridge,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: unknown },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${bridge.origin}${options.path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

const call = (bridge: Bridge, method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(bridge, {
    path: '/api/call',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}`, ...headers },
    body: { method, input },
  });

describe('browser-mode bridge', () => {
  it('serves the API to a caller with the token', async () => {
    const bridge = await bridgeWithVault();
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
    const created = await call(bridge, 'vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { user: { role: 'administrator' } } });
    expect(JSON.parse((await call(bridge, 'vault.status', {}, { Origin: bridge.origin })).body).value.state).toBe('unlocked');
  });

  it('refuses requests without the token, with a wrong token, from another origin or host', async () => {
    const bridge = await bridgeWithVault();
    const body = { method: 'vault.status', input: {} };
    expect((await request(bridge, { path: '/api/call', method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status).toBe(401);
    expect((await call(bridge, 'vault.status', {}, { Authorization: `Bearer ${'x'.repeat(bridge.token.length)}` })).status).toBe(401);
    expect((await call(bridge, 'vault.status', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(bridge, 'vault.status', {}, { Origin: 'http://localhost:1' })).status).toBe(403);
    expect((await call(bridge, 'vault.status', {}, { Host: 'evil.example' })).status).toBe(421);
    expect((await call(bridge, 'vault.status', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await call(bridge, 'no.such.method', {})).status).toBe(400);
  });

  it('serves the interface with a strict CSP and nothing outside its folder', async () => {
    const bridge = await bridgeWithVault();
    const index = await request(bridge, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(bridge, { path: '/../secret.txt' })).status).toBe(404);
    expect((await request(bridge, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
  });

  it('streams backend events to the page', async () => {
    const bridge = await bridgeWithVault();
    await call(bridge, 'vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase });
    const received: BackendEvent[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${bridge.origin}/api/events`, { headers: { Authorization: `Bearer ${bridge.token}` } }, resolve),
    );
    stream.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.startsWith('data: ')) received.push(JSON.parse(line.slice(6)));
    });
    const started = JSON.parse((await call(bridge, 'audit.verify', {})).body);
    await expect.poll(() => received.some((event) => event.type === 'job.finished' && event.jobId === started.value.jobId)).toBe(true);
    stream.destroy();
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.10'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', undefined].some(isLoopbackAddress)).toBe(false);
  });

  it('stages a file sent from the browser for an unlocked steward or administrator, and the import removes it', async () => {
    const bridge = await bridgeWithVault();
    const csv = 'id,first_name,email\n1,Zoé,zoe@exemple.fr\n';
    const upload = () =>
      request(bridge, {
        path: '/api/upload?name=../clients%20(1).csv',
        method: 'POST',
        headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/octet-stream' },
        body: csv,
      });
    expect((await upload()).status).toBe(403);
    await call(bridge, 'vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase });
    const staged = JSON.parse((await upload()).body);
    expect(staged.ok).toBe(true);
    // The person's file name, in a folder of its own: the run's history shows the name they know.
    expect(path.basename(staged.value.file)).toBe('.._clients _1_.csv');
    expect(path.basename(path.dirname(staged.value.file))).toMatch(/^[0-9a-f-]{36}$/);
    expect(path.basename(path.dirname(path.dirname(path.dirname(staged.value.file))))).toBe('staging');
    expect(fs.readFileSync(staged.value.file, 'utf8')).toBe(JSON.stringify(csv));
    const started = JSON.parse((await call(bridge, 'import.file', { file: staged.value.file, source: 'Web' })).body);
    expect(started.ok).toBe(true);
    await expect.poll(() => fs.existsSync(path.dirname(staged.value.file)), { timeout: 10_000 }).toBe(false);
    const runs = JSON.parse((await call(bridge, 'import.runs', {})).body);
    expect(runs.value.map((run: { fileName: string }) => run.fileName)).toEqual(['.._clients _1_.csv']);
  });

  it('discards a staged copy the page no longer needs, and nothing outside the staging folder', async () => {
    const bridge = await bridgeWithVault();
    const auth = { Authorization: `Bearer ${bridge.token}` };
    const discard = (file: string, headers: Record<string, string> = auth) =>
      request(bridge, { path: `/api/upload?file=${encodeURIComponent(file)}`, method: 'DELETE', headers });
    await call(bridge, 'vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase });
    const upload = async () =>
      JSON.parse(
        (
          await request(bridge, {
            path: '/api/upload?name=a.csv',
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/octet-stream' },
            body: 'id\n1\n',
          })
        ).body,
      ).value.file as string;
    const staged = await upload();
    const kept = await upload();

    expect((await discard(staged, {})).status).toBe(401);
    expect(fs.existsSync(staged)).toBe(true);
    expect((await discard(staged)).status).toBe(200);
    expect(fs.existsSync(path.dirname(staged))).toBe(false);
    expect(fs.existsSync(kept)).toBe(true);

    // The vault's own files, or a path that climbs out of a staged folder, are not the page's to remove.
    const staging = path.dirname(path.dirname(kept));
    for (const outside of [
      path.join(staging, '..', '..', 'vault.db'),
      path.join(path.dirname(kept), '..', '..', '..', 'keyslots.json'),
      staging,
      path.dirname(kept),
    ]) {
      expect((await discard(outside)).status).toBe(400);
    }
    expect(fs.existsSync(path.join(staging, '..', '..', 'vault.db'))).toBe(true);
    expect(fs.existsSync(kept)).toBe(true);
  });

  it('answers 413 to an over-long body instead of resetting the connection, and 400 to a malformed path', async () => {
    const bridge = await bridgeWithVault(64 * 1024);
    const huge = { method: 'vault.status', input: { padding: 'x'.repeat(2 * 1024 * 1024) } };
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` };
    const refused = await request(bridge, { path: '/api/call', method: 'POST', headers, body: huge });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'tooLarge' } } });
    // The server goes on serving.
    expect((await call(bridge, 'vault.status', {})).status).toBe(200);

    const malformed = await request(bridge, { path: '/%E0%A4%A' });
    expect(malformed.status).toBe(400);

    await call(bridge, 'vault.create', { adminName: ADMIN.name, passphrase: ADMIN.passphrase });
    const upload = await request(bridge, {
      path: '/api/upload?name=big.csv',
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/octet-stream' },
      body: 'y'.repeat(100 * 1024),
    });
    expect(upload.status).toBe(413);
  });
});
