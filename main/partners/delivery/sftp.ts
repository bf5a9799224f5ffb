/**
 * Delivery of an extract by SFTP (docs/partners.md): the server's host key is pinned (SHA-256 fingerprint,
 * as `ssh-keygen -lf` prints it) and a server showing another key is refused before any byte is sent; the
 * file is uploaded under a temporary name and renamed, so a partner never picks up half a file.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { AppError } from '../../core/errors';
import type { SftpTarget } from '../contract';

export interface SftpUpload {
  readonly target: SftpTarget;
  readonly credential: { readonly password?: string; readonly privateKey?: string };
  /** The complete extract on this computer. */
  readonly localFile: string;
  /** Its name in the target folder. */
  readonly fileName: string;
  /** The job's Cancel: the connection is cut and the upload fails with CANCELLED. */
  readonly signal?: AbortSignal | undefined;
  /** A server that stops answering for this long is given up on (tests shorten it). */
  readonly stallMs?: number | undefined;
}

/** How long the server may take to greet, agree keys and accept the login. */
const READY_TIMEOUT_MS = 20_000;
/** A server silent this long mid-upload is given up on: the job would otherwise wait for ever. */
const STALL_MS = 30_000;
/** Keepalives sent per stall period, the last unanswered one ending the connection. */
const KEEPALIVES = 3;

/** A raw SSH public key's fingerprint written as `ssh-keygen -lf` prints it (base64 without padding). */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

const cancelled = (): AppError => new AppError('CANCELLED', 'The delivery by SFTP was cancelled.');

const unpadded = (fingerprint: string): string => fingerprint.trim().replace(/=+$/, '');

export async function uploadBySftp(upload: SftpUpload): Promise<void> {
  const { target, credential } = upload;
  if (upload.fileName.includes('/') || upload.fileName.startsWith('.')) {
    throw new AppError('INVALID_INPUT', `The file name ${upload.fileName} cannot be delivered by SFTP.`, { reason: 'sftpFileName' });
  }
  if (upload.signal?.aborted) throw cancelled();
  const pinned = unpadded(target.hostKey);
  // Filled by the library's callbacks (an object, so the compiler does not assume they never ran).
  const seen: { presented: string | null; level: string | null } = { presented: null, level: null };
  // The library's default listeners write to the console; failures reach us through the rejected promises.
  const client = new SftpClient('custodia-delivery', { error: () => undefined, end: () => undefined, close: () => undefined });
  client.on('error', (error: { level?: unknown }) => {
    if (typeof error.level === 'string') seen.level = error.level;
  });
  const finalPath = path.posix.join(target.path, upload.fileName);
  // A dot name with .part: partners polling for *.csv or *.json do not see it until the rename.
  const tempPath = path.posix.join(target.path, `.${upload.fileName}.${crypto.randomBytes(6).toString('hex')}.part`);
  let connected = false;
  // Ending the library's own way marks the close as expected and leaves a transfer waiting: cut beneath it.
  const cut = (): void => (client as unknown as { client: { end(): void } }).client.end();
  upload.signal?.addEventListener('abort', cut, { once: true });
  const stallMs = upload.stallMs ?? STALL_MS;
  try {
    await client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      ...(credential.privateKey !== undefined ? { privateKey: credential.privateKey } : {}),
      ...(credential.password !== undefined ? { password: credential.password } : {}),
      tryKeyboard: false,
      readyTimeout: Math.min(READY_TIMEOUT_MS, stallMs),
      keepaliveInterval: Math.ceil(stallMs / KEEPALIVES),
      keepaliveCountMax: KEEPALIVES,
      // Called during key exchange, before the login: refusing here sends no credential and no data.
      hostVerifier: (key: Buffer): boolean => {
        seen.presented = hostKeyFingerprint(key);
        return seen.presented === pinned;
      },
    });
    connected = true;
    await client.put(upload.localFile, tempPath);
    await client.rename(tempPath, finalPath);
  } catch (error) {
    if (upload.signal?.aborted) throw cancelled();
    if (connected) await client.delete(tempPath, true).catch(() => undefined);
    const presented = seen.presented;
    if (presented !== null && presented !== pinned) {
      throw new AppError(
        'CONNECTOR_FAILED',
        `The SFTP server ${target.host} showed host key ${presented}, not the pinned ${target.hostKey}: nothing was sent.`,
        {
          reason: 'hostKeyMismatch',
          host: target.host,
          presented,
          pinned: target.hostKey,
        },
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    if (!connected && seen.level === 'client-authentication') {
      throw new AppError('CONNECTOR_FAILED', `The SFTP server ${target.host} refused the login of user ${target.username}.`, {
        reason: 'sftpLoginRefused',
        host: target.host,
        user: target.username,
      });
    }
    throw new AppError('CONNECTOR_FAILED', `SFTP delivery to ${target.host}:${target.port} failed: ${detail}`, {
      reason: 'sftpFailed',
      host: target.host,
      port: target.port,
      detail,
    });
  } finally {
    upload.signal?.removeEventListener('abort', cut);
    await client.end().catch(() => undefined);
  }
}
