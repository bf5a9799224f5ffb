import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../main/api/contract';
import { testI18n } from '../i18n/test-translator';
import { RunStatus } from '../screens/sources/run-status';
import { StoredErrorText } from './stored-error';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

const HTTP_ERROR = 'The API answered HTTP 503 for page 3 (api.example.ca/customers).';
const failedRun: Pick<RunSummary, 'status' | 'error' | 'errorDetail' | 'inserted' | 'updated' | 'unchanged' | 'rejected'> = {
  status: 'failed',
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  error: HTTP_ERROR,
  errorDetail: { code: 'CONNECTOR_FAILED', params: { kind: 'rest', reason: 'httpStatus', status: 503, page: 3 } },
};

describe('a run’s stored error on screen', () => {
  it('with a detail, is shown in French, with no English left', async () => {
    const html = await render('fr', <StoredErrorText text={failedRun.error!} detail={failedRun.errorDetail} />);
    expect(html).toBe('<span>L’API a répondu HTTP 503 pour la page 3.</span>');
    expect(await render('fr', <RunStatus run={failedRun} />)).toContain('title="L’API a répondu HTTP 503 pour la page 3."');
  });

  it('without a detail (stored before details were kept), is the English text marked lang="en"', async () => {
    const html = await render('fr', <StoredErrorText text={HTTP_ERROR} detail={null} />);
    expect(html).toBe(`<span lang="en">${HTTP_ERROR}</span>`);
  });

  it('keeps the server’s words, marked English, on a line of their own under a general sentence, after what follows the sentence', async () => {
    const text = 'The query is not valid for PostgreSQL: column "nom" does not exist (42703).';
    const html = await render(
      'fr',
      <StoredErrorText text={text} detail={{ code: 'CONNECTOR_FAILED', params: { reason: 'invalidQuery' } }}>
        <> · 2 échecs</>
      </StoredErrorText>,
    );
    expect(html).toBe(
      '<span>La connexion à la source de données a échoué. Vérifiez ses paramètres et qu’elle est joignable.</span> · 2 échecs' +
        `<span class="stored-error-detail" lang="en">${text.replaceAll('"', '&quot;')}</span>`,
    );
  });
});
