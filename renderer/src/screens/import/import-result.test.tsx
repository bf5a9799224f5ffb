import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../../../main/api/contract';
import { testI18n } from '../../i18n/test-translator';
import { ImportResult, resultSentence } from './import-result';

// The rejected rows' panel reads them through the API client, which needs a window: none is rejected here.
vi.mock('./rejects-panel', () => ({ RejectsPanel: () => null }));

const RUN: RunSummary = {
  id: 4,
  sourceId: 1,
  sourceName: 'Boutique',
  status: 'completed',
  startedAt: '2026-06-01T12:00:00.000Z',
  finishedAt: '2026-06-01T12:00:01.000Z',
  fileName: 'shop.json',
  fileSha256: null,
  read: 2,
  inserted: 0,
  updated: 0,
  unchanged: 1,
  rejected: 0,
  flagged: 0,
  anonymous: 0,
  held: 0,
  suppressed: 0,
  error: null,
  errorDetail: null,
  undoneAt: null,
};

async function shown(language: 'en' | 'fr', run: Partial<RunSummary>): Promise<string> {
  return renderToStaticMarkup(
    <I18nextProvider i18n={await testI18n(language)}>
      <ImportResult run={{ ...RUN, ...run }} fileName="shop.json" onReview={() => undefined} />
    </I18nextProvider>,
  );
}

describe('an import’s result with rows of erased people', () => {
  it('does not say the vault already held rows the suppression list kept out', () => {
    expect(resultSentence(RUN).key).toBe('import.result.nothingChanged');
    expect(resultSentence({ ...RUN, suppressed: 1 }).key).toBe('import.result.nothingChangedSuppressed');
  });

  it('counts them and says so, in English and French, and shows nothing of them when there are none', async () => {
    const none = await shown('en', {});
    expect(none).not.toContain('data-count="suppressed"');
    expect(none).not.toContain('import-suppressed');
    const en = await shown('en', { suppressed: 1 });
    expect(en).toContain('<div class="count-suppressed" data-count="suppressed" data-value="1"><dt>Erased, not imported</dt><dd>1</dd></div>');
    expect(en).toContain('1 row belonged to a person erased from the vault: the suppression list kept it out, and nothing of it was stored.');
    expect(en).toContain('Nothing changed: every row of this file was already in the vault or belonged to a person erased from it.');
    const fr = await shown('fr', { inserted: 1, suppressed: 1200 });
    expect(fr).toContain('1\u00a0200 lignes appartenaient à des personnes effacées du coffre\u00a0: la liste de suppression les a écartées');
  });
});
