import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { testI18n } from '../../i18n/test-translator';
import { runOutcome, type RunOutcomeInput } from './run-outcome';
import { RunStatus } from './run-status';

const run = (counts: Partial<RunOutcomeInput>): RunOutcomeInput => ({ status: 'completed', inserted: 0, updated: 0, unchanged: 0, rejected: 0, ...counts });

async function shown(language: 'en' | 'fr', counts: Partial<RunOutcomeInput>): Promise<string> {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={await testI18n(language)}>
      <RunStatus run={{ ...run(counts), error: null, errorDetail: null }} />
    </I18nextProvider>,
  );
  return html;
}

describe('a run’s status with its rejected rows', () => {
  it('is green only when nothing was rejected, amber with some rejects, red when every row was', () => {
    expect(runOutcome(run({ inserted: 10 }))).toEqual({ tone: 'completed', key: 'runs.status.completed' });
    expect(runOutcome(run({}))).toEqual({ tone: 'completed', key: 'runs.status.completed' });
    expect(runOutcome(run({ inserted: 3, unchanged: 5, rejected: 12 }))).toEqual({ tone: 'completed-with-rejects', key: 'runs.outcome.completedWithRejects', count: 12 });
    expect(runOutcome(run({ unchanged: 5, rejected: 1 })).tone).toBe('completed-with-rejects');
    expect(runOutcome(run({ rejected: 2819 }))).toEqual({ tone: 'all-rejected', key: 'runs.outcome.allRejected', count: 2819 });
    // Other statuses keep their own words, rejects or not.
    expect(runOutcome(run({ status: 'failed', rejected: 4 })).tone).toBe('failed');
    expect(runOutcome(run({ status: 'cancelled', inserted: 1, rejected: 4 })).tone).toBe('cancelled');
  });

  it('says so in English and French, with the matching colour class', async () => {
    expect(await shown('en', { inserted: 3, rejected: 12 })).toBe('<span class="status-dot run-completed-with-rejects" data-status="completed-with-rejects">Completed with 12 rejected rows</span>');
    expect(await shown('en', { inserted: 3, rejected: 1 })).toContain('>Completed with 1 rejected row<');
    expect(await shown('en', { rejected: 2819 })).toBe('<span class="status-dot run-all-rejected" data-status="all-rejected">Nothing imported: every row was rejected</span>');
    expect(await shown('fr', { inserted: 3, rejected: 1200 })).toContain('>Terminée avec 1\u00a0200 lignes rejetées<');
    expect(await shown('fr', { rejected: 7 })).toContain('>Rien d’importé\u00a0: toutes les lignes ont été rejetées<');
    expect(await shown('en', { inserted: 3 })).toContain('class="status-dot run-completed" data-status="completed">Completed<');
  });
});
