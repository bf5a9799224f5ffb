/** The register of sources: where personal data comes from, what for, on which lawful basis, and the last import. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { countryName } from '../../lib/countries';
import { formatDateTime, formatNumber } from '../../lib/format';
import { RunStatus } from './run-status';

export function SourcesTable(): ReactNode {
  const { t, i18n } = useTranslation();
  const sources = useApiData('sources.list', {});
  const language = i18n.language;
  if (sources.error) return <ErrorAlert error={sources.error} />;
  if (!sources.data) return <p className="muted">{t('common.loading')}</p>;
  if (sources.data.length === 0) return <p className="empty">{t('sources.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="sources-table">
        <caption className="visually-hidden">{t('sources.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.columns.name')}</th>
            <th scope="col">{t('sources.columns.kind')}</th>
            <th scope="col">{t('sources.columns.purposes')}</th>
            <th scope="col">{t('sources.columns.lawfulBasis')}</th>
            <th scope="col">{t('sources.columns.country')}</th>
            <th scope="col">{t('sources.columns.lastRun')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.data.map((source) => (
            <tr key={source.id}>
              <th scope="row">{source.name}</th>
              <td>{t(`sources.kinds.${source.kind}`)}</td>
              <td>
                <ul className="chips compact">
                  {source.purposes.map((purpose) => (
                    <li key={purpose} className="chip">
                      {purpose}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{t(`lawfulBasis.${source.lawfulBasis}`)}</td>
              <td>{source.defaultCountry ? countryName(source.defaultCountry, language) : <span className="muted">—</span>}</td>
              <td>
                {source.lastRun ? (
                  <>
                    <RunStatus run={source.lastRun} />
                    <div className="muted small">
                      {formatDateTime(source.lastRun.startedAt, language)} ·{' '}
                      {t('sources.lastRunCounts', {
                        read: formatNumber(source.lastRun.read, language),
                        rejected: formatNumber(source.lastRun.rejected, language),
                      })}
                    </div>
                  </>
                ) : (
                  <span className="muted">{t('sources.neverRun')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
