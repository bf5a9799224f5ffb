/**
 * The Requests screen: the register of data-subject requests by deadline, the overdue ones first and
 * highlighted, with days left counted in the vault's time zone; a chart of requests per month and the
 * median time to close; opening a request; one request's detail with verify, match, extend and close.
 * Auditors read the register without the requesters' names (docs/requests.md).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetail, RequestSummary } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField } from '../../components/field';
import { PageHeader } from '../../components/section';
import { useApiData } from '../../hooks/use-api-data';
import { formatWhen } from '../../lib/format';
import type { Navigate } from '../../session/areas';
import { hasRole, useSession } from '../../session/session-context';
import { OpenRequestForm } from './open-request-form';
import { RequestDetailView } from './request-detail';
import { deadlineText } from './request-text';
import { RequestsChart } from './requests-chart';

type Filter = 'open' | 'closed' | 'all';

function RequestsTable({ requests, onOpen }: { readonly requests: readonly RequestSummary[]; readonly onOpen: (id: number) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-wrap">
      <table className="table requests-table" data-testid="requests-table">
        <caption className="visually-hidden">{t('requests.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requests.columns.id')}</th>
            <th scope="col">{t('requests.columns.type')}</th>
            <th scope="col">{t('requests.columns.requester')}</th>
            <th scope="col">{t('requests.columns.jurisdiction')}</th>
            <th scope="col">{t('requests.columns.received')}</th>
            <th scope="col">{t('requests.columns.deadline')}</th>
            <th scope="col">{t('requests.columns.daysLeft')}</th>
            <th scope="col">{t('requests.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr
              key={request.id}
              className={request.overdue ? 'request-overdue' : undefined}
              data-testid="request-row"
              data-id={request.id}
              data-overdue={request.overdue}
            >
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(request.id)}>
                  {t('requests.requestNumber', { id: request.id })}
                </button>
              </th>
              <td>{t(`requests.types.${request.type}`)}</td>
              <td>{request.requesterName ?? <span className="muted">{t('requests.hidden')}</span>}</td>
              <td>{t(`requests.jurisdictions.${request.jurisdiction}`)}</td>
              <td>{formatWhen(request.receivedOn, language)}</td>
              <td>{formatWhen(request.deadline, language)}</td>
              <td>
                {request.overdue ? <strong className="badge badge-overdue">{deadlineText(t, request, language)}</strong> : deadlineText(t, request, language)}
              </td>
              <td>{request.outcome !== null ? t(`requests.outcomes.${request.outcome}`) : t(`requests.statuses.${request.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Detail({
  id,
  canAct,
  onBack,
  onChanged,
  onOpenCertificate,
}: {
  readonly id: number;
  readonly canAct: boolean;
  readonly onBack: () => void;
  readonly onChanged: () => void;
  readonly onOpenCertificate?: ((id: number) => void) | undefined;
}): ReactNode {
  const detail = useApiData('requests.get', { id });
  const [latest, setLatest] = useState<RequestDetail | null>(null);
  const shown = latest ?? detail.data;
  return (
    <>
      <ErrorAlert error={detail.error} />
      {shown ? (
        <RequestDetailView
          request={shown}
          canAct={canAct}
          onBack={onBack}
          onOpenCertificate={onOpenCertificate}
          onChanged={(request) => {
            setLatest(request);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

export function RequestsScreen({ onNavigate }: { readonly onNavigate?: Navigate | undefined }): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const canAct = hasRole(user, 'administrator', 'steward');
  const [filter, setFilter] = useState<Filter>('open');
  const [opening, setOpening] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useApiData('requests.list', { status: filter });
  const stats = useApiData('requests.stats', {});
  const { i18n } = useTranslation();

  const reload = () => {
    list.reload();
    stats.reload();
  };

  if (selected !== null) {
    return (
      <div className="page">
        <PageHeader title={t('requests.title')} />
        {notice !== null ? (
          <Notice tone="success" testId="request-notice">
            {notice}
          </Notice>
        ) : null}
        <Detail
          key={selected}
          id={selected}
          canAct={canAct}
          onBack={() => {
            setSelected(null);
            setNotice(null);
          }}
          onChanged={reload}
          onOpenCertificate={onNavigate === undefined ? undefined : (certificateId) => onNavigate('erasure', { certificateId })}
        />
      </div>
    );
  }

  return (
    <div className="page stack" data-testid="requests-screen">
      <PageHeader title={t('requests.title')}>
        {canAct && !opening ? (
          <button type="button" className="button button-primary" onClick={() => setOpening(true)} data-testid="request-open-button">
            {t('requests.openButton')}
          </button>
        ) : null}
      </PageHeader>
      <p className="lead">{t('requests.intro')}</p>
      {!canAct ? <Notice>{t('requests.auditorNote')}</Notice> : null}
      {opening && list.data ? (
        <OpenRequestForm
          today={list.data.today}
          onCancel={() => setOpening(false)}
          onOpened={(request) => {
            setOpening(false);
            setNotice(t('requests.form.opened', { id: request.id, due: formatWhen(request.deadline, i18n.language) }));
            reload();
            setSelected(request.id);
          }}
        />
      ) : null}
      <div className="form-actions start">
        <SelectField label={t('requests.filterLabel')} value={filter} onChange={(event) => setFilter(event.target.value as Filter)} name="filter">
          {(['open', 'closed', 'all'] as const).map((entry) => (
            <option key={entry} value={entry}>
              {t(`requests.filter.${entry}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={list.error} />
      {list.data ? (
        <>
          <p className="muted small" data-testid="requests-zone">
            {t('requests.timeZone', { zone: list.data.timeZone, today: formatWhen(list.data.today, i18n.language) })}
          </p>
          {list.data.requests.length === 0 ? (
            <p className="muted" data-testid="requests-none">
              {t('requests.none')}
            </p>
          ) : (
            <>
              <RequestsTable requests={list.data.requests} onOpen={setSelected} />
              {list.data.total > list.data.requests.length ? (
                <p className="muted small" data-testid="requests-more">
                  {t('requests.shown', { shown: list.data.requests.length, total: list.data.total })}
                </p>
              ) : null}
            </>
          )}
        </>
      ) : (
        <p className="muted">{t('requests.loading')}</p>
      )}
      <ErrorAlert error={stats.error} />
      {stats.data ? <RequestsChart stats={stats.data} /> : null}
    </div>
  );
}
