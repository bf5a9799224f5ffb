import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultVaultDir } from '../platform/app-paths';
import { profileFolderFor, vaultDirFromArgv } from './command-line';
import { MENU_STRINGS, languageForLocale } from './menu-strings';

describe('vaultDirFromArgv', () => {
  const env = {};

  it('reads --vault DIR and --vault=DIR wherever they sit', () => {
    expect(vaultDirFromArgv(['/opt/Custodia/custodia', '--vault', '/data/v1'], env)).toBe(path.resolve('/data/v1'));
    expect(vaultDirFromArgv(['electron', '/repo', '--no-sandbox', '--vault=/data/v2'], env)).toBe(path.resolve('/data/v2'));
    expect(vaultDirFromArgv(['electron', '.', '--vault', 'relative/vault'], env)).toBe(path.resolve('relative/vault'));
  });

  it('falls back to CUSTODIA_VAULT, then to the default folder', () => {
    expect(vaultDirFromArgv(['custodia'], { CUSTODIA_VAULT: '/env/vault' })).toBe(path.resolve('/env/vault'));
    expect(vaultDirFromArgv(['custodia'], env)).toBe(defaultVaultDir(env));
  });

  it('ignores a --vault with no value rather than taking the next switch as a folder', () => {
    expect(vaultDirFromArgv(['custodia', '--vault', '--no-sandbox'], env)).toBe(defaultVaultDir(env));
    expect(vaultDirFromArgv(['custodia', '--vault='], env)).toBe(defaultVaultDir(env));
    expect(vaultDirFromArgv(['custodia', '--vault'], env)).toBe(defaultVaultDir(env));
  });
});

describe('profileFolderFor', () => {
  it('is stable per vault folder and differs between vaults', () => {
    expect(profileFolderFor('/data/v1')).toBe(profileFolderFor('/data/./v1'));
    expect(profileFolderFor('/data/v1')).not.toBe(profileFolderFor('/data/v2'));
    expect(profileFolderFor('/data/v1')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('menu strings', () => {
  it('has every label in every language', () => {
    const keys = Object.keys(MENU_STRINGS.en).sort();
    expect(Object.keys(MENU_STRINGS.fr).sort()).toEqual(keys);
    for (const strings of Object.values(MENU_STRINGS)) for (const value of Object.values(strings)) expect(value.trim()).not.toBe('');
  });

  it('follows the system locale until the vault has a preference', () => {
    expect(languageForLocale('fr-CA')).toBe('fr');
    expect(languageForLocale('FR')).toBe('fr');
    expect(languageForLocale('en-GB')).toBe('en');
    expect(languageForLocale('pl')).toBe('en');
  });
});
