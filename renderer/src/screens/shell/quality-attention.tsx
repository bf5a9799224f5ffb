/** On the landing page, a line when imports kept values to review: how many records, and the way there. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';

export function QualityAttention({ onOpen }: { readonly onOpen: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const overview = useApiData('quality.overview', {});
  // Nothing at all while loading or on an error: the landing page is no place to worry about it.
  const records = (overview.data ?? []).reduce((sum, source) => sum + source.flaggedRecords, 0);
  if (records === 0) return null;
  return (
    <section className="card attention-card" aria-labelledby="home-attention-title" data-testid="home-attention">
      <h2 className="card-title" id="home-attention-title">
        {t('quality.home.title')}
      </h2>
      <button type="button" className="link-button" onClick={onOpen}>
        {t('quality.home.toReview', { count: records, formatted: formatNumber(records, i18n.language) })}
      </button>
    </section>
  );
}
