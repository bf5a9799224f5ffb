/** Shown when the backend cannot be reached at all, or refuses this page (browser mode without its token). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../api/client';
import { ErrorAlert } from '../../components/alert';
import { AuthLayout } from '../../components/auth-layout';

export function StartProblemScreen({ error, onRetry }: { readonly error: ClientError; readonly onRetry: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <AuthLayout
      title={t('start.problemTitle')}
      intro={error.code === 'UNAUTHORIZED' ? t('start.problemToken') : t('start.problemOther')}
      languageChoice={false}
    >
      <ErrorAlert error={error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    </AuthLayout>
  );
}
