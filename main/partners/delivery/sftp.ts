/**
 * Delivery of an extract by SFTP (docs/partners.md): the server's host key is pinned (SHA-256 fingerprint,
 * as `ssh-keygen -lf` prints it) and a server showing another key is refused before any byte is sent; the
 * file is uploaded under a temporary name and renamed, so a partner never picks up half a file.
 */
import { AppError } from '../../core/errors';
import type { SftpTarget } from '../contract';

export interface SftpUpload {
  readonly target: SftpTarget;
  readonly credential: { readonly password?: string; readonly privateKey?: string };
  /** The complete extract on this computer. */
  readonly localFile: string;
  /** Its name in the target folder. */
  readonly fileName: string;
}

export async function uploadBySftp(upload: SftpUpload): Promise<void> {
  await Promise.resolve();
  throw new AppError('CONNECTOR_FAILED', `SFTP delivery to ${upload.target.host} is not built yet.`, { reason: 'sftpUnavailable' });
}
