/** One legal hold in a line: what it is, on whom or what, why, and until when. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalHold } from '../../../../main/api/contract';
import { formatWhen } from '../../lib/format';

export function HoldLine({ hold }: { readonly hold: LegalHold }): ReactNode {
  const { t, i18n } = useTranslation();
  const target =
    hold.profileId !== null
      ? t('erasure.holds.onProfile', { id: hold.profileId })
      : t('erasure.holds.onSource', { source: hold.sourceName ?? t('erasure.facts.sourceNumber', { id: hold.sourceId ?? 0 }) });
  const parts = [
    t('erasure.holds.title', { id: hold.id, kind: t(`erasure.holds.kinds.${hold.kind}`) }),
    target,
    hold.reason ?? t('erasure.holds.reasonHidden'),
    hold.reference !== null ? t('erasure.holds.referenceIs', { reference: hold.reference }) : null,
    hold.until !== null ? t('erasure.holds.untilDate', { date: formatWhen(hold.until, i18n.language) }) : null,
  ];
  return <span data-hold={hold.id}>{parts.filter((part): part is string => part !== null).join(' · ')}</span>;
}
