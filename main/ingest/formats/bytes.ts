/**
 * Byte-level helpers shared by the readers: the file's SHA-256 (recorded in the audit trail so a run
 * can be tied to the exact file it read) and the first bytes of a file (for format and encoding sniffing).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../core/errors';

/**
 * SHA-256 of the whole file as lowercase hex, streamed so that a multi-gigabyte export costs no memory.
 * `signal`: a cancel stops the read between two chunks (hashing a large file takes seconds).
 */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** The first `length` bytes of the file (fewer when the file is shorter). */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    // read() may return fewer bytes than asked even before the end of the file: loop until full or EOF.
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
