import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The primary button of a form: disabled and relabelled while the request runs, so it cannot be sent twice. */
export function SubmitButton({
  busy,
  children,
  className,
  disabled,
  ...rest
}: { readonly busy: boolean } & ButtonHTMLAttributes<HTMLButtonElement>): ReactNode {
  const { t } = useTranslation();
  return (
    <button type="submit" className={`button button-primary ${className ?? ''}`} disabled={busy || disabled} aria-busy={busy} {...rest}>
      {busy ? t('common.working') : children}
    </button>
  );
}
