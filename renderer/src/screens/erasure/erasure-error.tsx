/** An erasure method's error: its own sentence when the reason is one the erasure words, the general one otherwise. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../api/client';
import { ErrorAlert } from '../../components/alert';
import { erasureErrorReason } from './erasure-text';

export function ErasureErrorAlert({ error, testId }: { readonly error: ClientError | null; readonly testId?: string }): ReactNode {
  const { t } = useTranslation();
  const reason = erasureErrorReason(error);
  const overrides = error !== null && reason !== null ? { [error.code]: t(`erasure.errors.${reason}`, { ...error.params }) } : undefined;
  return <ErrorAlert error={error} overrides={overrides} testId={testId} />;
}
