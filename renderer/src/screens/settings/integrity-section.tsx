import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';

/** Checks every encrypted page and the database structure; a damaged disk shows up here before a restore is needed. */
export function IntegritySection(): ReactNode {
  const { t } = useTranslation();
  const [report, setReport] = useState<MethodOutput<'vault.check'> | null>(null);
  const check = useApiAction('vault.check');

  async function run(): Promise<void> {
    setReport(null);
    const result = await check.run({});
    if (result.ok) setReport(result.value);
  }

  return (
    <Section title={t('settings.check.title')} description={t('settings.check.description')} id="integrity">
      <div className="form-actions start">
        <button type="button" className="button" disabled={check.busy} aria-busy={check.busy} onClick={() => void run()}>
          {check.busy ? t('settings.check.running') : t('settings.check.run')}
        </button>
      </div>
      <ErrorAlert error={check.error} />
      {report ? (
        <div className={`result ${report.ok ? 'result-ok' : 'result-bad'}`} data-testid="check-result" role={report.ok ? undefined : 'alert'}>
          <p className="result-title">{report.ok ? t('settings.check.ok') : t('settings.check.problems', { count: report.problems.length })}</p>
          {report.problems.length > 0 ? (
            <ul className="file-list">
              {report.problems.slice(0, 20).map((problem, index) => (
                <li key={index}>
                  <code>{problem}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
