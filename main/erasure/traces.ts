/**
 * Where a person's identifiers lie outside their records: rejected rows (a reject belongs to no profile, so
 * it is found by the identifiers themselves, in the forms a file may write them) and files staged for
 * import in the vault's folder. Found by text, lowercased: an email written with capitals, a phone with
 * spaces or dashes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SqlRunner } from '../store/sql';
import type { PersonIdentifier } from './scope';

/** Shorter forms would find other people's rows (a 4-digit run is in many phones and dates). */
const MIN_FORM = 6;

/** The lowercased forms to look for: as sent, as normalized, and a phone's digits with and without spacing. */
export function textForms(identifiers: readonly PersonIdentifier[]): string[] {
  const forms = new Set<string>();
  for (const identifier of identifiers) {
    forms.add(identifier.raw.trim().toLowerCase());
    forms.add(identifier.value.toLowerCase());
    if (identifier.kind === 'phone') {
      const digits = identifier.value.replace(/\D/g, '');
      forms.add(digits);
      // The national number without the country code, as most files write it.
      if (digits.length > 10) forms.add(digits.slice(-10));
      const rawDigits = identifier.raw.replace(/\D/g, '');
      if (rawDigits.length >= MIN_FORM) forms.add(rawDigits);
    }
  }
  return [...forms].filter((form) => form.length >= MIN_FORM).sort();
}

/** Rejected rows holding one of the forms (digits are looked for in the row's digits, so "514 555-0101" is found). */
export function rejectsHolding(db: SqlRunner, forms: readonly string[]): number[] {
  if (forms.length === 0) return [];
  const found = new Set<number>();
  const text = forms.filter((form) => /\D/.test(form));
  const digits = forms.filter((form) => !/\D/.test(form));
  for (const row of db.iterate<{ id: number; raw: string }>(sql`SELECT id, raw FROM import_reject`)) {
    const lower = row.raw.toLowerCase();
    if (text.some((form) => lower.includes(form))) {
      found.add(row.id);
      continue;
    }
    if (digits.length > 0) {
      const rowDigits = lower.replace(/\D/g, '');
      if (digits.some((form) => rowDigits.includes(form))) found.add(row.id);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** Every file below a folder (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

/** Staged files (plain text sent from a browser window for import) that hold one of the forms. */
export function stagedFilesHolding(stagingRoot: string, forms: readonly string[]): string[] {
  if (forms.length === 0) return [];
  return filesUnder(stagingRoot).filter((file) => {
    const text = fs.readFileSync(file).toString('utf8').toLowerCase();
    return forms.some((form) => text.includes(form));
  });
}

/** Overwrites before unlinking: a staged file is plain text, and the disk may keep what is only unlinked. */
export function shredFile(file: string): void {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    try {
      const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
      for (let offset = 0; offset < size; offset += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - offset), offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}
