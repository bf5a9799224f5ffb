/**
 * The package as a ZIP: every file, then manifest.json with each file's SHA-256. Without a password the
 * archive is reproducible (fixed times, fixed order: yazl writes nothing else that varies); with one it is
 * AES-256 (WinZip AE-2, @zip.js/zip.js), whose random salt makes the archive differ from build to build
 * while the files inside stay the same.
 */
import { createHash } from 'node:crypto';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import yazl from 'yazl';
import type { PackageFile } from './files';

/** Files inside carry this time: the build's clock would make two builds of one state differ. */
const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface Manifest {
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
}

export function manifestFile(files: readonly PackageFile[]): PackageFile {
  const manifest: Manifest = { files: files.map((file) => ({ name: file.name, bytes: file.bytes.length, sha256: sha256(file.bytes) })) };
  return { name: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
}

function plainZip(files: readonly PackageFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.bytes, file.name, { mtime: FIXED_TIME, mode: 0o100644, compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

async function encryptedZip(files: readonly PackageFile[], password: string): Promise<Buffer> {
  // Web workers are a browser's; in the worker thread the archive is written inline.
  configure({ useWebWorkers: false });
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3 });
  for (const file of files) await writer.add(file.name, new Uint8ArrayReader(new Uint8Array(file.bytes)), { lastModDate: FIXED_TIME });
  return Buffer.from(await writer.close());
}

/** The archive of the files and their manifest (added last), encrypted when a password is given. */
export async function packageZip(files: readonly PackageFile[], password: string | null): Promise<Buffer> {
  const all = [...files, manifestFile(files)];
  return password === null ? plainZip(all) : encryptedZip(all, password);
}
