import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError, ClientErrorCode } from '../api/client';
import { errorText, untranslatedDetail } from '../i18n/error-text';

interface ErrorAlertProps {
  readonly error: ClientError | null;
  /** Sharper wording where the context is known, e.g. WRONG_PASSPHRASE on a recovery-code form. */
  readonly overrides?: Partial<Record<ClientErrorCode, string>>;
  readonly testId?: string;
}

/** A translated API error, announced by screen readers as soon as it appears. */
export function ErrorAlert({ error, overrides, testId }: ErrorAlertProps): ReactNode {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = overrides?.[error.code] ? null : untranslatedDetail(t, error);
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-code={error.code}>
      {overrides?.[error.code] ?? errorText(t, error)}
      {detail ? (
        <p className="alert-detail" lang="en">
          {detail}
        </p>
      ) : null}
    </div>
  );
}

export function Notice({
  tone = 'info',
  children,
  testId,
}: {
  readonly tone?: 'info' | 'success' | 'warning';
  readonly children: ReactNode;
  readonly testId?: string;
}): ReactNode {
  return (
    <div className={`alert alert-${tone}`} role="status" data-testid={testId}>
      {children}
    </div>
  );
}
