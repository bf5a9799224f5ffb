/**
 * A component that names no namespace (`useTranslation()`, as every screen does) reads keys from every
 * namespace, and one that names its own still reads the interface's common words: rendered for real,
 * through react-i18next, with the options the app starts with.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { NAMESPACES, type Namespace } from './resources';
import { testI18n } from './test-translator';

type Tree = { readonly [key: string]: string | Tree };

/** The first text of a namespace, with its full key (`audit.title`). */
function firstKey(tree: Tree, prefix = ''): [string, string] {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      if (value !== '' && !value.includes('{{')) return [path.replace(/_(zero|one|two|few|many|other)$/, ''), value];
    } else {
      const found = firstKey(value, path);
      if (found[0]) return found;
    }
  }
  return ['', ''];
}

function Probe({ keys, ns }: { readonly keys: readonly string[]; readonly ns?: Namespace }) {
  const { t } = useTranslation(ns);
  return (
    <ul>
      {keys.map((key) => (
        <li key={key}>{t(key)}</li>
      ))}
    </ul>
  );
}

async function render(language: 'en' | 'fr', keys: readonly string[], ns?: Namespace): Promise<string> {
  return renderToStaticMarkup(
    <I18nextProvider i18n={await testI18n(language)}>
      <Probe keys={keys} {...(ns ? { ns } : {})} />
    </I18nextProvider>,
  );
}

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe('useTranslation() without a namespace', () => {
  it.each(['en', 'fr'] as const)('finds a key of every namespace in %s', async (language) => {
    const samples = (Object.entries(NAMESPACES) as [Namespace, Readonly<Record<'en' | 'fr', Tree>>][]).map(([name, strings]) => {
      const [key, text] = firstKey(strings[language]);
      expect(key, name).not.toBe('');
      return { key, text };
    });
    expect(samples.length).toBe(Object.keys(NAMESPACES).length);
    const html = await render(
      language,
      samples.map((sample) => sample.key),
    );
    for (const { key, text } of samples) expect(html, key).toContain(`<li>${escape(text)}</li>`);
  });

  it('reads the keys the screens use, whatever namespace holds them', async () => {
    expect(await render('fr', ['common.cancel', 'errors.LOCKED', 'auditActions.vault.created', 'connectors.intro', 'profiles.title'])).toBe(
      '<ul><li>Annuler</li><li>Le coffre est verrouillé. Déverrouillez-le pour continuer.</li><li>Coffre créé</li>' +
        `<li>${escape(NAMESPACES.connectors.fr.connectors.intro)}</li><li>Personnes</li></ul>`,
    );
  });
});

describe('useTranslation(namespace)', () => {
  it('reads its own keys and still the interface’s common words', async () => {
    expect(await render('en', ['audit.title', 'common.cancel', 'errors.LOCKED'], 'audit')).toBe(
      `<ul><li>${escape(NAMESPACES.audit.en.audit.title)}</li><li>Cancel</li><li>The vault is locked. Unlock it to continue.</li></ul>`,
    );
  });
});
