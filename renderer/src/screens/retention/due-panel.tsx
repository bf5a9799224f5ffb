/**
 * The due list: everyone past the date their purposes allow on a chosen day (today unless another is
 * picked), counted by what happens to them, drawn by month and purpose, and listed a page at a time.
 * Reading it brings the dates up to date; "Refresh dates" does it on demand (a rebuild for administrators).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_ACTIONS, type DueItem, type RetentionAction } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { DateField } from '../../components/date-field';
import { SelectField } from '../../components/field';
import { JobProgressBar } from '../../components/job-progress';
import { Pager } from '../../components/pager';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatDateTime, formatNumber, formatWhen } from '../../lib/format';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { purposeName } from '../../lib/purpose-name';
import { DueChart } from './due-chart';
import { localDay } from './retention-text';
import { usePurposeNames } from './use-purpose-names';

const PAGE_SIZE = 50;

function DueTable({
  items,
  caption,
  onOpen,
}: {
  readonly items: readonly DueItem[];
  readonly caption: string;
  readonly onOpen: (id: number) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const name = usePurposeNames();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="due-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.due.columns.name')}</th>
            <th scope="col">{t('retention.due.columns.until')}</th>
            <th scope="col">{t('retention.due.columns.purpose')}</th>
            <th scope="col">{t('retention.due.columns.rule')}</th>
            <th scope="col">{t('retention.due.columns.action')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.profileId} data-testid="due-row" data-profile={item.profileId} data-action={item.action}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(item.profileId)}>
                  {item.name.trim() === '' ? t('retention.screen.unnamed') : item.name}
                </button>
              </th>
              <td>{formatWhen(item.until, i18n.language)}</td>
              <td>{name(item.purpose)}</td>
              <td>
                {item.ruleId === null ? <span className="muted">{t('retention.screen.noRule')}</span> : t('retention.screen.ruleNumber', { id: item.ruleId })}
              </td>
              <td>
                <span className={`badge ${item.action === 'anonymize' ? 'tag-warning' : 'badge-off'}`}>{t(`retention.actions.${item.action}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RefreshDates({ isAdmin, onRefreshed }: { readonly isAdmin: boolean; readonly onRefreshed: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const job = useJob('retention.refresh');
  const [rebuild, setRebuild] = useState(false);
  const done = job.state.kind === 'completed' ? job.state.value : null;
  useEffect(() => {
    if (done !== null) onRefreshed();
  }, [done, onRefreshed]);
  return (
    <div className="stack" data-testid="due-refresh">
      <div className="form-actions start">
        <button type="button" className="button" disabled={job.running} aria-busy={job.running} onClick={() => void job.start({ rebuild: isAdmin && rebuild })}>
          {t('retention.due.refresh')}
        </button>
        {isAdmin ? (
          <label className="checkbox">
            <input type="checkbox" checked={rebuild} disabled={job.running} onChange={(event) => setRebuild(event.target.checked)} />
            <span>{t('retention.due.rebuild')}</span>
          </label>
        ) : null}
      </div>
      {job.state.kind === 'running' ? (
        <JobProgressBar
          label={t('retention.due.refreshing')}
          progress={job.state.progress}
          cancelling={job.state.cancelling}
          onCancel={() => void job.cancel()}
        />
      ) : null}
      {job.state.kind === 'cancelled' ? <Notice tone="warning">{t('retention.due.refreshCancelled')}</Notice> : null}
      <ErrorAlert error={job.state.kind === 'failed' ? job.state.error : null} />
      {done !== null ? (
        <Notice tone="success" testId="due-refreshed">
          {t('retention.due.refreshed', {
            count: done.profiles,
            formatted: formatNumber(done.profiles, i18n.language),
            what: t(`retention.due.modes.${done.mode}`),
          })}
        </Notice>
      ) : null}
    </div>
  );
}

export function DuePanel({
  isAdmin,
  initialAction,
  onOpenPerson,
}: {
  readonly isAdmin: boolean;
  readonly initialAction?: RetentionAction | undefined;
  readonly onOpenPerson: (profileId: number) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { purposes } = usePurposeCatalog();
  const [day, setDay] = useState(() => localDay(new Date()));
  const [purpose, setPurpose] = useState('');
  const [action, setAction] = useState<RetentionAction | ''>(initialAction ?? '');
  const [offset, setOffset] = useState(0);
  const due = useApiData('retention.due', {
    ...(day === '' ? {} : { on: day }),
    ...(purpose === '' ? {} : { purpose }),
    ...(action === '' ? {} : { action }),
    limit: PAGE_SIZE,
    offset,
  });
  const data = due.data;
  const n = (count: number) => ({ count, formatted: formatNumber(count, language) });
  const { reload } = due;

  return (
    <div className="stack" data-testid="due-panel">
      <p className="lead">{t('retention.due.intro')}</p>
      <div className="field-row three" role="group" aria-label={t('retention.due.filters')}>
        <DateField
          label={t('retention.due.day')}
          value={day}
          onChange={(value) => {
            setDay(value);
            setOffset(0);
          }}
        />
        <SelectField
          label={t('retention.due.purpose')}
          value={purpose}
          onChange={(event) => {
            setPurpose(event.target.value);
            setOffset(0);
          }}
          name="purpose"
          data-testid="due-purpose"
        >
          <option value="">{t('retention.due.allPurposes')}</option>
          {(purposes ?? []).map((entry) => (
            <option key={entry.code} value={entry.code}>
              {purposeName(entry, entry.code, language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('retention.due.action')}
          value={action}
          onChange={(event) => {
            setAction(event.target.value as RetentionAction | '');
            setOffset(0);
          }}
          name="action"
          data-testid="due-action"
        >
          <option value="">{t('retention.due.allActions')}</option>
          {RETENTION_ACTIONS.map((entry) => (
            <option key={entry} value={entry}>
              {t(`retention.actions.${entry}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <RefreshDates isAdmin={isAdmin} onRefreshed={reload} />
      <ErrorAlert error={due.error} />
      {data === null ? (
        due.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <section className="card" aria-label={t('retention.due.counts', { date: formatWhen(data.on, language) })} data-testid="due-counts">
            <dl className="counts">
              {(
                [
                  ['toAnonymize', data.toAnonymize],
                  ['toReview', data.toReview],
                  ['held', data.held],
                ] as const
              ).map(([key, count]) => (
                <div key={key} data-testid={`due-${key}`} data-count={count}>
                  <dt>{t(`retention.due.countLabels.${key}`)}</dt>
                  <dd>{formatNumber(count, language)}</dd>
                </div>
              ))}
            </dl>
            <p className="muted small">{t('retention.due.heldHint')}</p>
            <p className="muted small">
              {data.refreshedAt === null
                ? t('retention.due.refreshedNever')
                : t('retention.due.refreshedAt', { date: formatDateTime(data.refreshedAt, language) })}
            </p>
          </section>
          <DueChart groups={data.byPurposeMonth} />
          {data.total === 0 ? (
            <p className="muted" data-testid="due-none">
              {t('retention.due.none')}
            </p>
          ) : (
            <>
              <p className="muted small" data-testid="due-total" data-total={data.total}>
                {t('retention.due.total', n(data.total))}
              </p>
              <DueTable items={data.items} caption={t('retention.due.caption', { date: formatWhen(data.on, language) })} onOpen={onOpenPerson} />
              <Pager offset={offset} pageSize={PAGE_SIZE} total={data.total} busy={due.loading} label={t('retention.due.pages')} onOffset={setOffset} />
            </>
          )}
        </>
      )}
    </div>
  );
}
