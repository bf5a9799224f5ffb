/** Previous / next through a long list fetched a page at a time, with where we are in it. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

interface Props {
  readonly offset: number;
  readonly pageSize: number;
  readonly total: number;
  readonly busy?: boolean;
  readonly label: string;
  readonly onOffset: (offset: number) => void;
}

export function Pager({ offset, pageSize, total, busy = false, label, onOffset }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  if (total <= pageSize) return null;
  const language = i18n.language;
  const last = Math.min(total, offset + pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button-small" disabled={busy || offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('pager.previous')}
      </button>
      <span className="pager-position" aria-live="polite">
        {t('pager.position', { first: formatNumber(offset + 1, language), last: formatNumber(last, language), total: formatNumber(total, language) })}
      </span>
      <button type="button" className="button button-small" disabled={busy || last >= total} onClick={() => onOffset(offset + pageSize)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
