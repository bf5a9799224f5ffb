/**
 * The title of a person's timeline with the true number of events. The backend sends the latest ones
 * only, so when it left some out the page says so rather than let a round 1,000 pass for everything.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';

interface Props {
  readonly id: string;
  /** Events sent with the detail (the latest ones). */
  readonly shown: number;
  /** Events the person has in all. */
  readonly total: number;
}

export function EventsHeading({ id, shown, total }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      <h3 className="card-title" id={id}>
        {t('profiles.detail.events', { count: total, formatted: formatNumber(total, language) })}
      </h3>
      {total > shown ? (
        <p className="card-description" data-testid="profile-events-latest">
          {t('profiles.detail.eventsLatest', { shown: formatNumber(shown, language), total: formatNumber(total, language) })}
        </p>
      ) : null}
    </>
  );
}
