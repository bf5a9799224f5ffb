import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPreferences, updatePreferences } from './preferences';

describe('preferences', () => {
  it('keeps the language when the region changes, and the other way round', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-prefs-')), 'preferences.json');
    expect(readPreferences(file)).toEqual({ language: null, region: null });
    updatePreferences(file, { language: 'fr' });
    updatePreferences(file, { region: 'PL' });
    expect(readPreferences(file)).toEqual({ language: 'fr', region: 'PL' });
    updatePreferences(file, { language: 'en' });
    expect(readPreferences(file)).toEqual({ language: 'en', region: 'PL' });
  });

  it('reads a file from before regions, or a hand-edited one, field by field', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-prefs-')), 'preferences.json');
    fs.writeFileSync(file, JSON.stringify({ language: 'fr' }));
    expect(readPreferences(file)).toEqual({ language: 'fr', region: null });
    fs.writeFileSync(file, JSON.stringify({ language: 'de', region: 'CA' }));
    expect(readPreferences(file)).toEqual({ language: null, region: 'CA' });
    fs.writeFileSync(file, 'not json');
    expect(readPreferences(file)).toEqual({ language: null, region: null });
  });
});
