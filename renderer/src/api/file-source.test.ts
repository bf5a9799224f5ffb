import { describe, expect, it } from 'vitest';
import { discardUpload, fileFromPath, uploadFile } from './file-source';

const file = new File(['Nom;Courriel\nHélène;h@example.ca\n'], 'clients été.csv', { type: 'text/csv' });

function answering(status: number, body: unknown): { fetch: typeof fetch; calls: Array<{ url: string; init: RequestInit }> } {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fake = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetch: fake, calls };
}

describe('uploadFile', () => {
  it('posts the file itself with the token and answers the staged path', async () => {
    const server = answering(200, { ok: true, value: { file: '/vault/staging/x-clients été.csv', bytes: 33 } });
    const result = await uploadFile('tok', file, server.fetch);
    expect(result).toEqual({ ok: true, value: { path: '/vault/staging/x-clients été.csv', name: 'clients été.csv', bytes: 33 } });
    const [call] = server.calls;
    expect(call?.url).toBe('/api/upload?name=clients%20%C3%A9t%C3%A9.csv');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.body).toBe(file);
    expect(call?.init.headers).toEqual({ Authorization: 'Bearer tok', 'Content-Type': 'application/octet-stream' });
  });

  it('passes the backend’s refusal through, and names a missing server', async () => {
    const locked = answering(403, { ok: false, error: { code: 'LOCKED', message: 'Unlock first.' } });
    expect(await uploadFile('tok', file, locked.fetch)).toEqual({ ok: false, error: { code: 'LOCKED', message: 'Unlock first.' } });
    expect((await uploadFile('tok', file, answering(401, { error: 'wrong token' }).fetch)).ok).toBe(false);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const result = await uploadFile('tok', file, offline);
    expect(result.ok ? null : result.error.code).toBe('OFFLINE');
  });
});

describe('discardUpload', () => {
  it('asks the server to remove the staged copy, with the token', async () => {
    const server = answering(200, { ok: true, value: null });
    await discardUpload('tok', { path: '/vault/staging/x/clients été.csv', name: 'clients été.csv', bytes: 33 }, server.fetch);
    expect(server.calls).toEqual([
      { url: '/api/upload?file=%2Fvault%2Fstaging%2Fx%2Fclients%20%C3%A9t%C3%A9.csv', init: { method: 'DELETE', headers: { Authorization: 'Bearer tok' }, cache: 'no-store' } },
    ]);
  });

  it('lets a missing server be: the copy goes at the next lock', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(discardUpload('tok', { path: '/x', name: 'x', bytes: 0 }, offline)).resolves.toBeUndefined();
  });
});

describe('fileFromPath', () => {
  it('uses the path Electron gives, and refuses a file without one', () => {
    expect(fileFromPath(() => '/home/me/clients été.csv', file)).toEqual({
      ok: true,
      value: { path: '/home/me/clients été.csv', name: 'clients été.csv', bytes: file.size },
    });
    const none = fileFromPath(() => '', file);
    expect(none.ok ? null : none.error.code).toBe('IO_ERROR');
  });
});
