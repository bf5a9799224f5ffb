/** The common frame of a job's lifecycle on screen: progress while running, then cancelled or a translated error. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobMethodName } from '../../../main/api/contract';
import { ErrorAlert, Notice } from './alert';
import { JobProgressBar } from './job-progress';
import type { Job } from '../hooks/use-job';

export function JobStatus<M extends JobMethodName>({ job, label }: { readonly job: Job<M>; readonly label: string }): ReactNode {
  const { t } = useTranslation();
  const { state } = job;
  switch (state.kind) {
    case 'running':
      return <JobProgressBar label={label} progress={state.progress} cancelling={state.cancelling} onCancel={() => void job.cancel()} />;
    case 'cancelled':
      return <Notice tone="warning">{t('jobs.cancelled')}</Notice>;
    case 'failed':
      return <ErrorAlert error={state.error} />;
    case 'idle':
    case 'completed':
      return null;
  }
}
