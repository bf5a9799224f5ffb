/**
 * The translations must be complete in both languages: same keys, every plural form each language
 * needs, a sentence for every error code, and no key used in the code that the files lack. They are
 * checked over every namespace at once, as `t()` reads them: the namespaces' groups side by side.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES as APP_LANGUAGES, ReasonDetail } from '../../../main/api/contract';
import { ERROR_CODES } from '../../../main/api/errors';
import type { ClientErrorCode } from '../api/transport';
import { NAMESPACES } from './resources';

type Tree = { readonly [key: string]: string | Tree };

/** Each language's namespaces merged into one tree (a group in two namespaces fails its own test below). */
function merged(language: string): Tree {
  const tree: Record<string, string | Tree> = {};
  for (const strings of Object.values(NAMESPACES) as Readonly<Record<string, Tree>>[]) Object.assign(tree, strings[language]);
  return tree;
}

const LANGUAGES: Readonly<Record<string, Tree>> = Object.fromEntries(APP_LANGUAGES.map((language) => [language, merged(language)]));
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const CLIENT_CODES: readonly ClientErrorCode[] = ['OFFLINE', 'UNAUTHORIZED'];

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(LANGUAGES).map(([language, tree]) => [language, flatten(tree)]));
const baseKeys = (keys: Iterable<string>): Set<string> => new Set([...keys].map((key) => key.replace(PLURAL_SUFFIX, '')));

function has(language: string, key: string): boolean {
  const keys = flat[language]!;
  return keys.has(key) || keys.has(`${key}_other`);
}

describe('namespaces', () => {
  it('have every language the app speaks, each a file of groups', () => {
    for (const [name, strings] of Object.entries(NAMESPACES) as [string, Readonly<Record<string, Tree | undefined>>][]) {
      expect(Object.keys(strings).sort(), name).toEqual([...APP_LANGUAGES].sort());
      for (const language of APP_LANGUAGES) {
        const groups = Object.values(strings[language] ?? {});
        expect(groups.length, `${name} ${language}`).toBeGreaterThan(0);
        for (const group of groups) expect(typeof group, `${name} ${language}`).toBe('object');
      }
    }
  });

  it('have the same groups in every language', () => {
    for (const [name, strings] of Object.entries(NAMESPACES) as [string, Readonly<Record<string, Tree>>][]) {
      for (const language of APP_LANGUAGES) expect(Object.keys(strings[language]!), `${name} ${language}`).toEqual(Object.keys(strings.en!));
    }
  });

  it('never share a top-level group: the first namespace would silently hide the other’s keys', () => {
    for (const language of APP_LANGUAGES) {
      const owner = new Map<string, string>();
      for (const [name, strings] of Object.entries(NAMESPACES) as [string, Readonly<Record<string, Tree>>][]) {
        for (const group of Object.keys(strings[language]!)) {
          expect(owner.get(group), `${language}: ${group} is in ${owner.get(group)} and ${name}`).toBeUndefined();
          owner.set(group, name);
        }
      }
    }
  });
});

describe('translations', () => {
  it('have the same keys in English and French (plural forms aside)', () => {
    expect([...baseKeys(flat.fr!.keys())].sort()).toEqual([...baseKeys(flat.en!.keys())].sort());
  });

  it('have every plural form each language needs', () => {
    for (const [language, keys] of Object.entries(flat)) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const plural = new Set([...keys.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
      for (const base of plural) for (const category of categories) expect(keys.has(`${base}_${category}`), `${language}: ${base}_${category}`).toBe(true);
    }
  });

  it('have no empty text except the empty strength level', () => {
    for (const [language, keys] of Object.entries(flat)) {
      for (const [key, text] of keys) if (key !== 'passphrase.strength.empty') expect(text.trim(), `${language}: ${key}`).not.toBe('');
    }
  });

  it('translate every error code the UI can receive', () => {
    for (const language of Object.keys(flat))
      for (const code of [...ERROR_CODES, ...CLIENT_CODES]) expect(has(language, `errors.${code}`), `${language}: ${code}`).toBe(true);
  });

  it('translate every reason code a rejected row can carry', () => {
    for (const language of Object.keys(flat)) for (const code of ReasonDetail.shape.code.options) expect(has(language, `import.rejects.reason.${code}`), `${language}: ${code}`).toBe(true);
  });

  it('contain every literal key the interface uses', () => {
    // Vite reads the sources as text; keys built at run time (`roles.${role}`) are covered by the tests above.
    const sources = import.meta.glob(['../**/*.tsx', '../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<
      string,
      string
    >;
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/\bt\((?:[^'`)]*\?\s*)?'([a-zA-Z][\w.-]*)'(?:\s*:\s*'([a-zA-Z][\w.-]*)')?/g)) {
        for (const key of [match[1], match[2]]) if (key) used.add(key);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    for (const key of used) for (const language of Object.keys(flat)) expect(has(language, key), `${language}: ${key}`).toBe(true);
  });
});
