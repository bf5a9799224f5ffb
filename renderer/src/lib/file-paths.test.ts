import { describe, expect, it } from 'vitest';
import { baseName, defaultBackupFile, displayFileName, joinPath } from './file-paths';

describe('file paths', () => {
  it('joins with the folder’s own separator', () => {
    expect(joinPath('/home/ana/Documents/Custodia', 'a.cbak')).toBe('/home/ana/Documents/Custodia/a.cbak');
    expect(joinPath('C:\\Users\\ana\\Documents\\Custodia', 'a.cbak')).toBe('C:\\Users\\ana\\Documents\\Custodia\\a.cbak');
    expect(joinPath('/tmp/', 'a.cbak')).toBe('/tmp/a.cbak');
  });

  it('names the default backup after today', () => {
    expect(defaultBackupFile('/x', new Date(2026, 4, 17))).toBe('/x/custodia-backup-2026-05-17.cbak');
  });

  it('takes the last path segment', () => {
    expect(baseName('C:\\a\\b.csv')).toBe('b.csv');
    expect(baseName('/a/b.json')).toBe('b.json');
  });

  it('shows a staged upload under its own name', () => {
    expect(displayFileName('672be64d-ec80-443b-8473-0123456789ab-clients été.csv')).toBe('clients été.csv');
    expect(displayFileName('clients.csv')).toBe('clients.csv');
  });
});
