/**
 * A run's or a connector's stored error in the steward's language where it has a code (see
 * lib/stored-error.ts). `children` follow the sentence on its line (a connector's failure count); the
 * server's English words, when they add something, get a line of their own under it, as in ErrorAlert.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '../../../main/api/contract';
import { shownError } from '../lib/stored-error';

interface Props {
  readonly text: string;
  readonly detail: ErrorDetail | null;
  readonly children?: ReactNode;
}

export function StoredErrorText({ text, detail, children }: Props): ReactNode {
  const { t } = useTranslation();
  const shown = shownError(t, text, detail);
  return (
    <>
      <span lang={shown.lang}>{shown.text}</span>
      {children}
      {shown.detail ? (
        <span className="stored-error-detail" lang="en">
          {shown.detail}
        </span>
      ) : null}
    </>
  );
}
