/**
 * The register of sources: where personal data comes from, what for, on which lawful basis, and the last
 * import. With `onEdit` (administrators and stewards) each source has an Edit button; without, the
 * register is read-only.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../main/api/contract';
import { countryName } from '../../lib/countries';
import { formatDateTime, formatNumber } from '../../lib/format';
import { RunStatus } from './run-status';

interface Props {
  readonly sources: readonly Source[];
  readonly onEdit?: (source: Source) => void;
  /** Each Edit button as it mounts, so the one that opened the editor can take the focus back. */
  readonly editButton?: (source: Source, button: HTMLButtonElement | null) => void;
}

export function SourcesRegister({ sources, onEdit, editButton }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
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
            {onEdit ? (
              <th scope="col">
                <span className="visually-hidden">{t('sources.columns.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id} data-source={source.name}>
              <th scope="row">{source.name}</th>
              <td>{t(`sources.kinds.${source.kind}`)}</td>
              <td>
                <ul className="chips compact">
                  {source.purposes.map(({ purpose, basis }) => (
                    <li key={purpose} className="chip">
                      {purpose}
                      {/* A purpose on another basis than the source's says which. */}
                      {basis === source.lawfulBasis ? null : <span className="chip-note"> · {t(`lawfulBasis.${basis}`)}</span>}
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
              {onEdit ? (
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('sources.edit.open', { name: source.name })}
                    ref={(button) => editButton?.(source, button)}
                    onClick={() => onEdit(source)}
                  >
                    {t('sources.edit.button')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
