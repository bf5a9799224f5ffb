import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../../main/api/contract';
import { testI18n } from '../../i18n/test-translator';
import { ProbeNote } from './probe-note';

type TestResult = MethodOutput<'connectors.test'>;

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

function result(note: string | null, noteDetail: TestResult['noteDetail']): TestResult {
  return {
    headers: [],
    rows: [],
    problems: [],
    mapping: {
      version: 1,
      columns: [],
      recordKey: 'id',
      dateFormat: 'YYYY-MM-DD',
      birthDateFormat: 'YYYY-MM-DD',
      defaultCountry: 'CA',
    } as TestResult['mapping'],
    mappingFrom: 'suggested',
    note,
    noteDetail,
  };
}

describe('a connector test’s note on where its rows came from', () => {
  it('is said in the steward’s language from its code', async () => {
    const html = await render(
      'fr',
      <ProbeNote className="note" result={result('No file is waiting…', { code: 'fromProcessed', params: { file: 'clients.csv', folder: 'processed' } })} />,
    );
    expect(html).toContain('Aucun fichier n’attend dans le dossier\u00a0: ces lignes viennent de clients.csv, déjà importé (dans processed/).');
    expect(html).not.toContain('lang="en"');
  });

  it('counts the other files waiting only when there are some', async () => {
    expect(await render('en', <ProbeNote className="note" result={result('…', { code: 'readFrom', params: { file: 'a.csv', others: 0 } })} />)).toContain(
      '>Read from a.csv.</p>',
    );
    expect(await render('en', <ProbeNote className="note" result={result('…', { code: 'readFrom', params: { file: 'a.csv', others: 2 } })} />)).toContain(
      'Read from a.csv (2 other files waiting).',
    );
  });

  it('keeps the server’s English words, marked so, when there is no code', async () => {
    const html = await render('fr', <ProbeNote className="note" result={result('Something only the server knows.', null)} />);
    expect(html).toContain('<p class="note" lang="en" data-testid="connector-probe-note">Something only the server knows.</p>');
    expect(await render('fr', <ProbeNote className="note" result={result(null, null)} />)).toBe('');
  });
});
