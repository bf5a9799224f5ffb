/** A running job: what it is doing, how far it got, and a way to stop it. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../api/client';
import { formatNumber } from '../lib/format';

interface Props {
  readonly label: string;
  readonly progress: JobProgress | null;
  readonly cancelling: boolean;
  readonly onCancel: () => void;
}

export function JobProgressBar({ label, progress, cancelling, onCancel }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const total = progress?.total ?? null;
  const done = progress?.done ?? 0;
  const step = progress?.step ?? 'starting';
  return (
    <div className="job" data-testid="job-progress">
      <div className="job-head">
        <span className="job-label">{label}</span>
        <span className="job-step">
          {t(`jobs.steps.${step}`, { defaultValue: step })}
          {total !== null && total > 0 ? ` · ${formatNumber(done, i18n.language)} / ${formatNumber(total, i18n.language)}` : ''}
        </span>
      </div>
      <div className="job-bar">
        {/* No value while the total is unknown: an indeterminate bar, not a misleading 0 %. */}
        <progress aria-label={label} max={total && total > 0 ? total : undefined} value={total && total > 0 ? Math.min(done, total) : undefined} />
        {/* Available before any progress: a job slow to start (a large file hashed, a connector connecting)
            can be stopped too, and a cancel sent before the job id is known is held until it is. */}
        <button type="button" className="button button-small" onClick={onCancel} disabled={cancelling}>
          {cancelling ? t('jobs.cancelling') : t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
