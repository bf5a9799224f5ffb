/** A lease's state as a chip, and its days left (a warning once within its notice days). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../main/api/contract';
import { endsSoon, leaseTone } from './partners-text';

const TONE_CLASS = { ok: 'badge-ok', off: 'badge-off', warning: 'tag-warning', danger: 'badge-overdue' } as const;

export function LeaseChip({ agreement }: { readonly agreement: Pick<Agreement, 'state'> }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className={`badge ${TONE_CLASS[leaseTone(agreement.state)]}`} data-testid="lease-state" data-state={agreement.state}>
      {t(`partners.screens.states.${agreement.state}`)}
    </span>
  );
}

export function DaysLeft({ agreement }: { readonly agreement: Pick<Agreement, 'state' | 'daysLeft' | 'noticeDays'> }): ReactNode {
  const { t } = useTranslation();
  if (agreement.state === 'revoked' || agreement.state === 'expired') return <span className="muted">–</span>;
  const soon = endsSoon(agreement);
  return (
    <span className={soon ? 'badge tag-warning' : undefined} data-testid="lease-days-left" data-soon={soon}>
      {soon ? '⚠ ' : ''}
      {t('partners.screens.agreements.daysLeft', { count: agreement.daysLeft })}
    </span>
  );
}
