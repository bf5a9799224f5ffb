/**
 * Getting a chosen or dropped file to the backend, which reads imports by path. Electron's preload
 * gives the file's own path, so nothing is copied; browser mode has no paths, so the file is uploaded
 * to the backend, which stages it in the vault folder and deletes it once the import is over. Screens
 * call `api.stageFile(file)` and never learn which of the two happened; a staged file no import will
 * read is handed back with `api.discardFile`, which removes a copy at once.
 */
import { failure, type ClientResult } from './transport';

export interface StagedFile {
  /** The path the backend reads: the original file (Electron) or the staged copy (browser mode). */
  readonly path: string;
  /** The name the user knows the file by, for headings and download names. */
  readonly name: string;
  readonly bytes: number;
}

/** Electron: the path of a file from the system's file dialog or a drop. */
export function fileFromPath(pathForFile: (file: File) => string, file: File): ClientResult<StagedFile> {
  let path = '';
  try {
    path = pathForFile(file);
  } catch {
    // a file made in the page (not from the disk) has no path: same answer as an empty one
  }
  if (path === '') return failure('IO_ERROR', 'This file has no path on the disk.');
  return { ok: true, value: { path, name: file.name, bytes: file.size } };
}

function isResult(body: unknown): body is ClientResult<{ file: string; bytes: number }> {
  return typeof body === 'object' && body !== null && 'ok' in body;
}

/**
 * Browser mode: removes a staged copy. Best effort: one that stays (the server gone meanwhile) is removed
 * at the next lock or when the server stops.
 */
export async function discardUpload(token: string, staged: StagedFile, fetchImpl: typeof fetch = fetch): Promise<void> {
  try {
    await fetchImpl(`/api/upload?file=${encodeURIComponent(staged.path)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    // unreachable server: see above
  }
}

/** Browser mode: POST /api/upload with the launch token; the answer names the staged copy. */
export async function uploadFile(token: string, file: File, fetchImpl: typeof fetch = fetch): Promise<ClientResult<StagedFile>> {
  let response: Response;
  try {
    response = await fetchImpl(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
      body: file,
      cache: 'no-store',
    });
  } catch {
    return failure('OFFLINE', 'Custodia is not reachable.');
  }
  if (response.status === 401) return failure('UNAUTHORIZED', 'The server refused this page’s token.');
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: handled below
  }
  if (isResult(body)) {
    if (!body.ok) return body;
    return { ok: true, value: { path: body.value.file, name: file.name, bytes: body.value.bytes } };
  }
  if (response.status === 403) return failure('FORBIDDEN', 'The upload was refused.');
  return failure('INTERNAL', `Unexpected answer from the server (HTTP ${response.status}).`);
}
