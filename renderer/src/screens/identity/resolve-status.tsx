/**
 * Where identity resolution stands (records, people, the last resolution) and Resolve identities: a job
 * with its progress and Cancel (which leaves the people as they were), then what it did.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodReply } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { JobProgressBar } from '../../components/job-progress';
import type { ApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatDateTime, formatNumber } from '../../lib/format';

interface Props {
  readonly status: ApiData<MethodReply<'identity.status'>>;
  readonly onResolved: () => void;
}

export function ResolveStatus({ status, onResolved }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const job = useJob('identity.resolve');
  const link = useJob('identity.link');
  const { state } = job;
  const data = status.data;
  const format = (value: number): string => formatNumber(value, language);

  useEffect(() => {
    if (state.kind === 'completed' || link.state.kind === 'completed') onResolved();
  }, [state, link.state, onResolved]);

  return (
    <section className="card" aria-label={t('identity.status.label')} data-testid="identity-status">
      <ErrorAlert error={status.error} />
      {data ? (
        <dl className="facts identity-facts">
          <div>
            <dt>{t('identity.status.records')}</dt>
            <dd data-testid="identity-records">{format(data.records)}</dd>
          </div>
          <div>
            <dt>{t('identity.status.profiles')}</dt>
            <dd data-testid="identity-profiles">{format(data.profiles)}</dd>
          </div>
          <div>
            <dt>{t('identity.status.pending')}</dt>
            <dd data-testid="identity-pending">{format(data.pendingPairs)}</dd>
          </div>
          <div>
            <dt>{t('identity.status.conflicts')}</dt>
            <dd>{format(data.conflicts)}</dd>
          </div>
          <div>
            <dt>{t('identity.status.lastRun')}</dt>
            <dd data-testid="identity-last-run">
              {data.lastRun
                ? t(data.lastRun.kind === 'incremental' ? 'identity.status.lastLinkValue' : 'identity.status.lastRunValue', {
                    date: formatDateTime(data.lastRun.finishedAt, language),
                    count: data.lastRun.moved,
                    formatted: format(data.lastRun.moved),
                  })
                : t('identity.status.never')}
            </dd>
          </div>
          {data.pendingRecords > 0 ? (
            <div>
              <dt>{t('identity.status.pendingRecords')}</dt>
              <dd data-testid="identity-pending-records">{format(data.pendingRecords)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <div className="form-actions start">
        <button type="button" className="button button-primary" disabled={job.running} onClick={() => void job.start({ dryRun: false })}>
          {t('identity.resolve.button')}
        </button>
        {data !== undefined && data !== null && data.pendingRecords > 0 ? (
          <button type="button" className="button" disabled={link.running || job.running} onClick={() => void link.start({})}>
            {t('identity.link.button')}
          </button>
        ) : null}
      </div>
      {link.state.kind === 'running' ? (
        <JobProgressBar label={t('identity.link.running')} progress={link.state.progress} cancelling={link.state.cancelling} onCancel={() => void link.cancel()} />
      ) : null}
      {link.state.kind === 'completed' ? (
        <Notice tone="success" testId="link-result">
          {t('identity.link.done', { records: format(link.state.value.compared), joined: format(link.state.value.joined), review: format(link.state.value.reviewPairs) })}
        </Notice>
      ) : null}
      {link.state.kind === 'failed' ? <ErrorAlert error={link.state.error} /> : null}
      {state.kind === 'running' ? (
        <JobProgressBar label={t('identity.resolve.running')} progress={state.progress} cancelling={state.cancelling} onCancel={() => void job.cancel()} />
      ) : null}
      {state.kind === 'completed' ? (
        <Notice tone="success" testId="resolve-result">
          {t('identity.resolve.done', {
            records: format(state.value.records),
            pairs: format(state.value.candidatePairs),
            before: format(state.value.profilesBefore),
            after: format(state.value.profilesAfter),
            moved: format(state.value.moved),
            review: format(state.value.reviewPairs),
          })}
          {state.value.unusable > 0 ? ` ${t('identity.resolve.unusable', { count: state.value.unusable, formatted: format(state.value.unusable) })}` : null}
        </Notice>
      ) : null}
      {state.kind === 'cancelled' ? (
        <Notice tone="warning" testId="resolve-stopped">
          {t('identity.resolve.stopped')}
        </Notice>
      ) : null}
      {state.kind === 'failed' ? <ErrorAlert error={state.error} /> : null}
    </section>
  );
}
