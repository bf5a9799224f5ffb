/** Workstation preferences that must be known before unlock (the interface language and region). Nothing secret. */
import fs from 'node:fs';
import path from 'node:path';
import { Language, Region } from '../core/contract-kit';

export interface Preferences {
  readonly language: Language | null;
  readonly region: Region | null;
}

/** A missing, unreadable or hand-edited file reads as "not chosen yet", field by field. */
export function readPreferences(file: string): Preferences {
  let stored: { language?: unknown; region?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') stored = parsed;
  } catch {
    // not there yet, or not JSON: nothing chosen
  }
  const language = Language.safeParse(stored.language);
  const region = Region.safeParse(stored.region);
  return { language: language.success ? language.data : null, region: region.success ? region.data : null };
}

/** Changes one preference and keeps the others (the file holds both). */
export function updatePreferences(file: string, change: Partial<Preferences>): void {
  const next = { ...readPreferences(file), ...change };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
}
