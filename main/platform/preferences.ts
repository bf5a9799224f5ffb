/** Workstation preferences that must be known before unlock (the interface language). Nothing secret. */
import fs from 'node:fs';
import path from 'node:path';
import { Language } from '../core/contract-kit';

export function readLanguage(file: string): Language | null {
  try {
    const parsed = Language.safeParse((JSON.parse(fs.readFileSync(file, 'utf8')) as { language?: unknown }).language);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeLanguage(file: string, language: Language): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify({ language }, null, 2)}\n`);
}
