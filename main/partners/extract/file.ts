/**
 * The extract's bytes on their way out: hashed and counted as they are written, to a temporary file that
 * becomes the extract only once complete. A file for the user or the agreement's folder goes through
 * OutputFile (never inside a vault, never over a file unless asked, owner-only); a file for SFTP is staged in
 * the vault's own staging folder, which OutputFile refuses by design, and removed once delivered.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { AppError } from '../../core/errors';
import { guardedCell } from '../../platform/csv-cell';
import { OUTPUT_DIR_MODE, OUTPUT_FILE_MODE, OutputFile } from '../../platform/output-file';
import type { ExtractField, ExtractFormat } from '../contract';

export interface ExtractSink {
  write(text: string): void;
  readonly bytes: number;
  sha256(): string;
  /** Flushes to disk and gives the file its final name (for a staged file: flushes and closes). */
  commit(): void;
  /** Leaves nothing behind; safe after commit or twice. */
  abort(): void;
}

abstract class HashingSink implements ExtractSink {
  private readonly hash = crypto.createHash('sha256');
  private written = 0;
  private digest: string | null = null;
  protected abstract put(buffer: Buffer): void;
  abstract commit(): void;
  abstract abort(): void;
  write(text: string): void {
    const buffer = Buffer.from(text, 'utf8');
    this.hash.update(buffer);
    this.written += buffer.byteLength;
    this.put(buffer);
  }
  get bytes(): number {
    return this.written;
  }
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/** A file at a path the user or the agreement chose. */
export class TargetSink extends HashingSink {
  private readonly out: OutputFile;
  constructor(target: string, overwrite: boolean) {
    super();
    this.out = OutputFile.open(target, { overwrite });
  }
  protected put(buffer: Buffer): void {
    this.out.write(buffer);
  }
  private committed = false;
  commit(): void {
    this.out.commit();
    this.committed = true;
  }
  /** Also removes the file once named: a register that rolled back after the rename must not leave it. */
  abort(): void {
    this.out.abort();
    if (this.committed) fs.rmSync(this.out.target, { force: true });
  }
  get target(): string {
    return this.out.target;
  }
}

/** A file staged in the vault's staging folder for an upload. */
export class StagedSink extends HashingSink {
  private fd: number | null;
  readonly file: string;
  constructor(folder: string, fileName: string) {
    super();
    fs.mkdirSync(folder, { recursive: true, mode: OUTPUT_DIR_MODE });
    this.file = path.join(folder, `${crypto.randomBytes(6).toString('hex')}-${fileName}.part`);
    try {
      this.fd = fs.openSync(this.file, 'wx', OUTPUT_FILE_MODE);
    } catch (error) {
      throw new AppError('IO_ERROR', `Cannot write in ${folder}: ${(error as Error).message}`, { path: folder });
    }
  }
  protected put(buffer: Buffer): void {
    if (this.fd === null) throw new Error('The staged extract is closed.');
    fs.writeSync(this.fd, buffer, 0, buffer.byteLength);
  }
  commit(): void {
    if (this.fd === null) return;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = null;
  }
  abort(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    fs.rmSync(this.file, { force: true });
  }
}

export type Row = readonly (string | number | null)[];

/** How rows become text: a CSV (header = field names, formula-like cells guarded) or a JSON array of objects. */
export interface RowFormat {
  begin(): string;
  rows(rows: readonly Row[], first: boolean): string;
  end(any: boolean): string;
}

export function rowFormat(format: ExtractFormat, fields: readonly ExtractField[]): RowFormat {
  if (format === 'csv') {
    return {
      begin: () => `${Papa.unparse([fields as string[]])}\r\n`,
      rows: (rows) => (rows.length === 0 ? '' : `${Papa.unparse(rows.map((row) => row.map((cell) => (cell === null ? '' : guardedCell(cell)))))}\r\n`),
      end: () => '',
    };
  }
  return {
    begin: () => '[',
    rows: (rows, first) =>
      rows
        .map((row, index) => `${first && index === 0 ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(fields.map((field, column) => [field, row[column]])))}`)
        .join(''),
    end: (any) => `${any ? '\n' : ''}]\n`,
  };
}
