/**
 * The flagged values themselves, a page at a time: whose they are (a button opening the person), the
 * customer number, the column, the value exactly as sent and why it could not be read.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { Pager } from '../../components/pager';
import { useApiData } from '../../hooks/use-api-data';
import { fieldLabelKey } from '../../lib/quality';
import type { CountFilter } from './source-quality';

const PAGE_SIZE = 50;

interface Props {
  readonly sourceId: number;
  readonly runId: number | undefined;
  readonly filter: CountFilter | null;
  readonly onShowAll: () => void;
  readonly onPerson: (profileId: number) => void;
}

export function FlagsList({ sourceId, runId, filter, onShowAll, onPerson }: Props): ReactNode {
  const { t } = useTranslation();
  // The page belongs to the filter it was turned for: another filter starts at its first page.
  const [paged, setPaged] = useState<{ readonly filter: CountFilter | null; readonly offset: number }>({ filter, offset: 0 });
  const offset = paged.filter === filter ? paged.offset : 0;
  const page = useApiData('quality.flags', { sourceId, ...(runId === undefined ? {} : { runId }), ...(filter ?? {}), offset, limit: PAGE_SIZE });
  const rows = page.data?.rows ?? [];
  return (
    <section className="card" aria-labelledby="quality-list-title">
      <div className="form-actions spread">
        <h2 className="card-title" id="quality-list-title">
          {t('quality.list.title')}
          {filter ? <span className="muted"> · {t('quality.list.filtered', { field: t(fieldLabelKey(filter.field)), column: filter.column })}</span> : null}
        </h2>
        {filter ? (
          <button type="button" className="button button-small" onClick={onShowAll}>
            {t('quality.counts.showAll')}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={page.error} />
      {page.data && rows.length === 0 ? <p className="empty">{t('quality.list.empty')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="quality-flags" aria-busy={page.loading}>
            <caption className="visually-hidden">{t('quality.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('quality.list.person')}</th>
                <th scope="col">{t('quality.list.externalId')}</th>
                <th scope="col">{t('quality.list.column')}</th>
                <th scope="col">{t('quality.list.raw')}</th>
                <th scope="col">{t('quality.list.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.flagId} data-flag-id={row.flagId}>
                  <th scope="row">
                    {row.profileId !== null ? (
                      <button type="button" className="link-button" onClick={() => row.profileId !== null && onPerson(row.profileId)}>
                        {row.displayName}
                      </button>
                    ) : (
                      row.displayName
                    )}
                  </th>
                  <td>{row.externalId}</td>
                  <td>
                    <code>{row.column}</code>
                  </td>
                  <td className="raw-cell">{row.raw === '' ? <span className="muted">{t('quality.list.blank')}</span> : <code>{row.raw}</code>}</td>
                  <td>{t(`import.rejects.reason.${row.code}`, { ...row.params, defaultValue: row.reason })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager
        offset={offset}
        pageSize={PAGE_SIZE}
        total={page.data?.total ?? 0}
        busy={page.loading}
        label={t('quality.list.pager')}
        onOffset={(next) => setPaged({ filter, offset: next })}
      />
    </section>
  );
}
